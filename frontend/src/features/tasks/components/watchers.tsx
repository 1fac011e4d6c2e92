import { Avatar, Button, Group, Text, Tooltip } from "@mantine/core";
import { IconEye, IconEyeOff } from "@tabler/icons-react";
import type { Member } from "@/api/directory";
import { notifyError } from "@/components/notify";
import { type Task, useSetWatching, useWatchers } from "../api";
import { MemberAvatar } from "./fields";

export function Watchers({
  workspaceId,
  task,
  me,
  members,
}: {
  workspaceId: string;
  task: Task;
  me: Member | undefined;
  members: Map<string, Member>;
}) {
  const watchers = useWatchers(workspaceId, task.id);
  const setWatching = useSetWatching(workspaceId, task.id);
  const ids = watchers.data ?? [];
  const watching = Boolean(me && ids.includes(me.id));
  return (
    <Group justify="space-between" wrap="nowrap">
      <Group gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {ids.length} {ids.length === 1 ? "watcher" : "watchers"}
        </Text>
        <Avatar.Group spacing={6}>
          {ids.slice(0, 5).map((id) => (
            <Tooltip key={id} label={members.get(id)?.name ?? "Former member"}>
              <MemberAvatar member={members.get(id)} size={20} />
            </Tooltip>
          ))}
        </Avatar.Group>
      </Group>
      <Button
        size="compact-xs"
        variant={watching ? "light" : "default"}
        leftSection={watching ? <IconEyeOff size={12} /> : <IconEye size={12} />}
        disabled={!me || watchers.isPending}
        loading={setWatching.isPending}
        onClick={() =>
          me &&
          setWatching.mutate(
            { memberId: me.id, watching: !watching },
            { onError: (error) => notifyError(error, "Couldn't change watching") },
          )
        }
      >
        {watching ? "Unwatch" : "Watch"}
      </Button>
    </Group>
  );
}
