import { Alert, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconLink } from "@tabler/icons-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { FormActions } from "@/components/form-actions";
import { SelectField } from "@/components/select-field";
import { ShownOnce, ShownOnceStep } from "@/components/shown-once";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { formatDate } from "@/lib/format";
import { textField } from "@/lib/forms";
import type { Role } from "../api";
import { acceptLink, type InvitationCreated, useInvite } from "../invitations";
import { ROLES } from "./roles";

interface Values {
  email: string;
  role: Role;
}

const FIELDS = ["email", "role"] as const;

/** The accept link of a new invitation, to copy and pass on: it is shown only this once. */
export function InvitationLink({ created }: { created: InvitationCreated }) {
  const link = acceptLink(created);
  return (
    <Stack gap="md">
      <Alert color="blue" variant="light" icon={<IconLink size={18} />}>
        Send this link to {created.email}. It works once, for whoever signs in (or signs up) with
        that address, until {formatDate(created.expires_at)}. It is shown only now; inviting again
        makes a new one.
      </Alert>
      <ShownOnce value={link} copyLabel="Copy link" testId="invitation-link" />
    </Stack>
  );
}

export function InviteModal({
  workspaceId,
  callerRole,
  opened,
  onClose,
  initial,
}: {
  workspaceId: string;
  callerRole: Role;
  opened: boolean;
  onClose: () => void;
  /** Inviting someone again: their email and role, ready to send. */
  initial?: Values;
}) {
  const invite = useInvite(workspaceId);
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const form = useForm<Values>({ values: initial ?? { email: "", role: "member" } });
  const { control, reset, formState } = form;
  const { formError, setFormError, submit } = useApiSubmit(form, FIELDS);

  const close = () => {
    reset();
    setCreated(null);
    setFormError(null);
    onClose();
  };

  const onSubmit = submit(async (values) => {
    setCreated(await invite.mutateAsync({ email: values.email.trim(), role: values.role }));
  });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? "Pass the invitation on" : "Invite someone"}
      size="lg"
    >
      {created ? (
        <ShownOnceStep onDone={close}>
          <InvitationLink created={created} />
        </ShownOnceStep>
      ) : (
        <ApiForm onSubmit={onSubmit} error={formError}>
          <TextInput
            label="Email"
            description="They accept by signing in, or signing up, with this address."
            type="email"
            placeholder="name@company.com"
            data-autofocus
            {...textField(form, "email", { required: "Enter their email address." })}
          />
          <SelectField
            control={control}
            name="role"
            label="Role"
            data={ROLES.filter((role) => callerRole === "owner" || role.value !== "owner").map(
              (role) => ({ value: role.value, label: `${role.label} — ${role.description}` }),
            )}
            fallback="member"
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="sm" c="dimmed">
            You get a link to pass on; it expires in seven days.
          </Text>
          <FormActions submitLabel="Invite" submitting={formState.isSubmitting} onCancel={close} />
        </ApiForm>
      )}
    </Modal>
  );
}
