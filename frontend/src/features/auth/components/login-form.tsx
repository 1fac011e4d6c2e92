import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormAlert } from "@/components/form-alert";
import { applyProblemToForm } from "@/lib/forms";
import { type LogIn, type User, useLogIn } from "../api";

export function LoginForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const logIn = useLogIn();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<LogIn>({
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      onSignedIn(await logIn.mutateAsync(values));
    } catch (error) {
      setFormError(applyProblemToForm(error, setError, ["email", "password"]));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={formError} />
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          data-autofocus
          autoFocus
          error={formState.errors.email?.message}
          {...register("email", { required: "Enter your email address." })}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          error={formState.errors.password?.message}
          {...register("password", { required: "Enter your password." })}
        />
        <Button type="submit" fullWidth loading={formState.isSubmitting} mt="xs">
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
