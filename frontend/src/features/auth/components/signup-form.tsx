import { Button, TextInput } from "@mantine/core";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { textField } from "@/lib/forms";
import { type SignUp, type User, useSignUp } from "../api";
import {
  AccountEmailInput,
  EMAIL_REQUIRED,
  MIN_PASSWORD,
  NewPasswordInput,
} from "./account-inputs";

export function SignupForm({ onSignedUp }: { onSignedUp: (user: User) => void }) {
  const signUp = useSignUp();
  const form = useForm<SignUp>({ defaultValues: { name: "", email: "", password: "" } });
  const { formState } = form;
  const { formError, submit } = useApiSubmit(form, ["name", "email", "password"]);

  const onSubmit = submit(async (values) => onSignedUp(await signUp.mutateAsync(values)));

  return (
    <ApiForm onSubmit={onSubmit} error={formError}>
      <TextInput
        label="Full name"
        autoComplete="name"
        autoFocus
        {...textField(form, "name", { required: "Tell us your name." })}
      />
      <AccountEmailInput label="Work email" {...textField(form, "email", EMAIL_REQUIRED)} />
      <NewPasswordInput
        label="Password"
        {...textField(form, "password", {
          required: "Choose a password.",
          minLength: MIN_PASSWORD,
        })}
      />
      <Button type="submit" fullWidth loading={formState.isSubmitting} mt="xs">
        Create account
      </Button>
    </ApiForm>
  );
}
