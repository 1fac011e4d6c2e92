import { Alert, Button, Center, Loader, Skeleton, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import type { ReactElement, ReactNode } from "react";
import { toApiError } from "@/api/errors";

export function LoadingState({ label = "Loading…" }: { label?: string }) {
  return (
    <Center py={64} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" type="dots" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

/** Placeholder rows while a table or list loads, so the layout does not jump. */
export function SkeletonRows({ rows = 4, height = 36 }: { rows?: number; height?: number }) {
  return (
    <Stack gap={8} role="status" aria-label="Loading">
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders with no identity
        <Skeleton key={index} height={height} radius="sm" />
      ))}
    </Stack>
  );
}

/** A query a screen waits on: React Query's result, or a paged list's with the rows it has. */
interface Awaited {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  items?: unknown[];
}

/**
 * What stands in for a query's content until it can be drawn: placeholder rows while it loads,
 * the error with a retry when it failed, else null. A paged list whose later page failed keeps
 * showing the rows it has.
 */
export function loadingOrError(
  query: Awaited,
  placeholder: { rows: number; height?: number },
): ReactElement | null {
  if (query.isPending) return <SkeletonRows {...placeholder} />;
  if (query.isError && !query.items) {
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  }
  return null;
}

export function ErrorState({
  error,
  onRetry,
  title = "Couldn't load this",
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const problem = toApiError(error);
  return (
    <Alert
      variant="light"
      color="red"
      title={title}
      icon={<IconAlertTriangle size={18} />}
      role="alert"
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{problem.detail}</Text>
        {onRetry ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            onClick={onRetry}
          >
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function EmptyState({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Center
      py={56}
      px="md"
      style={{ border: "1px dashed var(--wl-border)", borderRadius: "var(--mantine-radius-lg)" }}
    >
      <Stack align="center" gap="xs" maw={380} ta="center">
        <ThemeIcon size={44} radius="xl" variant="light" color="gray">
          {icon}
        </ThemeIcon>
        <Text fw={600} mt={4}>
          {title}
        </Text>
        {description ? (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        ) : null}
        {action ? <div style={{ marginTop: 8 }}>{action}</div> : null}
      </Stack>
    </Center>
  );
}
