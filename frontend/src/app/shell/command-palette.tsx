import { useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { Spotlight, type SpotlightActionGroupData } from "@mantine/spotlight";
import {
  IconHierarchy2,
  IconKey,
  IconLogout,
  IconMoon,
  IconPlus,
  IconSearch,
  IconSwitchHorizontal,
  IconUserPlus,
} from "@tabler/icons-react";
import { useNavigate } from "react-router";
import { canAdminister, useWorkspaces, type Workspace } from "@/features/workspaces/api";
import { NAV_SECTIONS } from "./nav";

const ICON = { size: 18, stroke: 1.75 };

/** Ctrl/Cmd+K: jump to any screen or workspace, or run an action, without the mouse. */
export function CommandPalette({
  workspace,
  onCreateWorkspace,
  onSignOut,
}: {
  workspace: Workspace;
  onCreateWorkspace: () => void;
  onSignOut: () => void;
}) {
  const navigate = useNavigate();
  const { items: workspaces = [] } = useWorkspaces();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme("light");
  const base = `/w/${workspace.id}`;
  const admin = canAdminister(workspace.role);

  const actions: SpotlightActionGroupData[] = [
    {
      group: "Go to",
      actions: NAV_SECTIONS.flatMap((section) =>
        section.items.map((item) => ({
          id: `go:${item.path}`,
          label: item.label,
          description: item.description,
          keywords: ["settings", section.title],
          leftSection: <item.icon {...ICON} />,
          onClick: () => navigate(`${base}/${item.path}`),
        })),
      ),
    },
    {
      group: "Actions",
      actions: [
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
      actions={actions}
      shortcut={["mod + K"]}
      nothingFound="No matching screen or action"
      highlightQuery
      limit={50}
      scrollable
      maxHeight={460}
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.75} />,
        placeholder: "Search screens, workspaces and actions…",
      }}
    />
  );
}
