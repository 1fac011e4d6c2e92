import { Tabs } from "@mantine/core";
import {
  IconCalendarEvent,
  IconLayoutKanban,
  IconList,
  IconSettings,
  IconTimeline,
} from "@tabler/icons-react";
import { useNavigate } from "react-router";

/** A project's views, in tab order; the list is the project's own address, the rest a segment. */
export const PROJECT_TABS = [
  { value: "list", label: "List", icon: IconList },
  { value: "board", label: "Board", icon: IconLayoutKanban },
  { value: "timeline", label: "Timeline", icon: IconTimeline },
  { value: "calendar", label: "Calendar", icon: IconCalendarEvent },
  { value: "settings", label: "Settings", icon: IconSettings },
] as const;

export type ProjectTab = (typeof PROJECT_TABS)[number]["value"];

export function isProjectTab(value: string): value is ProjectTab {
  return PROJECT_TABS.some((tab) => tab.value === value);
}

/** The tab strip under a project's header; choosing a tab changes the URL. */
export function ProjectTabs({ tab, base }: { tab: ProjectTab; base: string }) {
  const navigate = useNavigate();
  return (
    <Tabs
      value={tab}
      onChange={(value) => value && navigate(value === "list" ? base : `${base}/${value}`)}
      mb="md"
    >
      <Tabs.List>
        {PROJECT_TABS.map(({ value, label, icon: Icon }) => (
          <Tabs.Tab key={value} value={value} leftSection={<Icon size={15} />}>
            {label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
