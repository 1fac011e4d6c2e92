import { Box, Button, Group, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import type { Member } from "@/api/directory";
import { isStale } from "@/api/errors";
import { Markdown } from "@/components/markdown";
import { notifyError } from "@/components/notify";
import type { Task } from "../api";
import classes from "./task-detail.module.css";

export function TitleEditor({
  title,
  readOnly,
  onSave,
}: {
  title: string;
  readOnly?: boolean;
  onSave: (title: string) => void;
}) {
  const [value, setValue] = useState(title);
  const commit = () => {
    const next = value.trim();
    if (!next) setValue(title);
    else if (next !== title) onSave(next);
  };
  if (readOnly) return <Title order={2}>{title}</Title>;
  return (
    <Textarea
      aria-label="Title"
      variant="unstyled"
      autosize
      minRows={1}
      classNames={{ input: classes.titleInput }}
      value={value}
      onChange={(event) => setValue(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          event.currentTarget.blur();
        } else if (event.key === "Escape") {
          // Undoes the edit only; the next Escape closes the panel.
          event.stopPropagation();
          setValue(title);
          event.currentTarget.blur();
        }
      }}
    />
  );
}

export function DescriptionEditor({
  task,
  readOnly,
  members,
  onSave,
}: {
  task: Task;
  readOnly?: boolean;
  members: Map<string, Member>;
  onSave: (description: string) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [mode, setMode] = useState<"write" | "preview">("write");
  const [saving, setSaving] = useState(false);
  const nameOf = (id: string) => members.get(id)?.name;

  if (draft === null) {
    return (
      <Box className={classes.description}>
        {task.description.trim() ? (
          <Markdown mentionName={nameOf}>{task.description}</Markdown>
        ) : (
          <Text size="sm" c="dimmed">
            No description.
          </Text>
        )}
        {readOnly ? null : (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconPencil size={14} />}
            mt="xs"
            onClick={() => {
              setDraft(task.description);
              setMode("write");
            }}
          >
            {task.description.trim() ? "Edit description" : "Add a description"}
          </Button>
        )}
      </Box>
    );
  }

  const save = async () => {
    setSaving(true);
    try {
      if (draft !== task.description) await onSave(draft);
      setDraft(null);
    } catch (error) {
      // A 412 already offered to re-apply; anything else is shown here and the draft kept.
      if (!isStale(error)) notifyError(error, "Couldn't save the description");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={mode}
        onChange={(value) => setMode(value as "write" | "preview")}
        data={[
          { value: "write", label: "Write" },
          { value: "preview", label: "Preview" },
        ]}
      />
      {mode === "write" ? (
        <Textarea
          aria-label="Description"
          autosize
          minRows={5}
          maxRows={24}
          value={draft}
          data-autofocus
          autoFocus
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) void save();
            if (event.key === "Escape") {
              event.stopPropagation();
              setDraft(null);
            }
          }}
          placeholder="Markdown: **bold**, _italic_, lists, [links](https://…), `code`"
        />
      ) : (
        <Box className={classes.preview}>
          {draft.trim() ? (
            <Markdown mentionName={nameOf}>{draft}</Markdown>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to preview.
            </Text>
          )}
        </Box>
      )}
      <Group gap="xs">
        <Button size="xs" onClick={save} loading={saving}>
          Save
        </Button>
        <Button size="xs" variant="default" onClick={() => setDraft(null)}>
          Cancel
        </Button>
        <Text size="xs" c="dimmed">
          Ctrl+Enter saves, Esc cancels
        </Text>
      </Group>
    </Stack>
  );
}
