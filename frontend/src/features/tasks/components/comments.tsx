import { ActionIcon, Box, Button, Group, Menu, Stack, Text, Tooltip } from "@mantine/core";
import { IconDots, IconMessageCircle, IconPencil, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { Member } from "@/api/directory";
import { isStale } from "@/api/errors";
import { confirmDestructive } from "@/components/confirm";
import { Markdown } from "@/components/markdown";
import { notifyError } from "@/components/notify";
import { ErrorState, SkeletonRows } from "@/components/states";
import { formatDateTime, formatRelative } from "@/lib/format";
import { type Comment, useAddComment, useComments, useDeleteComment, useEditComment } from "../api";
import { toEditable, toWire } from "../mentions";
import { MemberAvatar } from "./fields";
import { MentionTextarea } from "./mention-textarea";

export function Comments({
  workspaceId,
  taskId,
  members,
  me,
  canModerate,
  readOnly,
}: {
  workspaceId: string;
  taskId: string;
  members: Map<string, Member>;
  me: Member | undefined;
  canModerate: boolean;
  readOnly?: boolean;
}) {
  const comments = useComments(workspaceId, taskId);
  const nameOf = (id: string) => members.get(id)?.name;

  return (
    <Stack gap="md">
      {comments.isPending ? (
        <SkeletonRows rows={2} height={48} />
      ) : comments.isError && !comments.items ? (
        <ErrorState error={comments.error} onRetry={() => comments.refetch()} />
      ) : (comments.items ?? []).length === 0 ? (
        <Group gap={8} c="dimmed">
          <IconMessageCircle size={16} />
          <Text size="sm">No comments yet. Mention someone with @ to bring them in.</Text>
        </Group>
      ) : (
        (comments.items ?? []).map((comment) => (
          <CommentItem
            key={comment.id}
            workspaceId={workspaceId}
            taskId={taskId}
            comment={comment}
            members={members}
            mine={comment.author_id === me?.id}
            canDelete={comment.author_id === me?.id || canModerate}
            nameOf={nameOf}
          />
        ))
      )}
      {comments.hasNextPage ? (
        <Button variant="subtle" size="xs" onClick={() => comments.fetchNextPage()}>
          Show more comments
        </Button>
      ) : null}
      {readOnly ? null : (
        <Composer workspaceId={workspaceId} taskId={taskId} members={members} me={me} />
      )}
    </Stack>
  );
}

function CommentItem({
  workspaceId,
  taskId,
  comment,
  members,
  mine,
  canDelete,
  nameOf,
}: {
  workspaceId: string;
  taskId: string;
  comment: Comment;
  members: Map<string, Member>;
  mine: boolean;
  canDelete: boolean;
  nameOf: (id: string) => string | undefined;
}) {
  const author = members.get(comment.author_id);
  const [editing, setEditing] = useState<string | null>(null);
  const edit = useEditComment(workspaceId, taskId);
  const remove = useDeleteComment(workspaceId, taskId);
  const edited = Date.parse(comment.updated_at) - Date.parse(comment.created_at) > 1000;

  const save = () => {
    if (editing === null || !editing.trim()) return;
    const body = toWire(editing, [...members.values()]);
    // Unchanged, or already saved from the "changed meanwhile" notice.
    if (body === comment.body) {
      setEditing(null);
      return;
    }
    edit.mutate(
      { comment, body },
      {
        onSuccess: () => setEditing(null),
        // A 412 offered to apply the edit to the latest version; the draft stays open meanwhile.
        onError: (error) => {
          if (!isStale(error)) notifyError(error, "Couldn't save the comment");
        },
      },
    );
  };

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="comment">
      <MemberAvatar member={author} size={28} />
      <Box flex={1} miw={0}>
        <Group gap={6} justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600}>
              {author?.name ?? "Former member"}
            </Text>
            <Tooltip label={formatDateTime(comment.created_at)}>
              <Text size="xs" c="dimmed">
                {formatRelative(comment.created_at)}
                {edited ? " · edited" : ""}
              </Text>
            </Tooltip>
          </Group>
          {mine || canDelete ? (
            <Menu position="bottom-end">
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" size="sm" aria-label="Comment actions">
                  <IconDots size={14} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {mine ? (
                  <Menu.Item
                    leftSection={<IconPencil size={14} />}
                    onClick={() => setEditing(toEditable(comment.body, members))}
                  >
                    Edit
                  </Menu.Item>
                ) : null}
                {canDelete ? (
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={async () => {
                      const ok = await confirmDestructive({
                        title: "Delete this comment?",
                        message: "It disappears for everyone. This cannot be undone.",
                        confirmLabel: "Delete comment",
                      });
                      if (ok) {
                        remove.mutate(comment, {
                          onError: (error) => {
                            if (!isStale(error)) notifyError(error, "Couldn't delete the comment");
                          },
                        });
                      }
                    }}
                  >
                    Delete
                  </Menu.Item>
                ) : null}
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
        {editing !== null ? (
          <Stack gap="xs" mt={4}>
            <MentionTextarea
              aria-label="Edit comment"
              autosize
              minRows={2}
              value={editing}
              onChange={setEditing}
              members={[...members.values()]}
              onSubmitShortcut={save}
              data-autofocus
            />
            <Group gap="xs" justify="flex-end">
              <Button size="xs" variant="default" onClick={() => setEditing(null)}>
                Cancel
              </Button>
              <Button size="xs" onClick={save} loading={edit.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        ) : (
          <Box mt={2}>
            <Markdown mentionName={nameOf}>{comment.body}</Markdown>
          </Box>
        )}
      </Box>
    </Group>
  );
}

function Composer({
  workspaceId,
  taskId,
  members,
  me,
}: {
  workspaceId: string;
  taskId: string;
  members: Map<string, Member>;
  me: Member | undefined;
}) {
  const [text, setText] = useState("");
  const add = useAddComment(workspaceId, taskId);
  const send = () => {
    if (!text.trim()) return;
    add.mutate(toWire(text, [...members.values()]), {
      onSuccess: () => setText(""),
      onError: (error) => notifyError(error, "Couldn't post the comment"),
    });
  };
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <MemberAvatar member={me} size={28} />
      <Stack gap="xs" flex={1}>
        <MentionTextarea
          aria-label="Write a comment"
          placeholder="Leave a comment… Type @ to mention someone."
          autosize
          minRows={2}
          maxRows={12}
          value={text}
          onChange={setText}
          members={[...members.values()]}
          onSubmitShortcut={send}
        />
        <Group justify="flex-end" gap="xs">
          <Text size="xs" c="dimmed">
            Markdown · Ctrl+Enter to send
          </Text>
          <Button size="xs" onClick={send} loading={add.isPending} disabled={!text.trim()}>
            Comment
          </Button>
        </Group>
      </Stack>
    </Group>
  );
}
