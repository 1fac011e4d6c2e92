import { Group, Text } from "@mantine/core";
import { memo } from "react";
import { todayIso } from "@/lib/dates";
import { type DayKind, dayKind, type Exception, weekdayOrder, yearGrid } from "../year";
import classes from "./year-view.module.css";

const MONTHS = new Intl.DateTimeFormat(undefined, { month: "long" });
const WEEKDAYS = new Intl.DateTimeFormat(undefined, { weekday: "narrow" });
const LONG_DAY = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  month: "short",
  day: "numeric",
  year: "numeric",
});
const KIND_LABELS: Record<DayKind, string> = {
  working: "working day",
  off: "day off",
  holiday: "holiday",
  extra: "extra working day",
};

function dateOf(iso: string): Date {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  return new Date(year, month - 1, day);
}

/** "Mon, Apr 6, 2026: Easter Monday (holiday)": the day's label and tooltip. */
function dayLabel(iso: string, kind: DayKind, name: string | undefined): string {
  const what = name ? `${name} (${KIND_LABELS[kind]})` : KIND_LABELS[kind];
  return `${LONG_DAY.format(dateOf(iso))}: ${what}`;
}

/** The key under the year view: what each colour means. */
export function YearLegend() {
  return (
    <Group gap="md">
      {(["working", "off", "holiday", "extra"] as const).map((kind) => (
        <Group key={kind} gap={6} wrap="nowrap">
          <span className={classes.swatch} data-kind={kind} />
          <Text size="xs" c="dimmed">
            {KIND_LABELS[kind][0]?.toUpperCase() + KIND_LABELS[kind].slice(1)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * Twelve months of a calendar: each day coloured by what it is, and (for who may edit) a click
 * turns a working day into a holiday, a day off into an extra working day, an exception back.
 */
export const YearView = memo(function YearView({
  year,
  weekStart,
  workingWeekdays,
  exceptions,
  pendingDate,
  onToggle,
}: {
  year: number;
  weekStart: number;
  workingWeekdays: readonly number[];
  exceptions: ReadonlyMap<string, Exception>;
  pendingDate?: string | null;
  onToggle?: (iso: string) => void;
}) {
  const today = todayIso();
  const order = weekdayOrder(weekStart);
  const letters = order.map((weekday) => WEEKDAYS.format(new Date(2024, 0, weekday)));
  return (
    <div className={classes.months}>
      {yearGrid(year, weekStart).map(({ month, weeks }) => (
        <section key={month} aria-label={MONTHS.format(new Date(year, month, 1))}>
          <div className={classes.monthName}>{MONTHS.format(new Date(year, month, 1))}</div>
          <div className={classes.month}>
            {letters.map((letter, i) => (
              <div key={order[i]} className={classes.weekday} aria-hidden>
                {letter}
              </div>
            ))}
            {weeks.flat().map((iso, i) => {
              if (!iso) return null;
              const kind = dayKind(iso, workingWeekdays, exceptions);
              const label = dayLabel(iso, kind, exceptions.get(iso)?.name);
              return (
                <button
                  key={iso}
                  type="button"
                  className={classes.day}
                  data-kind={kind}
                  data-date={iso}
                  data-today={iso === today || undefined}
                  data-editable={onToggle ? true : undefined}
                  data-pending={iso === pendingDate || undefined}
                  aria-label={label}
                  title={label}
                  // The month's first day sits under its weekday; the cells before it stay empty.
                  style={i < 7 && iso.endsWith("-01") ? { gridColumnStart: i + 1 } : undefined}
                  disabled={!onToggle || iso === pendingDate}
                  onClick={onToggle ? () => onToggle(iso) : undefined}
                >
                  {Number(iso.slice(8))}
                </button>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
});
