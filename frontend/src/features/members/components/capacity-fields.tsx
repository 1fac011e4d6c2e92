import { Group } from "@mantine/core";
import type { Control } from "react-hook-form";
import { NumberField } from "@/components/number-field";

/** What a member costs and can take on; both member forms hold these two values. */
export interface CapacityValues {
  weekly_capacity_hours: number | string;
  cost_rate: number | string;
}

export const CAPACITY_FIELDS = ["weekly_capacity_hours", "cost_rate"] as const;

/** A member's weekly capacity and hourly cost rate, side by side. */
export function CapacityFields({
  control,
  autoFocus = false,
}: {
  control: Control<CapacityValues>;
  autoFocus?: boolean;
}) {
  return (
    <Group grow align="flex-start">
      <NumberField
        control={control}
        name="weekly_capacity_hours"
        label="Capacity"
        description="Hours per week"
        min={0}
        max={168}
        decimalScale={2}
        data-autofocus={autoFocus || undefined}
      />
      <NumberField
        control={control}
        name="cost_rate"
        label="Cost rate"
        description="Per hour (optional)"
        min={0}
        decimalScale={2}
      />
    </Group>
  );
}
