import { NumberInput, type NumberInputProps } from "@mantine/core";
import type { Control, FieldPath, FieldValues, PathValue } from "react-hook-form";
import { FormField } from "./form-field";

/** A NumberInput bound to one form field (its value a number, or "" while empty). */
export function NumberField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  ...input
}: Omit<NumberInputProps, "value" | "onChange" | "error" | "name"> & {
  control: Control<T>;
  name: N;
}) {
  return (
    <FormField
      control={control}
      name={name}
      render={(field) => (
        <NumberInput
          {...input}
          value={field.value}
          error={field.error}
          onChange={(value) => field.onChange(value as PathValue<T, N>)}
        />
      )}
    />
  );
}
