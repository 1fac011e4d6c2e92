import { ActionIcon, Button, Code, CopyButton, Group, Stack, Tooltip } from "@mantine/core";
import { IconCheck, IconCopy } from "@tabler/icons-react";
import type { ReactNode } from "react";

/** A secret shown only this once (a token, an invitation link), with a button to copy it. */
export function ShownOnce({
  value,
  copyLabel,
  testId,
}: {
  value: string;
  copyLabel: string;
  testId: string;
}) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code block style={{ flex: 1, wordBreak: "break-all" }} data-testid={testId}>
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? "Copied" : copyLabel} opened={copied || undefined}>
            <ActionIcon
              size="lg"
              variant={copied ? "filled" : "default"}
              color={copied ? "teal" : undefined}
              onClick={copy}
              aria-label={copyLabel}
            >
              {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * The step of a modal that shows a secret once: what to copy above, and "Done", focused, as the
 * one plain way out.
 */
export function ShownOnceStep({ onDone, children }: { onDone: () => void; children: ReactNode }) {
  return (
    <Stack gap="md">
      {children}
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
