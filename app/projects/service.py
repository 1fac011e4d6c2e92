"""Projects and ongoing work: their lifecycle (phase transitions) and activity feed. A new
project starts with the default workflow statuses and its creator as owning stakeholder; the
project-scoped resources (app/statuses, app/stakeholders, app/reservations, app/recurring) load
their project through `get_project`, `writable_project` and `ensure_writable` here.

Every change appends an event (docs/design.md §6) with the project's id, so the project's
activity feed shows it next to its tasks' events.
"""

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.calendars import service as calendars
from app.core.clock import today_in, utcnow
from app.events.repository import EventRepository
from app.events.service import apply_change, record_change, record_created
from app.kit.errors import Conflict, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import (
    Event,
    PhaseTransition,
    Project,
    Stakeholder,
    WorkflowStatus,
)
from app.projects import schemas
from app.projects.repository import PhaseTransitionRepository, ProjectRepository
from app.projects.schemas import Phase, ProjectKind, ProjectStatus, StatusCategory
from app.schedules import service as schedules

# The public fields of each row, as events record them.
PROJECT_FIELDS = (
    "key",
    "name",
    "description",
    "kind",
    "phase",
    "status",
    "start_date",
    "target_date",
    "scheduling_mode",
    "owner_id",
    "team_id",
    "calendar_id",
    "budget_hours",
    "budget_amount",
    "currency",
)

# A new start, calendar or mode moves every auto-scheduled task of the project.
RESCHEDULING_FIELDS = frozenset({"start_date", "calendar_id", "scheduling_mode"})
_RESCHEDULING_WORDS = {
    "calendar_id": "calendar",
    "scheduling_mode": "scheduling mode",
    "start_date": "start",
}
DEFAULT_STATUSES = (
    ("Backlog", StatusCategory.backlog),
    ("Todo", StatusCategory.todo),
    ("In Progress", StatusCategory.in_progress),
    ("Done", StatusCategory.done),
    ("Cancelled", StatusCategory.cancelled),
)
PHASES = list(Phase)
CENTS = Decimal("0.01")


PROJECT_ROW_FIELDS = tuple(name for name in schemas.Project.model_fields if name != "task_counts")


def _cents(value: Decimal | None) -> Decimal | None:
    # Stored with two decimals; normalising first keeps "1000" and "1000.00" one value.
    return value.quantize(CENTS) if value is not None else None


# Projects


async def get_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Project:
    """The project, in the caller's workspace (404 otherwise)."""
    project = await ProjectRepository(session).get(principal.workspace_id, project_id)
    return found(project, "No such project in this workspace.", code="project_not_found")


async def present(session: AsyncSession, projects: Sequence[Project]) -> list[schemas.Project]:
    """Projects as the API shows them, with their task counts (one statement for all)."""
    if not projects:
        return []
    counts = await ProjectRepository(session).task_counts(
        projects[0].workspace_id, [project.id for project in projects]
    )
    shown = []
    for project in projects:
        by_category = counts.get(project.id, {})
        done, cancelled = by_category.get("done", 0), by_category.get("cancelled", 0)
        total = sum(by_category.values())
        shown.append(
            schemas.Project.model_validate(
                {
                    **{name: getattr(project, name) for name in PROJECT_ROW_FIELDS},
                    "task_counts": schemas.TaskCounts(
                        total=total, open=total - done - cancelled, done=done, cancelled=cancelled
                    ),
                }
            )
        )
    return shown


def ensure_writable(project: Project) -> None:
    """Archived projects are read-only until unarchived (409 `project_archived`)."""
    if project.status == ProjectStatus.archived:
        raise Conflict(
            "The project is archived; unarchive it before changing it.", code="project_archived"
        )


async def writable_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> Project:
    """The project, if it may be changed: 404 if it is not in the workspace, 409 if archived."""
    project = await get_project(session, principal, project_id)
    ensure_writable(project)
    return project


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, **filters: Any
) -> tuple[list[Project], str | None]:
    plain = {name: getattr(value, "value", value) for name, value in filters.items()}
    return await ProjectRepository(session).page_matching(principal.workspace_id, params, **plain)


