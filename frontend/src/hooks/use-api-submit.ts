import { useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { isStale } from "@/api/errors";
import { applyProblemToForm } from "@/lib/forms";

/**
 * A form's submit that calls the API: server problems land on their fields (`fields`, and
 * `codeFields` for problems that name no pointer), the rest in `formError` for the alert above
 * the form. `staleMessage` is what a 412 says: the row changed since the form was opened.
 */
export function useApiSubmit<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, "handleSubmit" | "setError">,
  fields: readonly Path<T>[],
  {
    codeFields,
    staleMessage,
  }: { codeFields?: Readonly<Record<string, Path<T>>>; staleMessage?: string } = {},
) {
  const [formError, setFormError] = useState<string | null>(null);
  const submit = (save: (values: T) => Promise<void>) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await save(values);
      } catch (error) {
        setFormError(
          staleMessage && isStale(error)
            ? staleMessage
            : applyProblemToForm(error, form.setError, fields, codeFields),
        );
      }
    });
  return { formError, setFormError, submit };
}
