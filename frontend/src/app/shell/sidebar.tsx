import { NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { NavLink as RouterLink } from "react-router";
import { NAV_SECTIONS } from "./nav";
import classes from "./shell.module.css";

export function Sidebar({
  workspaceId,
  onNavigate,
}: {
  workspaceId: string;
  onNavigate: () => void;
}) {
  return (
    <ScrollArea type="hover" className={classes.sidebarScroll}>
      <Stack gap="lg" p="sm" component="nav" aria-label="Workspace">
        {NAV_SECTIONS.map((section) => (
          <Stack key={section.title} gap={2}>
            <Text className={classes.sectionTitle}>{section.title}</Text>
            {section.items.map((item) => (
              <NavLink
                key={item.path}
                component={RouterLink}
                to={`/w/${workspaceId}/${item.path}`}
                label={item.label}
                leftSection={<item.icon size={17} stroke={1.75} />}
                className={classes.navLink}
                onClick={onNavigate}
              />
            ))}
          </Stack>
        ))}
      </Stack>
    </ScrollArea>
  );
}
