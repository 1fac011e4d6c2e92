import { NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import { NavLink as RouterLink } from "react-router";
import { visibleSections } from "./nav";
import classes from "./shell.module.css";

export function Sidebar({
  workspaceId,
  canApprove,
  onNavigate,
}: {
  workspaceId: string;
  canApprove: boolean;
  onNavigate: () => void;
}) {
  return (
    <ScrollArea type="hover" className={classes.sidebarScroll}>
      <Stack gap="lg" p="sm" component="nav" aria-label="Workspace">
        {visibleSections(canApprove).map((section) => (
          <Stack key={section.title} gap={2}>
            <Text className={classes.sectionTitle}>{section.title}</Text>
            {section.items.map((item) => (
              <NavLink
                key={item.path}
                component={RouterLink}
                to={`/w/${workspaceId}/${item.path}`}
                end={item.end}
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
