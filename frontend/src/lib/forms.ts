import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { toApiError } from "@/api/errors";

/**
 * Show an API failure on a form: each `errors[].pointer` that names one of `fields` goes onto
 * that field; whatever is left (the problem's `detail`, unmapped pointers) is returned for an
 * alert above the form, or null when every error found its field.
 */
export function applyProblemToForm<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string | null {
  const problem = toApiError(error);
  const byField = problem.fieldErrors();
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
