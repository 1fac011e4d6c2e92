import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
} from "@mantine/core";
import { IconChecks, IconClipboardCheck, IconLockOpen, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useMemberDirectory, useTeamDirectory } from "@/api/directory";
import { toApiError } from "@/api/errors";
import { DestructiveActions } from "@/components/confirm";
import { DataTable } from "@/components/data-table";
import { FormAlert } from "@/components/form-alert";
import { notifySuccess } from "@/components/notify";
import { EmptyState, ErrorState, loadingOrError, SkeletonRows } from "@/components/states";
import { useReplaceSearchParams } from "@/hooks/use-search-param";
import { addDays } from "@/lib/dates";
import { formatDateTime } from "@/lib/format";
import {
  type Decision,
  type Timesheet,
  useDecideTimesheet,
  useTimeEntries,
  useTimesheets,
} from "../api";
import { formatMinutes } from "../duration";
import { formatWeek, STATUS_COLOR, STATUS_LABEL } from "./my-time";
import classes from "./time.module.css";
import { WeekTable } from "./week-table";

const VIEWS = ["submitted", "approved", "rejected"] as const;
type View = (typeof VIEWS)[number];

/**
 * Which timesheets are listed (`?view=`, waiting ones by default) and which week is open
 * (`?sheet=`), kept in the URL so a reload or a shared link shows the same.
 */
function useApprovalsView(): {
  view: View;
  openId: string | null;
  setView: (view: View) => void;
  setOpenId: (id: string | null) => void;
} {
  const [params] = useSearchParams();
  const replace = useReplaceSearchParams();
  const raw = params.get("view");
  const view = VIEWS.find((name) => name === raw) ?? "submitted";
  return {
    view,
    openId: params.get("sheet"),
    setView: (next) => replace({ view: next === "submitted" ? null : next, sheet: null }),
    setOpenId: (id) => replace({ sheet: id }),
  };
}

/**
 * Weeks waiting for the caller's decision (an admin decides everyone's, a team lead their
 * teams' members'), and the ones already decided.
 */
