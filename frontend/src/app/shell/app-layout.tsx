import {
  ActionIcon,
  AppShell,
  Burger,
  Button,
  Group,
  Kbd,
  Text,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure, useHotkeys, useOs } from "@mantine/hooks";
import { IconKeyboard, IconPlus, IconSearch } from "@tabler/icons-react";
import { lazy, type ReactNode, Suspense, useCallback, useState } from "react";
import { useNavigate } from "react-router";
import { notifyError } from "@/components/notify";
import type { User } from "@/features/auth/api";
import { useLogOut } from "@/features/auth/api";
import type { CreateTaskDefaults } from "@/features/tasks/components/create-task-modal";
import type { QuickPickMode } from "@/features/tasks/components/quick-pick";
import { TimerControl } from "@/features/time/components/timer-control";
import { canContribute, type Workspace } from "@/features/workspaces/api";
import { WorkspaceSwitcher } from "@/features/workspaces/components/workspace-switcher";
import { useCanApprove } from "./can-approve";
import { CommandPalette, palette } from "./command-palette";
import classes from "./shell.module.css";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";
import { useWork, WorkProvider } from "./work-context";

// The task and workspace forms and the quick pickers (with the task fields: date pickers,
// react-hook-form) load when first opened, not with the shell: they were a fifth of the landing route's weight
// (docs/performance.md, "Web app bundle").
const CreateTaskModal = lazy(async () => ({
  default: (await import("@/features/tasks/components/create-task-modal")).CreateTaskModal,
}));
const CreateWorkspaceModal = lazy(async () => ({
  default: (await import("@/features/workspaces/components/create-workspace-modal"))
    .CreateWorkspaceModal,
}));
const TaskQuickPick = lazy(async () => ({
  default: (await import("@/features/tasks/components/quick-pick")).TaskQuickPick,
}));

