import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { Link } from "react-router";

export function NotFoundRoute() {
  useDocumentTitle("Not found · Worklane");
  return (
    <Center h="100vh" px="md">
      <Stack align="center" gap="sm" ta="center">
        <Text c="dimmed" fw={600} size="sm">
          404
        </Text>
        <Title order={1}>This page doesn't exist</Title>
        <Text c="dimmed">Check the address, or go back to your work.</Text>
        <Button component={Link} to="/" mt="xs">
          Go home
        </Button>
      </Stack>
    </Center>
  );
}
