import type {
  FieldValues,
  Path,
  RegisterOptions,
  UseFormReturn,
  UseFormSetError,
} from "react-hook-form";
import { toApiError } from "@/api/errors";

/**
 * Show an API failure on a form: each `errors[].pointer` that names one of `fields` goes onto
 * that field, and so does a problem whose `code` is in `codeFields` (a 409 such as
 * `project_key_taken` names no pointer, but is plainly about one field); whatever is left (the
 * problem's `detail`, unmapped pointers) is returned for an alert above the form, or null when
 * every error found its field.
 */
export function applyProblemToForm<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  codeFields: Readonly<Record<string, Path<T>>> = {},
): string | null {
  const problem = toApiError(error);
  const byField = problem.fieldErrors();
  const codeField = Object.hasOwn(codeFields, problem.code) ? codeFields[problem.code] : undefined;
  if (codeField && byField.size === 0) {
    setError(codeField, { type: "server", message: problem.detail }, { shouldFocus: true });
    return null;
  }
  let firstField = true;
  let unmapped = false;
  for (const [field, detail] of byField) {
    if ((fields as readonly string[]).includes(field)) {
      setError(field as Path<T>, { type: "server", message: detail }, { shouldFocus: firstField });
      firstField = false;
    } else {
      unmapped = true;
    }
  }
  if (byField.size > 0 && !unmapped) return null;
  return problem.detail;
}

/**
 * A text input's registration and its error message, to spread on a Mantine input:
 * `<TextInput label="Email" {...textField(form, "email", { required: "Enter your email." })} />`.
 */
export function textField<T extends FieldValues, N extends Path<T>>(
  form: Pick<UseFormReturn<T>, "register" | "getFieldState" | "formState">,
  name: N,
  rules?: RegisterOptions<T, N>,
) {
  return {
    ...form.register(name, rules),
    error: form.getFieldState(name, form.formState).error?.message,
  };
}

/** A rule for a name or title that must hold more than white space, saying `message` if not. */
export function notBlank(message: string) {
  return { validate: (value: string) => value.trim().length > 0 || message };
}
