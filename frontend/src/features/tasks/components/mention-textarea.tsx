import {
  Box,
  Group,
  Paper,
  Popover,
  Text,
  Textarea,
  type TextareaProps,
  UnstyledButton,
} from "@mantine/core";
import { useRef, useState } from "react";
import type { Member } from "@/api/directory";
import { activeMention, matchMembers } from "../mentions";
import { MemberAvatar } from "./fields";
import classes from "./tasks.module.css";

/**
 * A textarea that offers members after `@`: arrows pick, Enter or Tab inserts `@Full Name`,
 * Escape closes. `toWire` turns the names into `<@member-id>` when the text is sent.
 */
export function MentionTextarea({
  value,
  onChange,
  members,
  onSubmitShortcut,
  ...props
}: Omit<TextareaProps, "value" | "onChange"> & {
  value: string;
  onChange: (value: string) => void;
  members: Member[];
  /** Ctrl/Cmd+Enter */
  onSubmitShortcut?: () => void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const matches = mention ? matchMembers(members, mention.query) : [];
  const open = Boolean(mention) && matches.length > 0;

  const track = (text: string, caret: number) => {
    setMention(activeMention(text, caret));
    setActive(0);
  };

  const insert = (member: Member) => {
    if (!mention) return;
    const caret = ref.current?.selectionStart ?? value.length;
    const inserted = `@${member.name} `;
    const next = value.slice(0, mention.start) + inserted + value.slice(caret);
    onChange(next);
    setMention(null);
    const at = mention.start + inserted.length;
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(at, at);
    });
  };

  return (
    <Popover
      opened={open}
      position="bottom-start"
      offset={4}
      withinPortal={false}
      trapFocus={false}
    >
      <Popover.Target>
        <Box>
          <Textarea
            {...props}
            ref={ref}
            value={value}
            aria-autocomplete="list"
            aria-expanded={open}
            onChange={(event) => {
              onChange(event.currentTarget.value);
              track(event.currentTarget.value, event.currentTarget.selectionStart);
            }}
            onClick={(event) => track(value, event.currentTarget.selectionStart)}
            onBlur={() => setTimeout(() => setMention(null), 150)}
            onKeyDown={(event) => {
              if (open) {
                if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                  event.preventDefault();
                  const step = event.key === "ArrowDown" ? 1 : -1;
                  setActive((active + step + matches.length) % matches.length);
                  return;
                }
                if (event.key === "Enter" || event.key === "Tab") {
                  event.preventDefault();
                  const member = matches[active];
                  if (member) insert(member);
                  return;
                }
                if (event.key === "Escape") {
                  event.preventDefault();
                  event.stopPropagation();
                  setMention(null);
                  return;
                }
              }
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
                event.preventDefault();
                onSubmitShortcut?.();
              }
            }}
          />
        </Box>
      </Popover.Target>
      <Popover.Dropdown p={4}>
        <Paper role="listbox" aria-label="Mention someone" w={260}>
          {matches.map((member, index) => (
            <UnstyledButton
              key={member.id}
              role="option"
              aria-selected={index === active}
              data-active={index === active || undefined}
              className={classes.pickerOption}
              onMouseDown={(event) => {
                event.preventDefault();
                insert(member);
              }}
            >
              <Group gap={8} wrap="nowrap" miw={0}>
                <MemberAvatar member={member} size={20} />
                <Text size="sm" truncate>
                  {member.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {member.email}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
        </Paper>
      </Popover.Dropdown>
    </Popover>
  );
}
