import { PasswordInput } from "@mantine/core";
import type { ComponentProps } from "react";

/** The shortest password the API takes, as a form rule. */
export const MIN_PASSWORD = { value: 8, message: "Use at least 8 characters." };

/** A password being chosen: says how long it must be, and lets the browser suggest one. */
export function NewPasswordInput(props: ComponentProps<typeof PasswordInput>) {
  return (
    <PasswordInput description="At least 8 characters." autoComplete="new-password" {...props} />
  );
}
