import { Alert, Checkbox, Code, Group, Modal, SimpleGrid, Text, TextInput } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { confirmDestructive } from "@/components/confirm";
import { FormActions } from "@/components/form-actions";
import { FormField } from "@/components/form-field";
import { SelectField } from "@/components/select-field";
import { ShownOnce, ShownOnceStep } from "@/components/shown-once";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { formatDate } from "@/lib/format";
import { notBlank, textField } from "@/lib/forms";
import { type ApiTokenCreated, useCreateApiToken } from "../api";
import { SCOPES, type Scope } from "../scopes";

interface Values {
  name: string;
  scopes: Scope[];
  expires_in_days: string;
}

const FIELDS = ["name", "scopes"] as const;
const EXPIRY = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "No expiry" },
];
const DEFAULT_EXPIRY = "90";

/** The expiries a workspace allows: with a maximum lifetime, none beyond it (and so never
 * "No expiry"), and the maximum itself when it is not one of the usual choices. */
export function expiryChoices(maxLifetimeDays: number | null) {
  if (maxLifetimeDays === null) return EXPIRY;
  const within = EXPIRY.filter(
    (choice) => choice.value !== "never" && Number(choice.value) <= maxLifetimeDays,
  );
  const max = String(maxLifetimeDays);
  return within.some((choice) => choice.value === max)
    ? within
    : [...within, { value: max, label: `${maxLifetimeDays} days (the maximum)` }];
}

/** The usual expiry, or the longest the workspace allows when that is shorter. */
function defaultExpiry(choices: { value: string }[]): string {
  const usual = choices.find((choice) => choice.value === DEFAULT_EXPIRY);
  return (usual ?? choices.at(-1))?.value ?? DEFAULT_EXPIRY;
}

function expiresAt(days: string): string | null {
  if (days === "never") return null;
  return new Date(Date.now() + Number(days) * 24 * 3600 * 1000).toISOString();
}

interface CreateTokenModalProps {
  workspaceId: string;
  /** The workspace's maximum token lifetime, or null for none. */
  maxLifetimeDays: number | null;
  opened: boolean;
  onClose: () => void;
}

export function CreateTokenModal({
  workspaceId,
  maxLifetimeDays,
  opened,
  onClose,
}: CreateTokenModalProps) {
  const create = useCreateApiToken(workspaceId);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const choices = expiryChoices(maxLifetimeDays);
  const form = useForm<Values>({
    defaultValues: {
      name: "",
      scopes: ["workspace:read"],
      expires_in_days: defaultExpiry(choices),
    },
  });
  const { control, reset, formState } = form;
  const { formError, setFormError, submit } = useApiSubmit(form, FIELDS);

  const close = () => {
    setCreated(null);
    setFormError(null);
    reset();
    onClose();
  };

  // The secret is shown once: only "Done" closes it outright; the × asks first, Escape and a
  // click outside do nothing.
  const dismiss = async () => {
    if (created) {
      const ok = await confirmDestructive({
        title: "Close without the token?",
        message:
          "It is never shown again. If you haven't copied it, you will have to create another.",
        confirmLabel: "Close anyway",
      });
      if (!ok) return;
    }
    close();
  };

  const onSubmit = submit(async (values) => {
    setCreated(
      await create.mutateAsync({
        name: values.name.trim(),
        scopes: values.scopes,
        expires_at: expiresAt(values.expires_in_days),
      }),
    );
  });

  return (
    <Modal
      opened={opened}
      onClose={dismiss}
      title={created ? "Copy your new token" : "Create an API token"}
      size="lg"
      closeOnClickOutside={!created}
      closeOnEscape={!created}
    >
      {created ? (
        <ShownOnceStep onDone={close}>
          <Alert color="yellow" variant="light" icon={<IconKey size={18} />}>
            This is the only time the token is shown. Store it in your password manager or secret
            store now; if you lose it, revoke it and create another.
          </Alert>
          <ShownOnce value={created.token} copyLabel="Copy token" testId="token-secret" />
          <Text size="sm" c="dimmed">
            Send it as <Code>Authorization: Bearer &lt;token&gt;</Code>.{" "}
            {created.expires_at
              ? `It expires on ${formatDate(created.expires_at)}.`
              : "It does not expire."}
          </Text>
        </ShownOnceStep>
      ) : (
        <ApiForm onSubmit={onSubmit} error={formError}>
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              description="What uses it, so you can tell tokens apart."
              placeholder="CI deploy script"
              data-autofocus
              {...textField(form, "name", notBlank("Give the token a name."))}
            />
            <SelectField
              control={control}
              name="expires_in_days"
              label="Expires"
              description={
                maxLifetimeDays === null
                  ? "Shorter is safer."
                  : `This workspace allows at most ${maxLifetimeDays} days.`
              }
              data={choices}
            />
          </Group>
          <FormField
            control={control}
            name="scopes"
            rules={{ validate: (value) => value.length > 0 || "Choose at least one scope." }}
            render={(field) => (
              <Checkbox.Group
                label="Scopes"
                description="A token can never do more than your role allows."
                {...field}
                onChange={(scopes) => field.onChange(scopes as Scope[])}
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs" mt="xs">
                  {SCOPES.map((scope) => (
                    <Checkbox
                      key={scope.value}
                      value={scope.value}
                      label={<Code fz="xs">{scope.value}</Code>}
                      description={scope.label}
                    />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            )}
          />
          <FormActions
            submitLabel="Create token"
            submitting={formState.isSubmitting}
            onCancel={close}
          />
        </ApiForm>
      )}
    </Modal>
  );
}
