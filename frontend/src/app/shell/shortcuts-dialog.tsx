import { Group, Kbd, Modal, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { SHORTCUTS } from "./shortcuts";

export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const groups = [...new Set(SHORTCUTS.map((shortcut) => shortcut.group))];
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="xl">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl" verticalSpacing="lg">
        {groups.map((group) => (
          <Stack key={group} gap={8}>
            <Title order={3} size="sm" c="dimmed" fw={500}>
              {group}
            </Title>
            {SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
              <Group key={shortcut.description} justify="space-between" wrap="nowrap" gap="md">
                <Text size="sm">{shortcut.description}</Text>
                <Group gap={4} wrap="nowrap">
                  {shortcut.keys.map((key) => (
                    <Kbd key={key} size="xs">
                      {key}
                    </Kbd>
                  ))}
                </Group>
              </Group>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
    </Modal>
  );
}
