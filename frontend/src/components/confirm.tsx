import { Text } from "@mantine/core";
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
