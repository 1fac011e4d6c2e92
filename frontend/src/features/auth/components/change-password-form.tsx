import { Button, Group, PasswordInput } from "@mantine/core";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { notifySuccess } from "@/components/notify";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { textField } from "@/lib/forms";
import { useChangePassword } from "../api";
import { CurrentPasswordInput, MIN_PASSWORD, NewPasswordInput } from "./account-inputs";

interface Values {
  current_password: string;
  new_password: string;
  confirmation: string;
}

const FIELDS = ["current_password", "new_password"] as const;
const EMPTY: Values = { current_password: "", new_password: "", confirmation: "" };

/** A new password, given the current one. The server signs every other browser out. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useForm<Values>({ defaultValues: EMPTY });
  const { reset, formState } = form;
  const { formError, submit } = useApiSubmit(form, FIELDS);

  const onSubmit = submit(async ({ current_password, new_password }) => {
    await change.mutateAsync({ current_password, new_password });
    reset(EMPTY);
    notifySuccess("Password changed. Your other sessions were signed out.");
  });

  return (
    <ApiForm onSubmit={onSubmit} error={formError} maw={420}>
      <CurrentPasswordInput
        label="Current password"
        {...textField(form, "current_password", { required: "Enter your current password." })}
      />
      <NewPasswordInput
        label="New password"
        {...textField(form, "new_password", {
          required: "Choose a new password.",
          minLength: MIN_PASSWORD,
        })}
      />
      <PasswordInput
        label="Repeat the new password"
        autoComplete="new-password"
        {...textField(form, "confirmation", {
          validate: (value, values) =>
            value === values.new_password || "This is not the same as the new password.",
        })}
      />
      <Group>
        <Button type="submit" loading={formState.isSubmitting}>
          Change password
        </Button>
      </Group>
    </ApiForm>
  );
}
