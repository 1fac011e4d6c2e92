"""Leveling a project: delay its auto-scheduled tasks until no resource is over-allocated
(app/scheduling/leveling.py), against everything else booked on those resources."""

import uuid
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.capacity.daily import daily_figures
from app.core.clock import utcnow
from app.events import service as events
from app.kit.errors import Conflict, Problem
from app.kit.etag import check_if_match
from app.leveling import schemas
from app.leveling.repository import LevelingRepository, TaskLoad
from app.models import Project
from app.projects.service import get_project
from app.schedules import service as schedules
from app.schedules.network import (
    ProjectNetwork,
    check_plan_size,
    own_tasks,
    project_network,
    task_ids,
)
from app.scheduling.cpm import EarlyDates, forward_pass, schedule, shown_dates
from app.scheduling.leveling import Capacity, LevelTask, level
from app.scheduling.network import Network
from app.workload import service as workload
from app.workload.repository import WorkloadRepository

PRIORITY_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3, "urgent": 4}
DONE = frozenset({"done", "cancelled"})
# Working days leveling may push work beyond the current finish, at most about three years.
SLACK_DAYS = 260
MAX_HORIZON = 750


class PreconditionRequired(Problem):
    status, code, title = 428, "precondition_required", "Precondition required"


@dataclass(frozen=True)
class _Proposal:
    plan: schemas.LevelingPlan
    delays: Mapping[uuid.UUID, int]
    """The new leveling delay of every task of the project whose delay changes."""


def _movable(
    project: Project, pn: ProjectNetwork, loads: Mapping[uuid.UUID, TaskLoad]
) -> list[uuid.UUID]:
    """The tasks leveling may delay: the project's open auto-scheduled tasks."""
    return [
        task_id
        for task_id in task_ids(pn.network)
        if task_id in pn.rows
        and project.scheduling_mode == "auto"
        and pn.rows[task_id].scheduling_mode == "auto"
        and task_id in loads
        and loads[task_id].category not in DONE
    ]


@dataclass(frozen=True)
class _Inputs:
    """What the leveling engine needs beyond the network: each leveled task's hours per day on
    its resources, and the hours each resource has left on each working day of the horizon."""

    tasks: dict[Hashable, LevelTask]
    available: dict[Hashable, list[float]]


async def _inputs(
    session: AsyncSession,
    pn: ProjectNetwork,
    network: Network,
    movable: list[uuid.UUID],
    loads: Mapping[uuid.UUID, TaskLoad],
) -> _Inputs:
    wid = pn.project.workspace_id
    calendar, origin = pn.calendar, pn.start_index
    base = schedule(network, origin, own=own_tasks(pn))
    durations = sum(network.duration[network.position[t]] for t in movable)
    horizon = min(MAX_HORIZON, base.project_finish - origin + durations + SLACK_DAYS)
    first, last = calendar.date_of(origin), calendar.date_of(origin + horizon - 1)
    people = await WorkloadRepository(session).person_resource_ids(wid)
    resource_ids = {people[m] for t in movable for m in loads[t].member_ids if m in people}
    if not resource_ids:
        return _Inputs({}, {})
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
    available: dict[Hashable, list[float]] = {
        resource_id: [
            float(f.capacity.hours[offset] - f.reserved[offset] - f.allocated[offset])
            for offset in offsets
        ]
        for resource_id, f in figures.resources.items()
    }
    # An explicit allocation of a task to a resource replaces the load its estimate implies.
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
            base.total_slack[v],
            {
                people[m]: share
                for m in load.member_ids
                if m in people and (task_id, people[m]) not in replaced
            },
        )
    return _Inputs(tasks, available)


async def _propose(session: AsyncSession, project: Project, within_slack: bool) -> _Proposal:
    """Level from scratch: the delays leveling set before are cleared first (as desktop
    schedulers do by default), so work moves back once the conflict that delayed it is gone."""
    await check_plan_size(session, project)
    pn = await project_network(session, project)
    calendar, origin = pn.calendar, pn.start_index
    loads = await LevelingRepository(session).task_loads(project.workspace_id, project.id)
    movable = _movable(project, pn, loads)
    network = _without_delays(pn.network, movable)
    given = await _inputs(session, pn, network, movable, loads)
    result = level(
        network,
        origin,
        given.tasks,
        Capacity(origin, given.available),
        within_slack=within_slack,
    )
    current = forward_pass(pn.network, origin)
    new = EarlyDates(
        early_start=tuple(result.early_start[t] for t in network.ids),
        early_finish=tuple(result.early_finish[t] for t in network.ids),
        project_finish=max(result.early_finish.values(), default=origin),
    )
    delays = cast(Mapping[uuid.UUID, int], result.delay)
    return _Proposal(
        plan=schemas.LevelingPlan(
            **_shift(pn, current, new, delays).model_dump(),
            unresolved=[
                schemas.UnresolvedDay(
                    resource_id=cast(uuid.UUID, overload.resource_id),
                    date=calendar.date_of(overload.day),
                    excess_hours=Decimal(str(overload.excess_hours)),
                    task_ids=list(cast(tuple[uuid.UUID, ...], overload.task_ids)),
                )
                for overload in result.unresolved
            ],
        ),
        delays=_changed_delays(pn, delays),
    )


