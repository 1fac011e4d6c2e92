import { ActionIcon, Avatar, Group, Menu, Text, Tooltip, UnstyledButton } from "@mantine/core";
import {
  IconChevronRight,
  IconDots,
  IconPencil,
  IconSubtask,
  IconTrash,
  IconUsers,
} from "@tabler/icons-react";
import { useState } from "react";
import { plural } from "@/lib/format";
import { toggled } from "@/lib/sets";
import type { Member, Team } from "../api";
import type { TeamNode } from "../tree";
import classes from "./teams-tree.module.css";

interface TeamsTreeProps {
  nodes: TeamNode[];
  members: Map<string, Member>;
  canEdit: boolean;
  onOpen: (team: Team) => void;
  onEdit: (team: Team) => void;
  onAddChild: (team: Team) => void;
  onDelete: (team: Team) => void;
}

/** The team hierarchy as an indented list whose branches collapse. */
export function TeamsTree(props: TeamsTreeProps) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setCollapsed((current) => toggled(current, id));
  return (
    <ul className={`${classes.tree} ${classes.root}`} aria-label="Teams">
      {props.nodes.map((node) => (
        <TeamRow key={node.team.id} node={node} collapsed={collapsed} toggle={toggle} {...props} />
      ))}
    </ul>
  );
}

function TeamRow({
  node,
  collapsed,
  toggle,
  members,
  canEdit,
  onOpen,
  onEdit,
  onAddChild,
  onDelete,
}: TeamsTreeProps & {
  node: TeamNode;
  collapsed: Set<string>;
  toggle: (id: string) => void;
}) {
  const { team, depth, children } = node;
  const open = !collapsed.has(team.id);
  const lead = team.lead_member_id ? members.get(team.lead_member_id) : undefined;
  const people = team.member_ids.map((id) => members.get(id)).filter((m): m is Member => !!m);
  return (
    <li className={classes.item}>
      <div className={classes.row} style={{ paddingLeft: 8 + depth * 24 }}>
        {children.length > 0 ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={`Sub-teams of ${team.name}`}
            aria-expanded={open}
            onClick={() => toggle(team.id)}
            className={classes.chevron}
            data-open={open || undefined}
          >
            <IconChevronRight size={14} />
          </ActionIcon>
        ) : (
          <span className={classes.spacer} />
        )}
        <UnstyledButton className={classes.name} onClick={() => onOpen(team)}>
          <Group gap="sm" wrap="nowrap">
            <span className={classes.dot} aria-hidden="true" />
            <Text size="sm" fw={500} truncate>
              {team.name}
            </Text>
            {children.length > 0 ? (
              <Text size="xs" c="dimmed">
                {plural(children.length, "sub-team")}
              </Text>
            ) : null}
          </Group>
        </UnstyledButton>
        <Group gap="lg" wrap="nowrap" className={classes.meta}>
          <Text size="xs" c="dimmed" w={140} truncate>
            {lead ? `Lead: ${lead.name}` : "No lead"}
          </Text>
          <Tooltip
            label={people.length ? people.map((m) => m.name).join(", ") : "No members"}
            multiline
            maw={260}
          >
            <Avatar.Group spacing={6} w={104}>
              {people.slice(0, 3).map((member) => (
                <Avatar key={member.id} name={member.name} color="initials" size={22} radius="xl" />
              ))}
              {people.length > 3 ? (
                <Avatar size={22} radius="xl">
                  +{people.length - 3}
                </Avatar>
              ) : null}
              {people.length === 0 ? (
                <Text size="xs" c="dimmed">
                  0 members
                </Text>
              ) : null}
            </Avatar.Group>
          </Tooltip>
          {canEdit ? (
            <Menu position="bottom-end">
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${team.name}`}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconPencil size={16} stroke={1.75} />}
                  onClick={() => onEdit(team)}
                >
                  Rename or move
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconSubtask size={16} stroke={1.75} />}
                  onClick={() => onAddChild(team)}
                >
                  Add sub-team
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconUsers size={16} stroke={1.75} />}
                  onClick={() => onOpen(team)}
                >
                  Members and lead
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  color="red"
                  leftSection={<IconTrash size={16} stroke={1.75} />}
                  onClick={() => onDelete(team)}
                >
                  Delete team
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      </div>
      {children.length > 0 && open ? (
        <ul className={`${classes.tree} ${classes.group}`}>
          {children.map((child) => (
            <TeamRow
              key={child.team.id}
              node={child}
              collapsed={collapsed}
              toggle={toggle}
              nodes={[]}
              members={members}
              canEdit={canEdit}
              onOpen={onOpen}
              onEdit={onEdit}
              onAddChild={onAddChild}
              onDelete={onDelete}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
