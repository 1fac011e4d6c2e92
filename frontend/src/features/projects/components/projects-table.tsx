import {
  Anchor,
  Badge,
  Button,
  Group,
  Progress,
  SegmentedControl,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconFolders, IconPlus } from "@tabler/icons-react";
import { Link } from "react-router";
import { type Member, useMemberDirectory } from "@/api/directory";
import { DataTable, LoadMore, numberClass } from "@/components/data-table";
import { EmptyState, loadingOrError } from "@/components/states";
import { formatDay } from "@/lib/dates";
import { plural } from "@/lib/format";
import { type Project, type ProjectFilters, useProjects } from "../api";
import { PhaseBadge } from "./phase-control";

export type ProjectView = "active" | "on_hold" | "archived";

/** Done out of the tasks that still count: cancelled ones leave the total. */
function ProgressCell({ project }: { project: Project }) {
  const { done, cancelled, total } = project.task_counts;
  const counted = total - cancelled;
  if (counted === 0) {
    return (
      <Text size="xs" c="dimmed">
        No tasks
      </Text>
    );
  }
  const percent = Math.round((done / counted) * 100);
  const note = cancelled ? ` (${cancelled} cancelled)` : "";
  return (
    <Tooltip label={`${done} of ${plural(counted, "task")} done${note}`}>
      <Group gap={8} wrap="nowrap">
        <Progress value={percent} size="sm" flex={1} aria-label={`${percent}% done`} />
        <Text size="xs" c="dimmed" className={numberClass} w={56} ta="right">
          {done}/{counted}
        </Text>
      </Group>
    </Tooltip>
  );
}

function Owner({ member }: { member: Member | undefined }) {
  return (
    <Text size="sm" c={member ? undefined : "dimmed"} truncate>
      {member?.name ?? "—"}
    </Text>
  );
}

export function ProjectsTable({
  workspaceId,
  view,
  kind,
  onViewChange,
  onKindChange,
  projectHref,
  onCreate,
  canCreate,
}: {
  workspaceId: string;
  view: ProjectView;
  kind: ProjectFilters["kind"] | null;
  onViewChange: (view: ProjectView) => void;
  onKindChange: (kind: ProjectFilters["kind"] | null) => void;
  projectHref: (project: Project) => string;
  onCreate: () => void;
  canCreate: boolean;
}) {
  const projects = useProjects(workspaceId, { status: view, ...(kind ? { kind } : {}) });
  const members = useMemberDirectory(workspaceId);
  const rows = projects.items ?? [];

  return (
    <>
      <Group justify="space-between" mb="md">
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => onViewChange(value as ProjectView)}
          data={[
            { value: "active", label: "Active" },
            { value: "on_hold", label: "On hold" },
            { value: "archived", label: "Archived" },
          ]}
          aria-label="Project status"
        />
        <SegmentedControl
          size="xs"
          value={kind ?? "all"}
          onChange={(value) => onKindChange(value === "all" ? null : (value as "project"))}
          data={[
            { value: "all", label: "All kinds" },
            { value: "project", label: "Projects" },
            { value: "ongoing", label: "Ongoing" },
          ]}
          aria-label="Kind"
        />
      </Group>
      {loadingOrError(projects, { rows: 5, height: 48 }) ??
        (rows.length === 0 ? (
          <EmptyState
            icon={<IconFolders size={22} />}
            title={
              view === "active"
                ? "No projects yet"
                : `No ${view === "archived" ? "archived" : "paused"} projects`
            }
            description={
              view === "active"
                ? "Projects have a start, a target and phases; ongoing work (support, operations) just keeps going."
                : undefined
            }
            action={
              view === "active" && canCreate ? (
                <Button leftSection={<IconPlus size={16} />} onClick={onCreate}>
                  Create project
                </Button>
              ) : undefined
            }
          />
        ) : (
          <DataTable
            minWidth={860}
            head={
              <>
                <Table.Th>Name</Table.Th>
                <Table.Th w={120}>Phase</Table.Th>
                <Table.Th w={170}>Owner</Table.Th>
                <Table.Th w={200}>Progress</Table.Th>
                <Table.Th w={120}>Target</Table.Th>
              </>
            }
          >
            {rows.map((project) => (
              <Table.Tr key={project.id}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Badge variant="default" size="sm" ff="monospace" fw={500} miw={48}>
                      {project.key}
                    </Badge>
                    <Anchor
                      component={Link}
                      to={projectHref(project)}
                      size="sm"
                      fw={500}
                      c="var(--mantine-color-text)"
                      truncate
                    >
                      {project.name}
                    </Anchor>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <PhaseBadge project={project} />
                </Table.Td>
                <Table.Td>
                  <Owner
                    member={project.owner_id ? members.byId.get(project.owner_id) : undefined}
                  />
                </Table.Td>
                <Table.Td>
                  <ProgressCell project={project} />
                </Table.Td>
                <Table.Td>
                  <Text
                    size="sm"
                    c={project.target_date ? undefined : "dimmed"}
                    className={numberClass}
                  >
                    {project.target_date ? formatDay(project.target_date) : "—"}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        ))}
      <LoadMore list={projects} />
    </>
  );
}