def _check_dates(kind: str, start_date: date | None, target_date: date | None) -> None:
    if kind == ProjectKind.ongoing:
        if target_date is not None:
            raise Unprocessable.at("/target_date", "ongoing work has no target date")
        return
    if start_date is None:
        raise Unprocessable.at("/start_date", "a project needs a start date")
    if target_date is None:
        raise Unprocessable.at("/target_date", "a project needs a target date")
    if target_date < start_date:
        raise Unprocessable.at("/target_date", "must be on or after start_date")


def _check_budget(budget_amount: Decimal | None, currency: str | None) -> None:
    if budget_amount is not None and currency is None:
        raise Unprocessable.at("/currency", "required when budget_amount is set")


async def check_member(
    session: AsyncSession, workspace_id: uuid.UUID, pointer: str, member_id: uuid.UUID | None
) -> None:
    """A 422 at `pointer` unless `member_id` is empty or a member of the workspace."""
    repo = ProjectRepository(session)
    if member_id is not None and not await repo.member_exists(workspace_id, member_id):
        raise Unprocessable.at(pointer, "not a member of this workspace")


async def check_team(
    session: AsyncSession, workspace_id: uuid.UUID, pointer: str, team_id: uuid.UUID | None
) -> None:
    """A 422 at `pointer` unless `team_id` is empty or a team of the workspace."""
    repo = ProjectRepository(session)
    if team_id is not None and not await repo.team_exists(workspace_id, team_id):
        raise Unprocessable.at(pointer, "no such team in this workspace")


async def create(
    session: AsyncSession, principal: Principal, data: schemas.ProjectCreate
) -> Project:
    """A project with the default workflow, its creator as owning stakeholder."""
    repo = ProjectRepository(session)
    workspace_id = principal.workspace_id
    _check_dates(data.kind, data.start_date, data.target_date)
    _check_budget(data.budget_amount, data.currency)
    await check_member(session, workspace_id, "/owner_id", data.owner_id)
    await check_team(session, workspace_id, "/team_id", data.team_id)
    if data.calendar_id is not None:
        await calendars.check_exists(session, workspace_id, data.calendar_id, "/calendar_id")
    if await repo.key_taken(workspace_id, data.key):
        raise Conflict(
            f"The key {data.key} is already used by a project in this workspace.",
            code="project_key_taken",
        )
    start_date = data.start_date
    if start_date is None:
        start_date = today_in(await repo.workspace_timezone(workspace_id))
    project = await repo.add(
        Project(
            workspace_id=workspace_id,
            key=data.key,
            name=data.name,
            description=data.description,
            kind=data.kind.value,
            phase=Phase.initiation.value if data.kind == ProjectKind.project else None,
            status=ProjectStatus.active.value,
            start_date=start_date,
            target_date=data.target_date,
            owner_id=data.owner_id or principal.member_id,
            team_id=data.team_id,
            calendar_id=data.calendar_id,
            scheduling_mode=data.scheduling_mode.value,
            budget_hours=_cents(data.budget_hours),
            budget_amount=_cents(data.budget_amount),
            currency=data.currency,
        )
    )
    await repo.add_all(
        [
            WorkflowStatus(
                workspace_id=workspace_id,
                project_id=project.id,
                name=name,
                category=category.value,
                position=float(position),
            )
            for position, (name, category) in enumerate(DEFAULT_STATUSES, start=1)
        ]
        + [
            Stakeholder(
                workspace_id=workspace_id,
                project_id=project.id,
                member_id=principal.member_id,
                role=schemas.StakeholderRole.owner.value,
            )
        ]
    )
    record_created(session, principal, "project.created", project, PROJECT_FIELDS)
    return project


