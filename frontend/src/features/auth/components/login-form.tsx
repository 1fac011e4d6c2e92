import { Button } from "@mantine/core";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { textField } from "@/lib/forms";
import { type LogIn, type User, useLogIn } from "../api";
import { AccountEmailInput, CurrentPasswordInput, EMAIL_REQUIRED } from "./account-inputs";

export function LoginForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const logIn = useLogIn();
  const form = useForm<LogIn>({ defaultValues: { email: "", password: "" } });
  const { formState } = form;
  const { formError, submit } = useApiSubmit(form, ["email", "password"]);

  const onSubmit = submit(async (values) => onSignedIn(await logIn.mutateAsync(values)));

  return (
    <ApiForm onSubmit={onSubmit} error={formError}>
      <AccountEmailInput
        label="Email"
        data-autofocus
        autoFocus
        {...textField(form, "email", EMAIL_REQUIRED)}
      />
      <CurrentPasswordInput
        label="Password"
        {...textField(form, "password", { required: "Enter your password." })}
      />
      <Button type="submit" fullWidth loading={formState.isSubmitting} mt="xs">
        Sign in
      </Button>
    </ApiForm>
  );
}
