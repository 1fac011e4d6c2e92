import { Anchor, Box, Center, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { LogoMark } from "@/components/brand";

interface CardScreenProps {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer?: { text: string; link: string; to: string } | null;
  /** The browser tab's title, when it is not the heading's. */
  documentTitle?: string;
  width?: number;
}

/** A screen outside the app shell (sign-in, a first workspace): the brand, a heading, one card. */
export function CardScreen({
  title,
  subtitle,
  children,
  footer,
  documentTitle = title,
  width = 400,
}: CardScreenProps) {
  useDocumentTitle(`${documentTitle} · Worklane`);
  return (
    <Center mih="100vh" px="md" bg="var(--wl-canvas)">
      <Box w="100%" maw={width}>
        <Stack align="center" gap={6} mb="lg">
          <LogoMark size={36} />
          <Title order={1} ta="center" mt="sm">
            {title}
          </Title>
          <Text c="dimmed" ta="center" maw={420}>
            {subtitle}
          </Text>
        </Stack>
        <Paper withBorder radius="lg" p="xl" shadow="xs">
          {children}
        </Paper>
        {footer ? (
          <Text ta="center" size="sm" c="dimmed" mt="lg">
            {footer.text}{" "}
            <Anchor component={Link} to={footer.to} size="sm" fw={500}>
              {footer.link}
            </Anchor>
          </Text>
        ) : null}
      </Box>
    </Center>
  );
}