async def update(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    data: schemas.ProjectUpdate,
    if_match: str | None,
) -> Project:
    project = check_if_match(if_match, await get_project(session, principal, project_id))
    ensure_writable(project)
    changes = data.model_dump(exclude_unset=True)
    _check_dates(
        project.kind,
        changes.get("start_date", project.start_date),
        changes.get("target_date", project.target_date),
    )
    _check_budget(
        changes.get("budget_amount", project.budget_amount),
        changes.get("currency", project.currency),
    )
    await check_member(session, project.workspace_id, "/owner_id", changes.get("owner_id"))
    await check_team(session, project.workspace_id, "/team_id", changes.get("team_id"))
    if changes.get("calendar_id") is not None:
        await calendars.check_exists(
            session, project.workspace_id, changes["calendar_id"], "/calendar_id"
        )
    if "scheduling_mode" in changes:
        changes["scheduling_mode"] = changes["scheduling_mode"].value
    for field in ("budget_hours", "budget_amount"):
        if field in changes:
            changes[field] = _cents(changes[field])
    if "status" in changes:
        changes["status"] = changes["status"].value
    changed = await apply_change(
        session, principal, "project.updated", project, PROJECT_FIELDS, changes
    )
    if RESCHEDULING_FIELDS & set(changed):
        what = " and ".join(
            _RESCHEDULING_WORDS[field] for field in sorted(RESCHEDULING_FIELDS & set(changed))
        )
        cause = f"the {what} of project {project.key} changed"
        await schedules.reschedule(session, principal, project, cause=cause)
    return project


async def set_archived(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    archived: bool,
    if_match: str | None = None,
) -> Project:
    """Archive (read-only) or bring back to active; repeating either is a no-op.

    A stale `If-Match` is 412 either way, so a client never acts on a project it has not seen.
    """
    project = check_if_match(if_match, await get_project(session, principal, project_id))
    target = ProjectStatus.archived if archived else ProjectStatus.active
    if project.status == target:
        return project
    before = project.status
    project.status = target.value
    await session.flush()
    record_change(
        session,
        principal,
        "project.archived" if archived else "project.unarchived",
        project,
        {"status": {"before": before, "after": target.value}},
    )
    return project


# Phase transitions


async def transition(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    data: schemas.TransitionCreate,
    if_match: str | None,
) -> PhaseTransition:
    """Move a project through its lifecycle.

    Forward by any number of phases; backward between open phases; out of `closed` only by
    reopening to `closing`. Closing a project that still has open tasks needs `force`.
    """
    repo = ProjectRepository(session)
    project = check_if_match(if_match, await get_project(session, principal, project_id))
    if project.kind != ProjectKind.project or project.phase is None:
        raise Conflict("Ongoing work has no lifecycle phases.", code="not_a_lifecycle_project")
    ensure_writable(project)
    current, target = Phase(project.phase), data.to_phase
    if target == current:
        raise Conflict(f"The project is already in {current.value}.", code="invalid_transition")
    if current == Phase.closed and target != Phase.closing:
        raise Conflict(
            "A closed project can only be reopened to closing.", code="invalid_transition"
        )
    forward = PHASES.index(target) > PHASES.index(current)
    if forward and target in (Phase.closing, Phase.closed) and not data.force:
        open_tasks = await repo.open_task_count(project.workspace_id, project.id)
        if open_tasks:
            raise Conflict(
                f"{open_tasks} task(s) are still open; finish them or pass force=true.",
                code="open_tasks",
                open_tasks=open_tasks,
            )
    row = await repo.add(
        PhaseTransition(
            workspace_id=project.workspace_id,
            project_id=project.id,
            from_phase=current.value,
            to_phase=target.value,
            actor_id=principal.member_id,
            note=data.note,
            at=utcnow(),
        )
    )
    project.phase = target.value
    await session.flush()
    record_change(
        session,
        principal,
        "project.phase_changed",
        project,
        {"phase": {"before": current.value, "after": target.value}},
    )
    return row


async def page_transitions(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, params: PageParams
) -> tuple[list[PhaseTransition], str | None]:
    project = await get_project(session, principal, project_id)
    return await PhaseTransitionRepository(session).page_matching(
        project.workspace_id, params, project_id=project.id
    )


# Activity


async def page_activity(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, params: PageParams
) -> tuple[list[Event], str | None]:
    """Everything that happened to the project and its tasks, newest first."""
    project = await get_project(session, principal, project_id)
    return await EventRepository(session).page_for_project(project.workspace_id, project.id, params)
