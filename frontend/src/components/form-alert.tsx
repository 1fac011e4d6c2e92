import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";

/** The part of a failed submit that belongs to no single field. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert variant="light" color="red" icon={<IconAlertCircle size={18} />} role="alert" py="xs">
      {message}
    </Alert>
  );
}
