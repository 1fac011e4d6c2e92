import { useUrlFilters } from "@/hooks/use-search-param";
import { toIso } from "@/lib/dates";

/** What time can be grouped by, in the order the picker offers them. */
export const DIMENSION_LABEL = {
  project: "Project",
  task: "Task",
  member: "Member",
  team: "Team",
  work_type: "Work type",
  billable: "Billable",
  day: "Day",
  week: "Week",
  month: "Month",
} as const;

export type Dimension = keyof typeof DIMENSION_LABEL;

export const DIMENSIONS = Object.keys(DIMENSION_LABEL) as Dimension[];

const DEFAULT_GROUP_BY: Dimension[] = ["project"];
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The time report's filters, kept in the URL so a report can be shared or bookmarked. */
export interface ReportFilters {
  from: string;
  to: string;
  groupBy: Dimension[];
  projectId: string | null;
  memberId: string | null;
  teamId: string | null;
  /** Only billable time (true), only non-billable (false), or both (null). */
  billable: boolean | null;
}

/** The first and last day of the month that holds `now`. */
function monthRange(now: Date = new Date()): { from: string; to: string } {
  return {
    from: toIso(new Date(now.getFullYear(), now.getMonth(), 1)),
    to: toIso(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
  };
}

/** Dimensions renamed since a report's URL may have been shared: old name → new. */
const RENAMED: Record<string, Dimension> = { activity: "work_type" };

/** `project,member` → ["project", "member"]; unknown and repeated names are dropped. */
function parseGroupBy(raw: string | null): Dimension[] {
  const names = (raw ?? "")
    .split(",")
    .map((name) => RENAMED[name] ?? name)
    .filter((name): name is Dimension => DIMENSIONS.includes(name as Dimension));
  return names.length ? [...new Set(names)] : DEFAULT_GROUP_BY;
}

function readReportFilters(params: URLSearchParams): ReportFilters {
  const month = monthRange();
  const day = (name: string, fallback: string) => {
    const value = params.get(name);
    return value && ISO_DAY.test(value) ? value : fallback;
  };
  return {
    from: day("from", month.from),
    to: day("to", month.to),
    groupBy: parseGroupBy(params.get("group_by")),
    projectId: params.get("project"),
    memberId: params.get("member"),
    teamId: params.get("team"),
    billable: { true: true, false: false }[params.get("billable") ?? ""] ?? null,
  };
}

const REPORT_PARAMS = {
  names: { groupBy: "group_by", projectId: "project", memberId: "member", teamId: "team" },
};

export function useReportFilters(): [ReportFilters, (changes: Partial<ReportFilters>) => void] {
  return useUrlFilters(readReportFilters, REPORT_PARAMS);
}
