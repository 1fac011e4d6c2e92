import { ActionIcon, Group, Select, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight, IconX } from "@tabler/icons-react";
import { useId } from "react";
import { DIMENSION_LABEL, DIMENSIONS, type Dimension } from "../report-filters";
import classes from "./time.module.css";

/** The buttons that move a dimension one column earlier or later. */
const MOVES = [
  { offset: -1, word: "earlier", Icon: IconChevronLeft },
  { offset: 1, word: "later", Icon: IconChevronRight },
] as const;

/**
 * The report's dimensions in column order: the first groups outermost. Buttons, not drag and
 * drop, reorder them, so the keyboard can too.
 */
export function GroupByPicker({
  value,
  onChange,
}: {
  value: readonly Dimension[];
  onChange: (groupBy: Dimension[]) => void;
}) {
  const labelId = useId();
  const unused = DIMENSIONS.filter((dimension) => !value.includes(dimension));
  const move = (index: number, offset: -1 | 1) => {
    const next = [...value];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + offset, 0, moved);
    onChange(next);
  };

  return (
    <Group gap="sm" role="group" aria-labelledby={labelId}>
      <Text id={labelId} size="sm" fw={500}>
        Group by
      </Text>
      <ol className={classes.dimensions}>
        {value.map((dimension, index) => {
          const label = DIMENSION_LABEL[dimension];
          return (
            <li key={dimension} className={classes.dimension}>
              <Text size="sm" mr={4}>
                {label}
              </Text>
              {MOVES.map(({ offset, word, Icon }) => (
                <ActionIcon
                  key={word}
                  size="sm"
                  variant="subtle"
                  color="gray"
                  aria-label={`Move ${label} ${word}`}
                  disabled={!value[index + offset]}
                  onClick={() => move(index, offset)}
                >
                  <Icon size={14} />
                </ActionIcon>
              ))}
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                aria-label={`Stop grouping by ${label}`}
                disabled={value.length === 1}
                onClick={() => onChange(value.filter((each) => each !== dimension))}
              >
                <IconX size={14} />
              </ActionIcon>
            </li>
          );
        })}
      </ol>
      {unused.length ? (
        <Select
          size="xs"
          w={150}
          placeholder="Then by…"
          aria-label="Add a grouping"
          data={unused.map((dimension) => ({
            value: dimension,
            label: DIMENSION_LABEL[dimension],
          }))}
          value={null}
          onChange={(dimension) => dimension && onChange([...value, dimension as Dimension])}
        />
      ) : null}
    </Group>
  );
}
