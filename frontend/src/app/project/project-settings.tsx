import { Box } from "@mantine/core";
import { Section } from "@/components/page";
import type { Project } from "@/features/projects/api";
import { PhaseHistory } from "@/features/projects/components/phase-history";
import { ProjectLifecycle } from "@/features/projects/components/project-lifecycle";
import { StakeholdersSettings } from "@/features/projects/components/stakeholders-settings";
import { StatusesSettings } from "@/features/projects/components/statuses-settings";

/** A project's Settings tab: its workflow, stakeholders, phase history and lifecycle. */
export function ProjectSettings({
  workspaceId,
  project,
  readOnly,
  canChangeLifecycle,
}: {
  workspaceId: string;
  project: Project;
  readOnly: boolean;
  canChangeLifecycle: boolean;
}) {
  return (
    <Box maw={880}>
      <Section
        title="Workflow"
        description="Statuses are the board's columns, in this order. Drag to reorder; each belongs to a category that decides what counts as open or done."
      >
        <StatusesSettings workspaceId={workspaceId} projectId={project.id} readOnly={readOnly} />
      </Section>
      <Section
        title="Stakeholders"
        description="People across departments with a role in this project."
      >
        <StakeholdersSettings
          workspaceId={workspaceId}
          projectId={project.id}
          readOnly={readOnly}
        />
      </Section>
      {project.kind === "project" ? (
        <Section
          title="Phase history"
          description="How the project moved from initiation towards closed."
        >
          <PhaseHistory workspaceId={workspaceId} projectId={project.id} />
        </Section>
      ) : null}
      {canChangeLifecycle ? (
        <Section title="Lifecycle">
          <ProjectLifecycle workspaceId={workspaceId} project={project} />
        </Section>
      ) : null}
    </Box>
  );
}
