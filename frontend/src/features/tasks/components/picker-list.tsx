import { Box, Group, ScrollArea, Text, TextInput, UnstyledButton } from "@mantine/core";
import { IconCheck, IconSearch } from "@tabler/icons-react";
import { type ReactNode, useId, useMemo, useState } from "react";
import classes from "./tasks.module.css";

export interface PickerOption {
  value: string;
  label: string;
  left?: ReactNode;
  /** Extra words to match, e.g. an email. */
  keywords?: string;
}

/**
 * A filterable list driven from its search box: arrows move, Enter picks, a tick marks what is
 * chosen. Used in every task field popover and in the keyboard quick pickers.
 */
export function PickerList({
  options,
  selected,
  onPick,
  placeholder = "Filter…",
  label,
  emptyText = "Nothing matches",
}: {
  options: PickerOption[];
  selected: string[];
  onPick: (value: string) => void;
  placeholder?: string;
  label: string;
  emptyText?: string;
}) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase();
    if (!words) return options;
    return options.filter((option) =>
      `${option.label} ${option.keywords ?? ""}`.toLowerCase().includes(words),
    );
  }, [options, query]);
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((current + 1) % Math.max(shown.length, 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((current - 1 + shown.length) % Math.max(shown.length, 1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      const option = shown[current];
      if (option) onPick(option.value);
    }
  };

  return (
    <Box w={260}>
      <TextInput
        size="xs"
        variant="unstyled"
        px="xs"
        aria-label={label}
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={shown[current] ? `${listId}-${current}` : undefined}
        placeholder={placeholder}
        leftSection={<IconSearch size={14} />}
        value={query}
        // Focused by the popover's or dialog's focus trap, which then returns focus to what
        // opened it; `autoFocus` would focus it first and leave nothing to return to.
        data-autofocus
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        className={classes.pickerSearch}
      />
      <ScrollArea.Autosize mah={280} type="auto">
        <Box id={listId} role="listbox" aria-label={label} p={4} aria-multiselectable>
          {shown.length === 0 ? (
            <Text size="sm" c="dimmed" px="sm" py={6}>
              {emptyText}
            </Text>
          ) : null}
          {shown.map((option, index) => {
            const chosen = selected.includes(option.value);
            return (
              <UnstyledButton
                key={option.value}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={chosen}
                data-active={index === current || undefined}
                className={classes.pickerOption}
                onMouseEnter={() => setActive(index)}
                onClick={() => onPick(option.value)}
                tabIndex={-1}
              >
                <Group gap={8} wrap="nowrap" flex={1} miw={0}>
                  {option.left}
                  <Text size="sm" truncate>
                    {option.label}
                  </Text>
                </Group>
                {chosen ? <IconCheck size={14} stroke={2} /> : null}
              </UnstyledButton>
            );
          })}
        </Box>
      </ScrollArea.Autosize>
    </Box>
  );
}
