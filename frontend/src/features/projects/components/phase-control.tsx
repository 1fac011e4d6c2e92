import { Badge, Button, Menu, Text } from "@mantine/core";
import { IconCheck, IconChevronDown, IconFlag3 } from "@tabler/icons-react";
import { isApiError } from "@/api/errors";
import { confirmDestructive } from "@/components/confirm";
import { notifyError, notifySuccess } from "@/components/notify";
import { PHASES, type Phase, type Project, phaseLabel, useTransitionProject } from "../api";

export const PHASE_COLOR: Record<Phase, string> = {
  initiation: "gray",
  planning: "cyan",
  execution: "brand",
  closing: "orange",
  closed: "teal",
};

export function PhaseBadge({ project }: { project: Pick<Project, "kind" | "phase"> }) {
  if (project.kind === "ongoing" || !project.phase) {
    return (
      <Badge variant="light" color="grape" size="sm">
        Ongoing
      </Badge>
    );
  }
  return (
    <Badge variant="light" color={PHASE_COLOR[project.phase]} size="sm">
      {phaseLabel(project.phase)}
    </Badge>
  );
}

/** Which phases a project may move to from `current` (the API's rules, to grey out the rest). */
export function allowedPhases(current: Phase): Phase[] {
  if (current === "closed") return ["closing"];
  return PHASES.map((each) => each.value).filter((phase) => phase !== current);
}

/**
 * Move a project through its lifecycle. Closing with open tasks is refused (409 `open_tasks`):
 * we say how many are open and let the user close anyway (`force`).
 */
export function PhaseControl({
  workspaceId,
  project,
  disabled,
}: {
  workspaceId: string;
  project: Project;
  disabled?: boolean;
}) {
  const transition = useTransitionProject(workspaceId);
  if (project.kind !== "project" || !project.phase) return <PhaseBadge project={project} />;
  const current = project.phase;
  const allowed = allowedPhases(current);

  const move = async (toPhase: Phase) => {
    try {
      await transition.mutateAsync({ project, toPhase });
      notifySuccess(`${project.name} is now in ${phaseLabel(toPhase)}`);
    } catch (error) {
      if (isApiError(error) && error.code === "open_tasks") {
        const open = error.count("open_tasks") ?? 0;
        const force = await confirmDestructive({
          title: `${open} ${open === 1 ? "task is" : "tasks are"} still open`,
          message: `Move ${project.name} to ${phaseLabel(toPhase)} anyway? The open tasks stay as they are.`,
          confirmLabel: `Move to ${phaseLabel(toPhase)}`,
        });
        if (!force) return;
        try {
          await transition.mutateAsync({ project, toPhase, force: true });
          notifySuccess(`${project.name} is now in ${phaseLabel(toPhase)}`);
        } catch (again) {
          notifyError(again, "Couldn't change the phase");
        }
        return;
      }
      notifyError(error, "Couldn't change the phase");
    }
  };

  return (
    <Menu position="bottom-end" width={220}>
      <Menu.Target>
        <Button
          variant="light"
          color={PHASE_COLOR[current]}
          size="xs"
          leftSection={<IconFlag3 size={14} />}
          rightSection={<IconChevronDown size={14} />}
          loading={transition.isPending}
          disabled={disabled}
          aria-label={`Phase: ${phaseLabel(current)}. Change phase`}
        >
          {phaseLabel(current)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Move to phase</Menu.Label>
        {PHASES.map((phase) => (
          <Menu.Item
            key={phase.value}
            disabled={!allowed.includes(phase.value)}
            rightSection={phase.value === current ? <IconCheck size={14} /> : undefined}
            onClick={() => move(phase.value)}
          >
            <Text size="sm">{phase.label}</Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
