import { Button, Group, Text } from "@mantine/core";
import { IconLogout } from "@tabler/icons-react";
import { confirmDestructive } from "@/components/confirm";
import { notifyError } from "@/components/notify";
import { useSignOutEverywhere } from "../api";

/** Ends every session of the account, this browser's too; API tokens keep working. */
export function SignOutEverywhere() {
  const signOut = useSignOutEverywhere();

  const confirmAndSignOut = async () => {
    const ok = await confirmDestructive({
      title: "Sign out everywhere?",
      message:
        "Every browser signed in to your account is signed out, this one too. API tokens keep working: revoke them in each workspace.",
      confirmLabel: "Sign out everywhere",
    });
    if (!ok) return;
    signOut.mutate(undefined, {
      onError: (error) => notifyError(error, "Couldn't sign out everywhere"),
    });
  };

  return (
    <Group justify="space-between" wrap="nowrap" gap="xl">
      <Text size="sm" c="dimmed">
        Signed in on a shared computer, or lost a laptop? End every session of your account at once,
        this one too. API tokens keep working.
      </Text>
      <Button
        color="red"
        variant="light"
        leftSection={<IconLogout size={16} />}
        loading={signOut.isPending}
        onClick={confirmAndSignOut}
        style={{ flexShrink: 0 }}
      >
        Sign out everywhere
      </Button>
    </Group>
  );
}
