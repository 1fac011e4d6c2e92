import { Button, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { toApiError } from "@/api/errors";
import { FormAlert } from "@/components/form-alert";
import { useAcceptInvitation } from "../invitations";

/** Accept the invitation whose secret is `token`, as the signed-in person (`email`). */
export function AcceptInvitation({
  token,
  email,
  onJoined,
}: {
  token: string;
  email: string;
  onJoined: (workspaceId: string) => void;
}) {
  const accept = useAcceptInvitation();
  const [error, setError] = useState<string | null>(null);

  const onAccept = async () => {
    setError(null);
    try {
      onJoined((await accept.mutateAsync(token)).workspace_id);
    } catch (failure) {
      setError(toApiError(failure).detail);
    }
  };

  if (!token) {
    return <FormAlert message="This link has no invitation in it; ask for the link again." />;
  }
  return (
    <Stack gap="md">
      <FormAlert message={error} />
      <Text size="sm">
        You are signed in as <b>{email}</b>. The invitation works only for the address it was sent
        to.
      </Text>
      <Button fullWidth loading={accept.isPending} onClick={onAccept} data-autofocus>
        Accept invitation
      </Button>
    </Stack>
  );
}
