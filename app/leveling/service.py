"""Leveling a project: delay its auto-scheduled tasks until no resource is over-allocated
(app/scheduling/leveling.py), against everything else booked on those resources."""

import uuid
from collections.abc import Hashable, Mapping
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.capacity.daily import daily_figures
from app.core.access import Principal
from app.core.clock import utcnow
from app.events import service as events
from app.kit.errors import Conflict, NotFound, Problem
from app.kit.etag import check_if_match
from app.leveling import schemas
from app.leveling.repository import LevelingRepository
from app.models import Project, Task
from app.projects.repository import ProjectRepository
from app.schedules import service as schedules
from app.scheduling.cpm import schedule, shown_dates
from app.scheduling.leveling import Capacity, LevelingResult, LevelTask, level
from app.workload import service as workload
from app.workload.repository import WorkloadRepository

PRIORITY_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3, "urgent": 4}
DONE = frozenset({"done", "cancelled"})
# Working days leveling may push work beyond the current finish, at most about three years.
SLACK_DAYS = 260
MAX_HORIZON = 750


class PreconditionRequired(Problem):
    status, code, title = 428, "precondition_required", "Precondition required"


async def _project(session: AsyncSession, principal: Principal, project_id: uuid.UUID) -> Project:
    project = await ProjectRepository(session).get(principal.workspace_id, project_id)
    if project is None:
        raise NotFound("No such project in this workspace.", code="project_not_found")
    return project


async def _propose(session: AsyncSession, project: Project) -> schemas.LevelingPlan:
    wid = project.workspace_id
    pn = await schedules.project_network(session, project)
    calendar, network, origin = pn.calendar, pn.network, pn.start_index
    current = schedule(network, origin)
    loads = await LevelingRepository(session).task_loads(wid, project.id)
    movable = [
        task_id
        for task_id in schedules.task_ids(network)
        if task_id in pn.rows
        and project.scheduling_mode == "auto"
        and pn.rows[task_id].scheduling_mode == "auto"
        and task_id in loads
        and loads[task_id].category not in DONE
    ]
    durations = sum(network.duration[network.position[t]] for t in movable)
    horizon = min(MAX_HORIZON, current.project_finish - origin + durations + SLACK_DAYS)
    first, last = calendar.date_of(origin), calendar.date_of(origin + horizon - 1)
    people = await WorkloadRepository(session).person_resource_ids(wid)
    members = {m for t in movable for m in loads[t].member_ids if m in people}
    resource_ids = {people[m] for m in members}
    result: LevelingResult | None = None
    if resource_ids:
        inputs = await workload.load_inputs(session, wid, first, last, resource_ids=resource_ids)
        leveled = set(movable)
        figures = daily_figures(
            inputs.resources,
            inputs.allocations,
            [t for t in inputs.tasks if t.task_id not in leveled],
            inputs.reservations,
            first,
            last,
        )
        offsets = [(calendar.date_of(origin + k) - first).days for k in range(horizon)]
        available = {
            resource_id: [
                float(f.capacity.hours[offset] - f.reserved[offset] - f.allocated[offset])
                for offset in offsets
            ]
            for resource_id, f in figures.resources.items()
        }
        replaced = {(a.task_id, a.resource_id) for a in inputs.allocations if a.task_id}
        tasks: dict[Hashable, LevelTask] = {}
        for task_id in movable:
            load = loads[task_id]
            v = network.position[task_id]
            duration = network.duration[v]
            if not load.estimate_hours or not load.member_ids or duration == 0:
                continue
            share = float(load.estimate_hours) / (duration * len(load.member_ids))
            tasks[task_id] = LevelTask(
                task_id,
                pn.rows[task_id].key,
                PRIORITY_RANK.get(load.priority, 0),
                current.total_slack[v],
                {
                    people[m]: share
                    for m in load.member_ids
                    if m in people and (task_id, people[m]) not in replaced
                },
            )
        result = level(network, origin, tasks, Capacity(origin, available))
    return _plan(pn, current.early.early_start, current.early.early_finish, result)