def _without_delays(network: Network, task_ids: Iterable[uuid.UUID]) -> Network:
    delay = list(network.delay)
    for task_id in task_ids:
        if task_id in network.position:
            delay[network.position[task_id]] = 0
    return replace(network, delay=tuple(delay))


def _changed_delays(pn: ProjectNetwork, delays: Mapping[uuid.UUID, int]) -> dict[uuid.UUID, int]:
    return {
        task_id: delay
        for task_id, delay in delays.items()
        if task_id in pn.rows and pn.rows[task_id].leveling_delay_days != delay
    }


def _shift(
    pn: ProjectNetwork,
    old: EarlyDates,
    new: EarlyDates,
    delays: Mapping[uuid.UUID, int],
) -> schemas.ScheduleShift:
    """The project's tasks whose shown dates differ between two forward passes of its network."""
    calendar = pn.calendar
    moved: list[schemas.LeveledTask] = []
    old_last: list[date] = []
    new_last: list[date] = []
    for v, task_id in enumerate(task_ids(pn.network)):
        row = pn.rows.get(task_id)
        if row is None:
            continue
        before = shown_dates(calendar, old.early_start[v], old.early_finish[v])
        after = shown_dates(calendar, new.early_start[v], new.early_finish[v])
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
                    leveling_delay_days=delays.get(task_id, row.leveling_delay_days),
                )
            )
    start = calendar.date_of(pn.start_index)
    return schemas.ScheduleShift(
        moved=sorted(moved, key=lambda m: (m.new_start_date, m.key)),
        finish_date=max(new_last, default=start),
        previous_finish_date=max(old_last, default=start),
    )


async def preview(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, within_slack: bool
) -> schemas.LevelingPlan:
    project = await get_project(session, principal, project_id)
    return (await _propose(session, project, within_slack)).plan


async def _writable(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, if_match: str | None
) -> Project:
    project = await get_project(session, principal, project_id)
    if if_match is None:
        raise PreconditionRequired(
            "Send If-Match with the project's ETag: leveling rewrites many tasks.",
            code="if_match_required",
        )
    check_if_match(if_match, project)
    if project.status == "archived":
        raise Conflict("The project is archived.", code="project_archived")
    return project


async def _set_delays(
    session: AsyncSession,
    principal: Principal,
    project: Project,
    delays: Mapping[uuid.UUID, int],
    event_type: str,
    moved: list[str],
) -> None:
    """Write the tasks' new delays, with an event each, then let the scheduler move them and
    their successors; all in this transaction."""
    for task in await LevelingRepository(session).tasks(project.workspace_id, delays):
        before = events.snapshot(task, ("leveling_delay_days",))
        task.leveling_delay_days = delays[task.id]
        events.record_change(
            session,
            principal,
            "task.updated",
            task,
            events.changes_between(before, events.snapshot(task, ("leveling_delay_days",))),
        )
    project.updated_at = utcnow()
    await session.flush()
    if delays:
        changed = list(delays)
        await schedules.reschedule(
            session,
            principal,
            project,
            changed,
            already_versioned=changed,
            cause=(
                f"project {project.key} was leveled"
                if event_type == "project.leveled"
                else f"leveling of project {project.key} was cleared"
            ),
        )
    events.record_change(
        session,
        principal,
        event_type,
        project,
        {"moved": {"before": None, "after": moved}},
    )


async def apply(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    if_match: str | None,
    within_slack: bool,
) -> tuple[schemas.LevelingPlan, Project]:
    """Give each task the leveling delay of the proposal; constraints stay as they are."""
    project = await _writable(session, principal, project_id, if_match)
    proposal = await _propose(session, project, within_slack)
    moved = [m.key for m in proposal.plan.moved]
    await _set_delays(session, principal, project, proposal.delays, "project.leveled", moved)
    return proposal.plan, project


async def clear(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, if_match: str | None
) -> tuple[schemas.ScheduleShift, Project]:
    """Set every leveling delay of the project back to 0, and move its tasks accordingly."""
    project = await _writable(session, principal, project_id, if_match)
    await check_plan_size(session, project)
    pn = await project_network(session, project)
    current = forward_pass(pn.network, pn.start_index)
    cleared = forward_pass(_without_delays(pn.network, pn.rows), pn.start_index)
    delays = dict.fromkeys(pn.rows, 0)
    shift = _shift(pn, current, cleared, delays)
    moved = [m.key for m in shift.moved]
    changed = _changed_delays(pn, delays)
    await _set_delays(session, principal, project, changed, "project.leveling_cleared", moved)
    return shift, project
