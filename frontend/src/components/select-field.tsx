import { type ComboboxData, Select, type SelectProps } from "@mantine/core";
import type { Control, FieldPath, FieldValues, PathValue, RegisterOptions } from "react-hook-form";
import { FormField } from "./form-field";

/**
 * A Select bound to one form field. A cleared Select answers null: the field then takes
 * `fallback`, or keeps its value when there is no fallback (a choice that can't be emptied).
 * `data` may depend on the current value, to list one the usual choices lack.
 */
export function SelectField<T extends FieldValues, N extends FieldPath<T>>({
  control,
  name,
  rules,
  data,
  fallback,
  ...select
}: Omit<SelectProps, "value" | "onChange" | "error" | "name" | "data"> & {
  control: Control<T>;
  name: N;
  rules?: Omit<RegisterOptions<T, N>, "valueAsNumber" | "valueAsDate" | "setValueAs">;
  data: ComboboxData | ((current: PathValue<T, N>) => ComboboxData);
  fallback?: PathValue<T, N>;
}) {
  return (
    <FormField
      control={control}
      name={name}
      rules={rules}
      render={(field) => (
        <Select
          {...select}
          data={typeof data === "function" ? data(field.value) : data}
          {...field}
          onChange={(value) =>
            field.onChange(
              (value ?? (fallback === undefined ? field.value : fallback)) as PathValue<T, N>,
            )
          }
        />
      )}
    />
  );
}
