import {
  Alert,
  Button,
  Group,
  NumberInput,
  Popover,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { useState } from "react";
import type { ApiError } from "@/api/errors";
import { LINK_TYPES, type LinkType, type Point } from "../geometry";
import type { DrawnLink } from "../model";
import classes from "./timeline.module.css";

const TYPE_HELP: Record<LinkType, string> = {
  FS: "Starts after the predecessor finishes",
  SS: "Starts after the predecessor starts",
  FF: "Finishes after the predecessor finishes",
  SF: "Finishes after the predecessor starts",
};

/** Edit a link's type and lag, or delete it, in a small popover at the link. */
export function LinkPopover({
  link,
  title,
  at,
  readOnly,
  onSave,
  onDelete,
  onClose,
}: {
  link: DrawnLink;
  title: string;
  at: Point;
  readOnly: boolean;
  onSave: (changes: { type: LinkType; lag: number }) => Promise<ApiError | null>;
  onDelete: () => Promise<ApiError | null>;
  onClose: () => void;
}) {
  const [type, setType] = useState<LinkType>(link.type);
  const [lag, setLag] = useState<number>(link.lag_days);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<ApiError | null>) => {
    setBusy(true);
    const error = await action();
    setBusy(false);
    if (error) setProblem(error);
    else onClose();
  };
  const unchanged = type === link.type && lag === link.lag_days;
  return (
    <Popover
      opened
      onChange={(opened) => !opened && onClose()}
      width={300}
      position="bottom"
      withArrow
      trapFocus
      returnFocus
      shadow="md"
    >
      <Popover.Target>
        <div className={classes.anchor} style={{ left: at.x, top: at.y }} />
      </Popover.Target>
      <Popover.Dropdown aria-label={`Link ${title}`}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!unchanged) void run(() => onSave({ type, lag }));
          }}
        >
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {title}
            </Text>
            <SegmentedControl
              size="xs"
              fullWidth
              value={type}
              disabled={readOnly}
              onChange={(value) => setType(value as LinkType)}
              data={LINK_TYPES.map((value) => ({ value, label: value }))}
              aria-label="Link type"
            />
            <Text size="xs" c="dimmed">
              {TYPE_HELP[type]}
            </Text>
            <NumberInput
              size="xs"
              label="Lag (working days, negative for a lead)"
              value={lag}
              disabled={readOnly}
              allowDecimal={false}
              min={-10_000}
              max={10_000}
              onChange={(value) => setLag(typeof value === "number" ? value : Number(value) || 0)}
            />
            {problem ? (
              <Alert color="red" variant="light" p="xs" title={problem.title}>
                {problem.detail}
              </Alert>
            ) : null}
            {readOnly ? null : (
              <Group justify="space-between">
                <Button
                  size="xs"
                  color="red"
                  variant="subtle"
                  loading={busy}
                  onClick={() => void run(onDelete)}
                >
                  Delete link
                </Button>
                <Button size="xs" type="submit" disabled={unchanged} loading={busy}>
                  Save
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A refused link, shown where it was drawn: the API's problem names the tasks. */
export function LinkProblem({
  at,
  problem,
  onClose,
}: {
  at: Point;
  problem: ApiError;
  onClose: () => void;
}) {
  return (
    <div className={classes.linkProblem} style={{ left: at.x + 8, top: at.y + 8 }}>
      <Alert
        color="red"
        variant="filled"
        p="xs"
        title={problem.code === "dependency_cycle" ? "That link would close a loop" : problem.title}
        withCloseButton
        closeButtonLabel="Dismiss"
        onClose={onClose}
        role="alert"
      >
        {problem.detail}
      </Alert>
    </div>
  );
}
