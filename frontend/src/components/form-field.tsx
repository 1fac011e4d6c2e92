import type { ReactElement } from "react";
import {
  type Control,
  Controller,
  type FieldPath,
  type FieldValues,
  type PathValue,
  type RegisterOptions,
} from "react-hook-form";

/** What an input needs from the form to show and change one field. */
export interface FieldBinding<V> {
  value: V;
  onChange: (value: V) => void;
  error: string | undefined;
}

/**
 * One form field drawn by an input that is not a native element (Select, DatePickerInput,
 * NumberInput, ...): the value, its change and its error are wired here once, and the input
 * spreads them: `render={(field) => <Select label="Owner" data={...} {...field} />}`.
 */
export function FormField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  rules,
  render,
}: {
  control: Control<T>;
  name: N;
  rules?: Omit<RegisterOptions<T, N>, "valueAsNumber" | "valueAsDate" | "setValueAs">;
  render: (field: FieldBinding<PathValue<T, N>>) => ReactElement;
}) {
  return (
    <Controller
      control={control}
      name={name}
      rules={rules}
      render={({ field, fieldState }) =>
        render({ value: field.value, onChange: field.onChange, error: fieldState.error?.message })
      }
    />
  );
}