export function Approvals({
  workspaceId,
  myMemberId,
  isAdmin,
}: {
  workspaceId: string;
  myMemberId: string | undefined;
  isAdmin: boolean;
}) {
  const { view, openId, setView, setOpenId } = useApprovalsView();
  const sheets = useTimesheets(workspaceId, view);
  const members = useMemberDirectory(workspaceId);
  const teams = useTeamDirectory(workspaceId);

  const led = new Set(
    (teams.items ?? [])
      .filter((team) => myMemberId && team.lead_member_id === myMemberId)
      .flatMap((team) => team.member_ids),
  );
  const decidable = (sheet: Timesheet) =>
    isAdmin || (sheet.member_id !== myMemberId && led.has(sheet.member_id));
  const rows = (sheets.items ?? []).filter(decidable);
  const open = rows.find((sheet) => sheet.id === openId) ?? null;
  const name = (memberId: string) => members.byId.get(memberId)?.name ?? "Former member";

  return (
    <Stack gap="lg">
      <SegmentedControl
        w="fit-content"
        value={view}
        onChange={(value) => setView(value as View)}
        aria-label="Show timesheets"
        data={[
          { value: "submitted", label: "Waiting" },
          { value: "approved", label: "Approved" },
          { value: "rejected", label: "Rejected" },
        ]}
      />
      {loadingOrError(sheets, { rows: 4, height: 40 }) ??
        (rows.length === 0 ? (
          <EmptyState
            icon={<IconClipboardCheck size={22} />}
            title={view === "submitted" ? "Nothing waiting for you" : `No ${view} timesheets`}
            description={
              view === "submitted"
                ? "Weeks your people submit show up here for approval."
                : undefined
            }
          />
        ) : (
          <DataTable
            minWidth={640}
            head={
              <>
                <Table.Th>Member</Table.Th>
                <Table.Th>Week</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th>{view === "submitted" ? "Submitted" : "Decided"}</Table.Th>
                <Table.Th />
              </>
            }
          >
            {rows.map((sheet) => (
              <Table.Tr key={sheet.id}>
                <Table.Td fw={500}>{name(sheet.member_id)}</Table.Td>
                <Table.Td>{formatWeek(sheet.week_start)}</Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {formatMinutes(sheet.total_minutes)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {view === "submitted"
                      ? sheet.submitted_at && formatDateTime(sheet.submitted_at)
                      : sheet.decided_at && formatDateTime(sheet.decided_at)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setOpenId(sheet.id)}
                    aria-label={`Review ${name(sheet.member_id)}, week of ${formatWeek(sheet.week_start)}`}
                  >
                    Review
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        ))}
      <Drawer
        opened={open !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size={960}
        title={open ? `${name(open.member_id)} · ${formatWeek(open.week_start)}` : undefined}
      >
        {open ? (
          <TimesheetReview
            key={open.id}
            workspaceId={workspaceId}
            sheet={open}
            isAdmin={isAdmin}
            reviewerName={open.decided_by ? name(open.decided_by) : null}
            onDecided={() => setOpenId(null)}
          />
        ) : null}
      </Drawer>
    </Stack>
  );
}

const DONE: Record<Decision, string> = {
  approve: "Timesheet approved",
  reject: "Timesheet sent back",
  reopen: "Timesheet reopened",
};

function TimesheetReview({
  workspaceId,
  sheet,
  isAdmin,
  reviewerName,
  onDecided,
}: {
  workspaceId: string;
  sheet: Timesheet;
  isAdmin: boolean;
  reviewerName: string | null;
  onDecided: () => void;
}) {
  const entries = useTimeEntries(workspaceId, {
    memberId: sheet.member_id,
    from: sheet.week_start,
    to: addDays(sheet.week_start, 6),
  });
  const decide = useDecideTimesheet(workspaceId);
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (decision: Decision) => {
    if (decision === "reject" && !comment.trim()) {
      setCommentError("Say what needs fixing: the member sees this.");
      return;
    }
    setError(null);
    decide.mutate(
      { sheet, decision, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess(DONE[decision]);
          onDecided();
        },
        onError: (failure) => {
          const problem = toApiError(failure);
          setError(
            problem.isStale
              ? "Someone else decided this timesheet meanwhile; the list is up to date now."
              : problem.detail,
          );
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Badge color={STATUS_COLOR[sheet.status]} variant="light">
          {STATUS_LABEL[sheet.status]}
        </Badge>
        <Text size="sm" c="dimmed">
          {formatMinutes(sheet.total_minutes)} logged
        </Text>
      </Group>
      {sheet.comment ? (
        <Alert
          variant="light"
          color="gray"
          title={reviewerName ? `Comment by ${reviewerName}` : "Comment"}
        >
          {sheet.comment}
        </Alert>
      ) : null}
      <FormAlert message={error} />
      {entries.isPending ? (
        <SkeletonRows rows={4} height={36} />
      ) : entries.isError && !entries.items ? (
        <ErrorState error={entries.error} onRetry={() => entries.refetch()} />
      ) : (
        <WeekTable
          workspaceId={workspaceId}
          weekStart={sheet.week_start}
          entries={entries.items ?? []}
          label={`Time logged in the week of ${formatWeek(sheet.week_start)}`}
        />
      )}
      {sheet.status === "submitted" ? (
        rejecting ? (
          <Stack gap="xs">
            <Textarea
              label="Why are you sending it back?"
              placeholder="e.g. Tuesday is missing the client call"
              autosize
              minRows={2}
              data-autofocus
              value={comment}
              error={commentError}
              onChange={(event) => {
                setComment(event.currentTarget.value);
                setCommentError(null);
              }}
            />
            <DestructiveActions
              confirmLabel="Reject week"
              onCancel={() => setRejecting(false)}
              onConfirm={() => run("reject")}
              leftSection={<IconX size={15} />}
              loading={decide.isPending}
            />
          </Stack>
        ) : (
          <Group gap="xs" justify="flex-end">
            <Button
              variant="default"
              leftSection={<IconX size={15} />}
              onClick={() => setRejecting(true)}
            >
              Reject…
            </Button>
            <Button
              color="teal"
              leftSection={<IconChecks size={15} />}
              onClick={() => run("approve")}
              loading={decide.isPending}
            >
              Approve week
            </Button>
          </Group>
        )
      ) : null}
      {sheet.status === "approved" && isAdmin ? (
        <Group justify="flex-end">
          <Button
            variant="default"
            leftSection={<IconLockOpen size={15} />}
            onClick={() => run("reopen")}
            loading={decide.isPending}
          >
            Reopen week
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
