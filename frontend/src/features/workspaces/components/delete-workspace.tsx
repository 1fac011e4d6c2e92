import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { toApiError } from "@/api/errors";
import { DestructiveActions } from "@/components/confirm";
import { FormAlert } from "@/components/form-alert";
import { useDeleteWorkspace, useForgetWorkspace, type Workspace } from "../api";

/** Deleting a workspace takes all its data: the owner types its name to confirm. */
export function DeleteWorkspace({
  workspace,
  onDeleted,
}: {
  workspace: Workspace;
  /** Leaves the workspace's screens; may resolve once the navigation is done. */
  onDeleted: () => void | Promise<void>;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const [typed, setTyped] = useState("");
  const remove = useDeleteWorkspace();
  const forget = useForgetWorkspace();

  const confirm = async () => {
    try {
      await remove.mutateAsync(workspace);
    } catch {
      // Shown in the dialog from the mutation's state.
      return;
    }
    close();
    await onDeleted();
    await forget(workspace.id);
  };

  const cancel = () => {
    close();
    setTyped("");
    remove.reset();
  };

  return (
    <>
      <Group justify="space-between" wrap="nowrap" gap="xl">
        <Text size="sm" c="dimmed">
          Permanently delete this workspace with its members, teams and API tokens. This cannot be
          undone.
        </Text>
        <Button color="red" variant="light" onClick={open} style={{ flexShrink: 0 }}>
          Delete workspace
        </Button>
      </Group>
      <Modal opened={opened} onClose={cancel} title={`Delete ${workspace.name}?`}>
        <Stack gap="md">
          <FormAlert message={remove.error ? toApiError(remove.error).detail : null} />
          <Text size="sm">
            Everything in this workspace will be deleted for everyone. Type <b>{workspace.name}</b>{" "}
            to confirm.
          </Text>
          <TextInput
            aria-label="Workspace name"
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            data-autofocus
          />
          <DestructiveActions
            confirmLabel="Delete workspace"
            onCancel={cancel}
            onConfirm={confirm}
            disabled={typed !== workspace.name}
            loading={remove.isPending}
          />
        </Stack>
      </Modal>
    </>
  );
}
