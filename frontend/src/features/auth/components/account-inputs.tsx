import { PasswordInput, TextInput } from "@mantine/core";
import type { ComponentProps } from "react";

/** The shortest password the API takes, as a form rule. */
export const MIN_PASSWORD = { value: 8, message: "Use at least 8 characters." };

/** The rule for the email address one signs in or up with. */
export const EMAIL_REQUIRED = { required: "Enter your email address." };

/** A password being chosen: says how long it must be, and lets the browser suggest one. */
export function NewPasswordInput(props: ComponentProps<typeof PasswordInput>) {
  return (
    <PasswordInput description="At least 8 characters." autoComplete="new-password" {...props} />
  );
}

/** The password one has now, which the browser can fill in. */
export function CurrentPasswordInput(props: ComponentProps<typeof PasswordInput>) {
  return <PasswordInput autoComplete="current-password" {...props} />;
}

/** The email address of one's own account, which the browser can fill in. */
export function AccountEmailInput(props: ComponentProps<typeof TextInput>) {
  return <TextInput type="email" autoComplete="email" {...props} />;
}
