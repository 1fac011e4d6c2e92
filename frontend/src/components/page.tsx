import { Box, Group, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";

interface PageProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A screen inside the app shell: a header row (title, description, actions) and its content. */
export function Page({ title, description, actions, children }: PageProps) {
  useDocumentTitle(`${title} · Worklane`);
  return (
    <Box maw={1040} mx="auto" px={{ base: "md", sm: 40 }} py={32}>
      <Group justify="space-between" align="flex-start" mb="xl" wrap="nowrap" gap="lg">
        <Heading title={title} description={description} order={1} />
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
      {children}
    </Box>
  );
}

/** A titled block within a page, e.g. one group of settings. */
export function Section({
  title,
  description,
  children,
  mt,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  mt?: number | string;
}) {
  return (
    <Box component="section" py="lg" mt={mt} style={{ borderTop: "1px solid var(--wl-border)" }}>
      <Heading title={title} description={description} order={3} mb="md" />
      {children}
    </Box>
  );
}

/** A title with its description, dimmed, under it: a page's (order 1) or a section's (order 3). */
function Heading({
  title,
  description,
  order,
  mb,
}: {
  title: string;
  description?: ReactNode;
  order: 1 | 3;
  mb?: string;
}) {
  return (
    <Stack gap={order === 1 ? 4 : 2} mb={mb}>
      <Title order={order}>{title}</Title>
      {description ? (
        <Text c="dimmed" size={order === 1 ? "md" : "sm"}>
          {description}
        </Text>
      ) : null}
    </Stack>
  );
}
