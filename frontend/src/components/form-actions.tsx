import { Button, Group } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A form's closing row: Cancel (when the form can be left) and its submit button on the right,
 * `aside` (such as "Create more") on the left.
 */
export function FormActions({
  submitLabel,
  submitting,
  onCancel,
  disabled,
  aside,
}: {
  submitLabel: ReactNode;
  submitting: boolean;
  onCancel?: () => void;
  disabled?: boolean;
  aside?: ReactNode;
}) {
  return (
    <Group justify={aside ? "space-between" : "flex-end"} gap="xs" mt="xs">
      {aside}
      <Group gap="xs">
        {onCancel ? (
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" loading={submitting} disabled={disabled}>
          {submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