/** The frame around every workspace screen: header, sidebar, palette. */
export function AppLayout({
  workspace,
  user,
  children,
}: {
  workspace: Workspace;
  user: User;
  children: ReactNode;
}) {
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [creating, { open: openCreateModal, close: closeCreate }] = useDisclosure(false);
  // Each lazy form is mounted from its first opening on, so later openings keep their transitions.
  const [workspaceFormUsed, setWorkspaceFormUsed] = useState(false);
  const openCreate = useCallback(() => {
    setWorkspaceFormUsed(true);
    openCreateModal();
  }, [openCreateModal]);
  const [shortcutsOpen, shortcuts] = useDisclosure(false);
  const [timerFormOpen, setTimerFormOpen] = useState(false);
  const canApprove = useCanApprove(workspace, user.id);
  // A viewer's timer or new task would only end in a 403: offer neither.
  const contributor = canContribute(workspace.role);
  const [newTask, setNewTask] = useState<CreateTaskDefaults | null>(null);
  const [taskFormUsed, setTaskFormUsed] = useState(false);
  const createTask = useCallback((defaults: CreateTaskDefaults = {}) => {
    setTaskFormUsed(true);
    setNewTask(defaults);
  }, []);
  const navigate = useNavigate();
  const logOut = useLogOut();
  const os = useOs();
  const mod = os === "macos" || os === "ios" ? "⌘" : "Ctrl";

  const signOut = () =>
    logOut.mutate(undefined, { onError: (error) => notifyError(error, "Couldn't sign out") });

  return (
    <WorkProvider onCreateTask={createTask}>
      <AppShell
        header={{ height: 52 }}
        navbar={{ width: 232, breakpoint: "sm", collapsed: { mobile: !navOpen } }}
        padding={0}
      >
        <AppShell.Header className={classes.header}>
          <Burger
            opened={navOpen}
            onClick={toggleNav}
            hiddenFrom="sm"
            size="sm"
            aria-label="Menu"
          />
          <Group gap={10} wrap="nowrap" w={{ base: "auto", sm: 208 }}>
            <WorkspaceSwitcher current={workspace} onCreate={openCreate} />
          </Group>
          <Group flex={1} justify="center" visibleFrom="xs">
            <UnstyledButton className={classes.search} onClick={() => palette.open()}>
              <IconSearch size={15} stroke={1.75} />
              <Text size="sm" c="dimmed" flex={1}>
                Search or jump to…
              </Text>
              <Kbd size="xs">{mod} K</Kbd>
            </UnstyledButton>
          </Group>
          <Group gap={6} wrap="nowrap">
            {contributor ? (
              <>
                <TimerControl
                  workspaceId={workspace.id}
                  startOpened={timerFormOpen}
                  onStartOpenedChange={setTimerFormOpen}
                />
                <NewTaskButton />
              </>
            ) : null}
            <Tooltip label="Keyboard shortcuts (?)">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label="Keyboard shortcuts"
                onClick={shortcuts.open}
              >
                <IconKeyboard size={18} stroke={1.75} />
              </ActionIcon>
            </Tooltip>
            <UserMenu user={user} onSignOut={signOut} />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar className={classes.navbar}>
          <Sidebar workspaceId={workspace.id} canApprove={canApprove} onNavigate={closeNav} />
        </AppShell.Navbar>
        <AppShell.Main className={classes.main}>{children}</AppShell.Main>
        <CommandPalette
          workspace={workspace}
          onCreateWorkspace={openCreate}
          onSignOut={signOut}
          onShowShortcuts={shortcuts.open}
          onStartTimer={() => setTimerFormOpen(true)}
          canApprove={canApprove}
        />
        <WorkShortcuts
          workspaceId={workspace.id}
          contributor={contributor}
          onShowShortcuts={shortcuts.open}
          onStartTimer={() => setTimerFormOpen(true)}
        />
        <ShortcutsDialog opened={shortcutsOpen} onClose={shortcuts.close} />
        {taskFormUsed && (
          <Suspense fallback={null}>
            <CreateTaskModal
              workspaceId={workspace.id}
              opened={newTask !== null}
              defaults={newTask ?? {}}
              onClose={() => setNewTask(null)}
            />
          </Suspense>
        )}
        {workspaceFormUsed && (
          <Suspense fallback={null}>
            <CreateWorkspaceModal
              opened={creating}
              onClose={closeCreate}
              onCreated={(created) => navigate(`/w/${created.id}`)}
            />
          </Suspense>
        )}
      </AppShell>
    </WorkProvider>
  );
}

function NewTaskButton() {
  const { createTask, projectId } = useWork();
  return (
    <Tooltip label="Create a task (C)">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        onClick={() => createTask(projectId ? { projectId } : {})}
        visibleFrom="sm"
      >
        New task
      </Button>
    </Tooltip>
  );
}

/** `c`, `s`, `a`, `t` and `?` anywhere in the workspace (never while typing in a field). */
function WorkShortcuts({
  workspaceId,
  contributor,
  onShowShortcuts,
  onStartTimer,
}: {
  workspaceId: string;
  contributor: boolean;
  onShowShortcuts: () => void;
  onStartTimer: () => void;
}) {
  const { createTask, projectId, openTaskId, focusedTaskId } = useWork();
  const [mode, setMode] = useState<QuickPickMode | null>(null);
  const [picked, setPicked] = useState(false);
  const pick = (next: QuickPickMode) => {
    setPicked(true);
    setMode(next);
  };
  const target = openTaskId ?? focusedTaskId;
  useHotkeys([
    // A viewer can change nothing: the keys that create or edit do nothing for one.
    ["c", () => contributor && createTask(projectId ? { projectId } : {})],
    ["s", () => contributor && target && pick("status")],
    ["a", () => contributor && target && pick("assign")],
    ["t", () => contributor && onStartTimer()],
    ["shift+?", onShowShortcuts],
  ]);
  if (!picked) return null;
  return (
    <Suspense fallback={null}>
      <TaskQuickPick
        workspaceId={workspaceId}
        taskId={target}
        mode={mode}
        onClose={() => setMode(null)}
      />
    </Suspense>
  );
}
