import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";

/**
 * What the keyboard acts on: the task open in a panel or page wins over the row or card that has
 * focus. Screens report both; the shell's shortcuts (`s`, `a`) and the create dialog (`c`) read
 * them, with the project in view as the default for new tasks.
 */
interface WorkContext {
  focusedTaskId: string | null;
  openTaskId: string | null;
  projectId: string | null;
  setFocusedTaskId: (id: string | null) => void;
  setOpenTaskId: (id: string | null) => void;
  setProjectId: (id: string | null) => void;
  createTask: (defaults?: { projectId?: string; statusId?: string; parentId?: string }) => void;
}

const Context = createContext<WorkContext | null>(null);

export function WorkProvider({
  children,
  onCreateTask,
}: {
  children: ReactNode;
  onCreateTask: WorkContext["createTask"];
}) {
  const [focusedTaskId, setFocusedTaskId] = useState<string | null>(null);
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [projectId, setProjectId] = useState<string | null>(null);
  const value = useMemo(
    () => ({
      focusedTaskId,
      openTaskId,
      projectId,
      setFocusedTaskId,
      setOpenTaskId,
      setProjectId,
      createTask: onCreateTask,
    }),
    [focusedTaskId, openTaskId, projectId, onCreateTask],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useWork(): WorkContext {
  const context = useContext(Context);
  if (!context) throw new Error("useWork outside WorkProvider");
  return context;
}

/** Report the task that has focus to the shell's shortcuts; forget it when the screen goes. */
export function useFocusReporter() {
  const { setFocusedTaskId } = useWork();
  useEffect(() => () => setFocusedTaskId(null), [setFocusedTaskId]);
  return useCallback(
    (task: { id: string } | null) => setFocusedTaskId(task?.id ?? null),
    [setFocusedTaskId],
  );
}
