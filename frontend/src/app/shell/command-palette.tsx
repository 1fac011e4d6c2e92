import { useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { createSpotlight, Spotlight, type SpotlightActionGroupData } from "@mantine/spotlight";
import {
  IconClockPlus,
  IconFolder,
  IconHierarchy2,
  IconKey,
  IconKeyboard,
  IconListCheck,
  IconLogout,
  IconMoon,
  IconPlayerPlay,
  IconPlus,
  IconSearch,
  IconSwitchHorizontal,
  IconUserPlus,
} from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { useProjectDirectory } from "@/api/directory";
import { useTask, useTaskPage } from "@/features/tasks/api";
import {
  canAdminister,
  canContribute,
  useWorkspaces,
  type Workspace,
} from "@/features/workspaces/api";
import { visibleSections } from "./nav";
import { useWork } from "./work-context";

const ICON = { size: 18, stroke: 1.75 };

/** The palette's state; `palette.open()` shows it. */
export const [paletteStore, palette] = createSpotlight();

/**
 * Select the first result, so Enter opens it. Spotlight does this as the query is typed, but tasks
 * arrive later (a debounced search), when its selection has already run on the list without them.
 * Spotlight marks the selected action with `data-selected` and triggers that one on Enter.
 */
function selectFirstResult() {
  const { listId } = paletteStore.getState();
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return;
  list.querySelector("[data-selected]")?.removeAttribute("data-selected");
  const first = list.querySelector("[data-action]");
  first?.setAttribute("data-selected", "true");
  paletteStore.updateState((state) => ({ ...state, selected: first ? 0 : -1 }));
}
const TASK_KEY = /^[A-Za-z]{2,10}-[1-9][0-9]*$/;

/**
 * Ctrl/Cmd+K: jump to any screen, project or task (found by key or by words in its title or
 * description), or run an action, without the mouse.
 */
export function CommandPalette({
  workspace,
  onCreateWorkspace,
  onSignOut,
  onShowShortcuts,
  onStartTimer,
  canApprove,
}: {
  workspace: Workspace;
  onCreateWorkspace: () => void;
  onSignOut: () => void;
  onShowShortcuts: () => void;
  onStartTimer: () => void;
  canApprove: boolean;
}) {
  const navigate = useNavigate();
  const { items: workspaces = [] } = useWorkspaces();
  const projects = useProjectDirectory(workspace.id);
  const { createTask, projectId } = useWork();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme("light");
  const [query, setQuery] = useState("");
  const [searched] = useDebouncedValue(query.trim(), 200);
  const byKey = TASK_KEY.test(searched) ? searched.toUpperCase() : null;
  const keyed = useTask(workspace.id, byKey);
  const found = useTaskPage(
    workspace.id,
    { q: searched, sort: "-updated_at" },
    searched.length >= 2 && !byKey,
  );
  const base = `/w/${workspace.id}`;
  const admin = canAdminister(workspace.role);
  const contributor = canContribute(workspace.role);

  const tasks = [...(keyed.data ? [keyed.data] : []), ...(found.data?.items ?? []).slice(0, 8)];
  const taskIds = tasks.map((task) => task.id).join(" ");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the results changed, not a value read
  useEffect(selectFirstResult, [query, taskIds]);
  const actions: SpotlightActionGroupData[] = [
    {
      group: "Tasks",
      actions: tasks.map((task) => ({
        id: `task:${task.id}`,
        label: `${task.key} ${task.title}`,
        description: projects.byId.get(task.project_id)?.name,
        // Found by the server (maybe in the description): always shown for this query.
        keywords: [query],
        leftSection: <IconListCheck {...ICON} />,
        onClick: () => navigate(`${base}/tasks/${task.key}`),
      })),
    },
    {
      group: "Go to",
      actions: visibleSections(canApprove).flatMap((section) =>
        section.items.map((item) => ({
          id: `go:${item.path}`,
          label: item.label,
          description: item.description,
          keywords: [section.title],
          leftSection: <item.icon {...ICON} />,
          onClick: () => navigate(`${base}/${item.path}`),
        })),
      ),
    },
    {
      group: "Projects",
      actions: (projects.items ?? [])
        .filter((project) => project.status !== "archived")
        .map((project) => ({
          id: `project:${project.id}`,
          label: project.name,
          description: project.key,
          keywords: ["project", project.key],
          leftSection: <IconFolder {...ICON} />,
          onClick: () => navigate(`${base}/projects/${project.id}`),
        })),
    },
    {
      group: "Actions",
      actions: [
        // A viewer would only get a 403 for these.
        ...(contributor
          ? [
              {
                id: "new:task",
                label: "Create task…",
                description: "C",
                keywords: ["new", "issue", "todo"],
                leftSection: <IconPlus {...ICON} />,
                onClick: () => createTask(projectId ? { projectId } : {}),
              },
              {
                id: "timer:start",
                label: "Start timer",
                description: "T",
                keywords: ["track", "time", "clock"],
                leftSection: <IconPlayerPlay {...ICON} />,
                onClick: onStartTimer,
              },
              {
                id: "new:entry",
                label: "Log time…",
                keywords: ["add time", "timesheet", "hours", "entry"],
                leftSection: <IconClockPlus {...ICON} />,
                onClick: () => navigate(`${base}/time?new=entry`),
              },
              {
                id: "new:project",
                label: "Create project…",
                keywords: ["new", "ongoing"],
                leftSection: <IconFolder {...ICON} />,
                onClick: () => navigate(`${base}/projects?new=project`),
              },
            ]
          : []),
        {
          id: "shortcuts",
          label: "Keyboard shortcuts",
          description: "?",
          keywords: ["keys", "help", "hotkeys"],
          leftSection: <IconKeyboard {...ICON} />,
          onClick: onShowShortcuts,
        },
        ...(admin
          ? [
              {
                id: "new:member",
                label: "Add member…",
                keywords: ["invite", "people", "user"],
                leftSection: <IconUserPlus {...ICON} />,
                onClick: () => navigate(`${base}/settings/members?new=member`),
              },
              {
                id: "new:team",
                label: "Create team…",
                keywords: ["department", "group"],
                leftSection: <IconHierarchy2 {...ICON} />,
                onClick: () => navigate(`${base}/settings/teams?new=team`),
              },
            ]
          : []),
        {
          id: "new:token",
          label: "Create API token…",
          keywords: ["key", "integration", "script"],
          leftSection: <IconKey {...ICON} />,
          onClick: () => navigate(`${base}/settings/api-tokens?new=token`),
        },
        {
          id: "new:workspace",
          label: "Create workspace…",
          leftSection: <IconPlus {...ICON} />,
          onClick: onCreateWorkspace,
        },
        {
          id: "theme",
          label: scheme === "dark" ? "Switch to light theme" : "Switch to dark theme",
          keywords: ["dark", "light", "appearance", "color"],
          leftSection: <IconMoon {...ICON} />,
          onClick: () => setColorScheme(scheme === "dark" ? "light" : "dark"),
        },
        {
          id: "sign-out",
          label: "Sign out",
          keywords: ["log out", "logout"],
          leftSection: <IconLogout {...ICON} />,
          onClick: onSignOut,
        },
      ],
    },
    {
      group: "Workspaces",
      actions: workspaces
        .filter((each) => each.id !== workspace.id)
        .map((each) => ({
          id: `workspace:${each.id}`,
          label: `Switch to ${each.name}`,
          keywords: ["workspace", each.name],
          leftSection: <IconSwitchHorizontal {...ICON} />,
          onClick: () => navigate(`/w/${each.id}`),
        })),
    },
  ];

  return (
    <Spotlight
      store={paletteStore}
      actions={actions.filter((group) => group.actions.length > 0)}
      query={query}
      onQueryChange={setQuery}
      shortcut={["mod + K"]}
      nothingFound={
        found.isFetching || keyed.isFetching ? "Searching…" : "No matching task, project or action"
      }
      highlightQuery
      limit={60}
      scrollable
      maxHeight={480}
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.75} />,
        placeholder: "Search tasks, projects, screens and actions…",
      }}
    />
  );
}
