import { Alert, Badge, Button, Group, Loader, Stack, Text } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { toApiError } from "@/api/errors";
import { plural } from "@/lib/format";
import type { Schedule, SchedulePreview } from "../api";
import { dayOf, type WorkingCalendar } from "../calendar";
import type { DraftEdit } from "../draft";
import { shortDate } from "../geometry";
import classes from "./timeline.module.css";

function editLabel(edit: DraftEdit, keyOf: (taskId: string) => string): string {
  switch (edit.kind) {
    case "task": {
      const parts = [];
      if (edit.start_date) parts.push(`starts ${shortDate(dayOf(edit.start_date))}`);
      if (edit.duration_days !== undefined) parts.push(`${edit.duration_days} d`);
      return `${edit.key}: ${parts.join(", ")}`;
    }
    case "add-link":
      return `Link ${keyOf(edit.predecessorId)} → ${keyOf(edit.successorId)} ${edit.type}${edit.lag ? ` ${edit.lag > 0 ? "+" : ""}${edit.lag}d` : ""}`;
    case "change-link":
      return `Change link${edit.type ? ` to ${edit.type}` : ""}${edit.lag !== undefined ? ` lag ${edit.lag}d` : ""}`;
    case "remove-link":
      return "Remove a link";
  }
}

const LISTED = 8;

/** "A, B, C and 4 more": long lists would push the timeline off the screen. */
function listed(keys: string[]): string {
  if (keys.length <= LISTED) return keys.join(", ");
  return `${keys.slice(0, LISTED).join(", ")} and ${keys.length - LISTED} more`;
}

/** The what-if: the draft's edits, what they would do, and Apply / Discard. */
export function DraftPanel({
  edits,
  preview,
  previewError,
  previewing,
  schedule,
  calendar,
  keyOf,
  otherKeys,
  applying,
  applyError,
  onApply,
  onDiscard,
  onUndo,
}: {
  edits: readonly DraftEdit[];
  preview: SchedulePreview | undefined;
  previewError: unknown;
  previewing: boolean;
  schedule: Schedule | undefined;
  calendar: WorkingCalendar;
  keyOf: (taskId: string) => string | undefined;
  otherKeys: string[];
  applying: boolean;
  applyError: unknown;
  onApply: () => void;
  onDiscard: () => void;
  onUndo: () => void;
}) {
  const key = (taskId: string) => keyOf(taskId) ?? "another task";
  const finishShift =
    preview && schedule
      ? calendar.workingDaysBetween(dayOf(schedule.finish_date), dayOf(preview.finish_date))
      : 0;
  const ownMoved = preview?.moved_task_ids.filter((id) => keyOf(id)) ?? [];
  const elsewhere = (preview?.moved_task_ids.length ?? 0) - ownMoved.length;
  return (
    <section className={classes.draft} aria-label="What-if draft" data-testid="draft-panel">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={4} miw={0}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                Draft · {plural(edits.length, "edit")}
              </Text>
              {previewing ? <Loader size={12} /> : null}
              {edits.map((edit, i) => (
                <Badge
                  // biome-ignore lint/suspicious/noArrayIndexKey: edits have no id and keep their order
                  key={i}
                  variant="light"
                  color="orange"
                  size="sm"
                >
                  {editLabel(edit, key)}
                </Badge>
              ))}
            </Group>
            {edits.length === 0 ? (
              <Text size="xs" c="dimmed">
                Move or resize bars and draw or edit links: nothing is saved until you apply.
              </Text>
            ) : preview && schedule ? (
              <Text size="sm" data-testid="draft-summary">
                Finish <strong>{shortDate(dayOf(preview.finish_date))}</strong>
                {finishShift
                  ? ` (${finishShift > 0 ? "+" : ""}${plural(finishShift, "working day")} against ${shortDate(dayOf(schedule.finish_date))})`
                  : " (unchanged)"}
                {" · "}
                {ownMoved.length
                  ? `would move ${listed(ownMoved.map(key))}`
                  : "moves no other task"}
                {elsewhere > 0
                  ? ` · in other projects: ${otherKeys.length ? otherKeys.join(", ") : plural(elsewhere, "task")}`
                  : ""}
                {" · critical path after: "}
                {preview.critical_path.map(key).join(" → ") || "none"}
              </Text>
            ) : null}
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={onUndo}
              disabled={!edits.length || applying}
            >
              Undo
            </Button>
            <Button size="xs" variant="default" onClick={onDiscard} disabled={applying}>
              Discard
            </Button>
            <Button
              size="xs"
              color="orange"
              onClick={onApply}
              loading={applying}
              disabled={!edits.length || Boolean(previewError)}
            >
              Apply
            </Button>
          </Group>
        </Group>
        {previewError ? (
          <Alert color="red" variant="light" p="xs" title="The draft can't be scheduled">
            {toApiError(previewError).detail}
          </Alert>
        ) : null}
        {applyError ? (
          <Alert color="red" variant="light" p="xs" title="Apply stopped">
            {toApiError(applyError).detail} The edits before it were saved; the rest stay in the
            draft.
          </Alert>
        ) : null}
      </Stack>
    </section>
  );
}
