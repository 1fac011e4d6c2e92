import { Button, type ButtonProps, Group, Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import type { ReactNode } from "react";

/** Ask before a destructive action; resolves true when the user confirms. */
export function confirmDestructive({
  title,
  message,
  confirmLabel,
}: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
}): Promise<boolean> {
  return new Promise((resolve) => {
    modals.openConfirmModal({
      title: (
        <Text fw={600} size="lg">
          {title}
        </Text>
      ),
      children: (
        <Text size="sm" c="dimmed">
          {message}
        </Text>
      ),
      labels: { confirm: confirmLabel, cancel: "Cancel" },
      confirmProps: { color: "red", "data-autofocus": true },
      onConfirm: () => resolve(true),
      onCancel: () => resolve(false),
      onClose: () => resolve(false),
    });
  });
}

/**
 * The closing row of a dialog that destroys something and asks more than yes or no (a status's
 * successor, a workspace's name typed out): Cancel, and the red button that does it.
 */
export function DestructiveActions({
  confirmLabel,
  onCancel,
  onConfirm,
  ...confirmButton
}: Pick<ButtonProps, "disabled" | "loading" | "leftSection"> & {
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button color="red" onClick={onConfirm} {...confirmButton}>
        {confirmLabel}
      </Button>
    </Group>
  );
}