def _plan(
    pn: schedules.ProjectNetwork,
    old_start: tuple[int, ...],
    old_finish: tuple[int, ...],
    result: LevelingResult | None,
) -> schemas.LevelingPlan:
    calendar = pn.calendar
    ids = schedules.task_ids(pn.network)
    new_start: Mapping[uuid.UUID, int] = (
        cast(Mapping[uuid.UUID, int], result.early_start)
        if result
        else {t: old_start[v] for v, t in enumerate(ids)}
    )
    new_finish: Mapping[uuid.UUID, int] = (
        cast(Mapping[uuid.UUID, int], result.early_finish)
        if result
        else {t: old_finish[v] for v, t in enumerate(ids)}
    )
    moved: list[schemas.LeveledTask] = []
    old_last: list[date] = []
    new_last: list[date] = []
    for v, task_id in enumerate(ids):
        row = pn.rows.get(task_id)
        if row is None:
            continue
        before = shown_dates(calendar, old_start[v], old_finish[v])
        after = shown_dates(calendar, new_start[task_id], new_finish[task_id])
        old_last.append(before[1])
        new_last.append(after[1])
        if before != after:
            moved.append(
                schemas.LeveledTask(
                    task_id=task_id,
                    key=row.key,
                    old_start_date=before[0],
                    new_start_date=after[0],
                    old_finish_date=before[1],
                    new_finish_date=after[1],
                )
            )
    start = calendar.date_of(pn.start_index)
    unresolved = [
        schemas.UnresolvedDay(
            resource_id=cast(uuid.UUID, overload.resource_id),
            date=calendar.date_of(overload.day),
            excess_hours=Decimal(str(overload.excess_hours)),
            task_ids=list(cast(tuple[uuid.UUID, ...], overload.task_ids)),
        )
        for overload in (result.unresolved if result else ())
    ]
    return schemas.LevelingPlan(
        moved=sorted(moved, key=lambda m: (m.new_start_date, m.key)),
        finish_date=max(new_last, default=start),
        previous_finish_date=max(old_last, default=start),
        unresolved=unresolved,
    )


async def preview(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> schemas.LevelingPlan:
    return await _propose(session, await _project(session, principal, project_id))


async def apply(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, if_match: str | None
) -> tuple[schemas.LevelingPlan, Project]:
    """Pin each delayed task at its new start with `snet` (as a manual move does) and let the
    scheduler move it and its successors, all in this transaction, with events."""
    project = await _project(session, principal, project_id)
    if if_match is None:
        raise PreconditionRequired(
            "Send If-Match with the project's ETag: leveling rewrites many tasks.",
            code="if_match_required",
        )
    check_if_match(if_match, project)
    if project.status == "archived":
        raise Conflict("The project is archived.", code="project_archived")
    plan = await _propose(session, project)
    moved_ids = [m.task_id for m in plan.moved]
    for move in plan.moved:
        task = await session.get(Task, (project.workspace_id, move.task_id))
        assert task is not None
        before = events.snapshot(task, ("constraint_type", "constraint_date"))
        task.constraint_type, task.constraint_date = "snet", move.new_start_date
        diff = events.changes_between(
            before, events.snapshot(task, ("constraint_type", "constraint_date"))
        )
        if diff:
            events.record(
                session,
                principal,
                "task.updated",
                entity_type="task",
                entity_id=task.id,
                workspace_id=task.workspace_id,
                project_id=project.id,
                changes=diff,
            )
    project.updated_at = utcnow()
    await session.flush()
    await schedules.reschedule(session, principal, project, moved_ids, already_versioned=moved_ids)
    events.record(
        session,
        principal,
        "project.leveled",
        entity_type="project",
        entity_id=project.id,
        workspace_id=project.workspace_id,
        project_id=project.id,
        changes={"moved": {"before": None, "after": [m.key for m in plan.moved]}},
    )
    return plan, project
