import { Modal } from "@mantine/core";
import type { Workspace } from "../api";
import { CreateWorkspaceForm } from "./create-workspace-form";

export function CreateWorkspaceModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (workspace: Workspace) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create a workspace" size="lg">
      <CreateWorkspaceForm
        onCancel={onClose}
        onCreated={(workspace) => {
          onClose();
          onCreated(workspace);
        }}
      />
    </Modal>
  );
}
