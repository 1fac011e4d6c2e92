import { Avatar, Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import type { Member, WorkflowStatus } from "@/api/directory";
import { ErrorState, LoadingState } from "@/components/states";
import { formatDateTime, formatRelative } from "@/lib/format";
import { describeEvent } from "../activity";
import { type Task, useTaskActivity } from "../api";
import { MemberAvatar } from "./fields";
import classes from "./task-detail.module.css";

export function TaskActivity({
  workspaceId,
  task,
  members,
  statuses,
  labelName,
}: {
  workspaceId: string;
  task: Task;
  members: Map<string, Member>;
  statuses: WorkflowStatus[];
  labelName: (id: string) => string | undefined;
}) {
  const activity = useTaskActivity(workspaceId, task.id);
  if (activity.isPending) return <LoadingState label="Loading activity…" />;
  if (activity.isError && !activity.items) {
    return <ErrorState error={activity.error} onRetry={() => activity.refetch()} />;
  }
  const names = {
    member: (id: string) => members.get(id)?.name,
    status: (id: string) => statuses.find((status) => status.id === id)?.name,
    label: labelName,
  };
  return (
    <Stack gap="sm" component="ol" className={classes.activity} aria-label="Activity">
      {(activity.items ?? []).map((event) => {
        const actor = event.actor_id ? members.get(event.actor_id) : undefined;
        return (
          <Group key={event.id} component="li" gap="sm" wrap="nowrap" align="flex-start">
            {actor ? <MemberAvatar member={actor} size={20} /> : <Avatar size={20} radius="xl" />}
            <Text size="sm" flex={1}>
              <b>{actor?.name ?? (event.actor_id ? "Former member" : "Worklane")}</b>{" "}
              {describeEvent(event, names).join(", ")}
              <Tooltip label={formatDateTime(event.created_at)}>
                <Text span size="xs" c="dimmed">
                  {" · "}
                  {formatRelative(event.created_at)}
                </Text>
              </Tooltip>
            </Text>
          </Group>
        );
      })}
      {activity.hasNextPage ? (
        <Button size="xs" variant="subtle" onClick={() => activity.fetchNextPage()}>
          Show older activity
        </Button>
      ) : null}
    </Stack>
  );
}
