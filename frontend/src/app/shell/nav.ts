import {
  type Icon,
  IconAdjustmentsHorizontal,
  IconCalendarEvent,
  IconChartBar,
  IconClipboardCheck,
  IconClockHour4,
  IconFolders,
  IconHierarchy2,
  IconInbox,
  IconKey,
  IconTag,
  IconUserCircle,
  IconUsers,
} from "@tabler/icons-react";

export interface NavItem {
  label: string;
  /** Relative to /w/:workspaceId */
  path: string;
  icon: Icon;
  description: string;
  /** Shown only to who can approve timesheets (admins, team leads). */
  approversOnly?: boolean;
  /** Active only on its own path, not on the screens below it. */
  end?: boolean;
}

/** The sections with what this person may see. */
export function visibleSections(canApprove: boolean) {
  return NAV_SECTIONS.map((section) => ({
    ...section,
    items: section.items.filter((item) => canApprove || !item.approversOnly),
  }));
}

/**
 * Screens of a workspace, in sidebar order. New screens slot in here as they ship; the sidebar
 * and the command palette both read this list.
 */
export const NAV_SECTIONS: { title: string; items: NavItem[] }[] = [
  {
    title: "Work",
    items: [
      {
        label: "My work",
        path: "my-work",
        icon: IconInbox,
        description: "Tasks assigned to you, by due date",
      },
      {
        label: "Projects",
        path: "projects",
        icon: IconFolders,
        description: "Projects and ongoing work",
      },
      {
        label: "My time",
        path: "time",
        icon: IconClockHour4,
        description: "Your week of logged time and its timesheet",
        end: true,
      },
      {
        label: "Approvals",
        path: "time/approvals",
        icon: IconClipboardCheck,
        description: "Submitted timesheets to approve or send back",
        approversOnly: true,
      },
      {
        label: "Reports",
        path: "time/reports",
        icon: IconChartBar,
        description: "Time by project, person or period; estimates and budgets",
      },
    ],
  },
  {
    title: "Workspace",
    items: [
      {
        label: "General",
        path: "settings/general",
        icon: IconAdjustmentsHorizontal,
        description: "Name, time zone and week start",
      },
      {
        label: "Members",
        path: "settings/members",
        icon: IconUsers,
        description: "People and roles",
      },
      {
        label: "Teams",
        path: "settings/teams",
        icon: IconHierarchy2,
        description: "Departments and squads",
      },
      {
        label: "Calendars",
        path: "settings/calendars",
        icon: IconCalendarEvent,
        description: "Working days and holidays",
      },
      {
        label: "Labels",
        path: "settings/labels",
        icon: IconTag,
        description: "Labels shared by every project",
      },
      {
        label: "API tokens",
        path: "settings/api-tokens",
        icon: IconKey,
        description: "Access for scripts",
      },
    ],
  },
  {
    title: "You",
    items: [
      {
        label: "Account",
        path: "settings/account",
        icon: IconUserCircle,
        description: "Password and signed-in sessions",
      },
    ],
  },
];
