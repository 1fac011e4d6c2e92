import { Avatar, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconCheck, IconPlus, IconSelector, IconSettings } from "@tabler/icons-react";
import { Link } from "react-router";
import { useWorkspaces, type Workspace } from "../api";
import classes from "./workspace-switcher.module.css";

export function WorkspaceAvatar({ name, size = 24 }: { name: string; size?: number }) {
  return (
    <Avatar name={name} color="initials" size={size} radius="sm" variant="filled">
      {name.trim()[0]?.toUpperCase() ?? "W"}
    </Avatar>
  );
}

/** The current workspace, and a menu to switch to another or create one. */
export function WorkspaceSwitcher({
  current,
  onCreate,
}: {
  current: Workspace;
  onCreate: () => void;
}) {
  const { items: workspaces = [] } = useWorkspaces();
  return (
    <Menu position="bottom-start" width={260} offset={4}>
      <Menu.Target>
        <UnstyledButton className={classes.trigger} aria-label="Switch workspace">
          <Group gap={8} wrap="nowrap">
            <WorkspaceAvatar name={current.name} size={22} />
            <Text size="sm" fw={600} truncate maw={170}>
              {current.name}
            </Text>
            <IconSelector size={14} stroke={1.75} className={classes.chevron} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Workspaces</Menu.Label>
        {workspaces.map((workspace) => (
          <Menu.Item
            key={workspace.id}
            component={Link}
            to={`/w/${workspace.id}`}
            leftSection={<WorkspaceAvatar name={workspace.name} size={18} />}
            rightSection={
              workspace.id === current.id ? <IconCheck size={14} stroke={2} /> : undefined
            }
          >
            <Text size="sm" truncate>
              {workspace.name}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          component={Link}
          to={`/w/${current.id}/settings/general`}
          leftSection={<IconSettings size={16} stroke={1.75} />}
        >
          Workspace settings
        </Menu.Item>
        <Menu.Item leftSection={<IconPlus size={16} stroke={1.75} />} onClick={onCreate}>
          Create workspace
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
