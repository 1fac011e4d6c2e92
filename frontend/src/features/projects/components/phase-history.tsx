import { Text, Timeline } from "@mantine/core";
import { useMemberDirectory } from "@/api/directory";
import { loadingOrError } from "@/components/states";
import { formatDateTime } from "@/lib/format";
import { phaseLabel, useTransitions } from "../api";

/** Every move of a project between phases, newest first: from → to, who, when, and the note. */
export function PhaseHistory({
  workspaceId,
  projectId,
}: {
  workspaceId: string;
  projectId: string;
}) {
  const transitions = useTransitions(workspaceId, projectId);
  const members = useMemberDirectory(workspaceId);
  const waiting = loadingOrError(transitions, { rows: 2 });
  if (waiting) return waiting;
  const history = transitions.data ?? [];
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No phase changes yet. Each move to another phase is listed here, with who made it and why.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} aria-label="Phase history">
      {history.map((transition) => (
        <Timeline.Item
          key={transition.id}
          title={`${phaseLabel(transition.from_phase)} → ${phaseLabel(transition.to_phase)}`}
        >
          <Text size="xs" c="dimmed">
            {(transition.actor_id && members.byId.get(transition.actor_id)?.name) || "Someone"}
            {" · "}
            <time dateTime={transition.at}>{formatDateTime(transition.at)}</time>
          </Text>
          {transition.note ? (
            <Text size="sm" mt={4}>
              {transition.note}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
