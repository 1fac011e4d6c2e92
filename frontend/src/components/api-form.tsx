import { type MantineSpacing, Stack, type StyleProp } from "@mantine/core";
import type { FormEventHandler, ReactNode } from "react";
import { FormAlert } from "./form-alert";

/**
 * A form the API validates: the browser's own checks are off, and the fields stand in a stack
 * under the alert for the part of a failed submit that belongs to no field (`useApiSubmit`'s
 * `formError`).
 */
export function ApiForm({
  onSubmit,
  error,
  gap = "md",
  maw,
  children,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  error: string | null;
  gap?: MantineSpacing;
  maw?: StyleProp<number | string>;
  children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap={gap} maw={maw}>
        <FormAlert message={error} />
        {children}
      </Stack>
    </form>
  );
}
