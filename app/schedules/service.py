"""Auto-scheduling (docs/design.md §7): load a project's network, run the pure engine, write
back only the tasks whose dates moved, move their allocations with them, and let the change
ripple into projects that depend on them."""

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.events import service as events
from app.kit.errors import Conflict, Unprocessable, found
from app.models import Project
from app.models.task import TASK_KEY
from app.schedules import network, schemas
from app.schedules.network import ProjectNetwork, working_calendar
from app.schedules.repository import DateChange, LinkRow, ScheduleRepository, TaskRow
from app.scheduling.calendar import WorkingCalendar
from app.scheduling.cpm import (
    Schedule,
    StartDriver,
    TaskSchedule,
    forward_pass,
    schedule,
    shown_dates,
    start_drivers,
)
from app.scheduling.cycles import find_cycle, successor_map

# A task's dates as `task.rescheduled` events record them.
SHOWN_DATES = ("start_date", "finish_date")
ALLOCATION_DATES = ("start_date", "end_date")


def _moves(pn: ProjectNetwork, early: Mapping[uuid.UUID, tuple[int, int]]) -> list[DateChange]:
    """Tasks of the project whose shown dates differ from the stored ones. A manual task keeps
    the start it was given, but its finish follows its duration on the calendar (a new holiday
    moves it), and successors are placed from that finish."""
    moves = []
    for task_id, (start, finish) in early.items():
        row = pn.rows.get(task_id)
        if row is None:
            continue
        start_date, finish_date = shown_dates(pn.calendar, start, finish)
        if not network.is_auto(pn.project, row) and row.start_date is not None:
            start_date = row.start_date
        if (start_date, finish_date) != (row.start_date, row.finish_date):
            moves.append(DateChange(task_id, start_date, finish_date))
    return moves


def _early_dates(pn: ProjectNetwork) -> dict[uuid.UUID, tuple[int, int]]:
    early = forward_pass(pn.network, pn.start_index)
    return {
        task_id: (early.early_start[v], early.early_finish[v])
        for v, task_id in enumerate(network.task_ids(pn.network))
    }


async def move_task_allocations(
    session: AsyncSession,
    principal: Principal | None,
    project: Project,
    calendar: WorkingCalendar,
    starts: Mapping[uuid.UUID, tuple[date | None, date]],
) -> None:
    """When a task moves, its explicit allocations move with it, by as many working days of the
    project calendar as its start moved (`starts`: task id → (old start, new start)), so the
    load a person booked on a task stays on the task."""
    shifts = {
        task_id: calendar.index_of(new) - calendar.index_of(old)
        for task_id, (old, new) in starts.items()
        if old is not None and old != new
    }
    shifts = {task_id: shift for task_id, shift in shifts.items() if shift}
    if not shifts:
        return
    allocations = await ScheduleRepository(session).allocations_of(project.workspace_id, shifts)
    for allocation in allocations:
        assert allocation.task_id is not None
        shift = shifts[allocation.task_id]
        before = events.snapshot(allocation, ALLOCATION_DATES)
        first = calendar.index_of(allocation.start_date) + shift
        last = max(calendar.index_on_or_before(allocation.end_date) + shift, first)
        allocation.start_date, allocation.end_date = calendar.date_of(first), calendar.date_of(last)
        events.record_change(
            session,
            principal,
            "allocation.updated",
            allocation,
            events.changes_between(before, events.snapshot(allocation, ALLOCATION_DATES)),
        )


def link_phrase(predecessor_key: str, successor_key: str, type_: str, lag_days: int) -> str:
    """A link as causes name it: `PLAN-1 → PLAN-2 (FS)`, `PLAN-1 → PLAN-2 (SS +2d)`."""
    lag = f" {lag_days:+d}d" if lag_days else ""
    return f"{predecessor_key} → {successor_key} ({type_}{lag})"


async def link_cause(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    predecessor_id: uuid.UUID,
    successor_id: uuid.UUID,
    type_: str,
    lag_days: int,
    happened: str,
) -> str:
    """`PLAN-1 → PLAN-2 (FS) was added`: a link change as the cause of a reschedule."""
    rows = await ScheduleRepository(session).tasks(workspace_id, [predecessor_id, successor_id])
    keys = {row.id: row.key for row in rows}
    phrase = link_phrase(keys[predecessor_id], keys[successor_id], type_, lag_days)
    return f"{phrase} {happened}"


def day_phrase(day: date) -> str:
    """A date in a cause: `Mar 9, 2026`."""
    return f"{day:%b} {day.day}, {day.year}"


async def reschedule(
    session: AsyncSession,
    principal: Principal | None,
    project: Project,
    changed: Collection[uuid.UUID] | None = None,
    *,
    already_versioned: Collection[uuid.UUID] = (),
    calendar: WorkingCalendar | None = None,
    cause: str | None = None,
) -> list[uuid.UUID]:
    """Bring an auto-scheduled project's dates in line with its network, and then every project
    whose tasks depend on a task that moved. `changed` names the tasks a change touched (None:
    recompute everything). Tasks in `already_versioned` were edited in this request and have a
    new version already; `calendar` is `project`'s, when the caller has read it already.
    `cause` says what the change was ("PLAN-1 → PLAN-2 (FS) was added"); each
    `task.rescheduled` event records it, so a moved task's activity says why it moved.
    Answers the ids of the tasks that moved."""
    moved_ids: list[uuid.UUID] = []
    pending: list[tuple[Project, Collection[uuid.UUID] | None, WorkingCalendar | None]] = [
        (project, changed, calendar)
    ]
    repo = ScheduleRepository(session)
    while pending:
        current, touched, known_calendar = pending.pop(0)
        if current.scheduling_mode != "auto":
            continue
        if touched is None:
            pn = await network.project_network(session, current, known_calendar)
        else:
            pn = await network.affected_network(session, current, touched, known_calendar)
        moves = _moves(pn, _early_dates(pn))
        await repo.write_dates(current.workspace_id, moves, already_versioned)
        await move_task_allocations(
            session,
            principal,
            current,
            pn.calendar,
            {move.task_id: (pn.rows[move.task_id].start_date, move.start_date) for move in moves},
        )
        for move in moves:
            row = pn.rows[move.task_id]
            events.record(
                session,
                principal,
                "task.rescheduled",
                entity_type="task",
                entity_id=move.task_id,
                workspace_id=current.workspace_id,
                project_id=current.id,
                changes={
                    **events.changes_between(
                        events.snapshot(row, SHOWN_DATES), events.snapshot(move, SHOWN_DATES)
                    ),
                    **({"cause": {"before": None, "after": cause}} if cause else {}),
                },
            )
        moved = [move.task_id for move in moves]
        moved_ids += moved
        downstream: dict[uuid.UUID, set[uuid.UUID]] = {}
        for successor, project_id in await repo.successors(
            current.workspace_id, moved, outside=current.id
        ):
            downstream.setdefault(project_id, set()).add(successor)
        for project_id, successors in downstream.items():
            other = await repo.project(current.workspace_id, project_id)
            if other is not None:
                pending.append((other, successors, None))
    return moved_ids


def _scheduled(pn: ProjectNetwork, row: TaskRow, item: TaskSchedule) -> schemas.ScheduledTask:
    calendar = pn.calendar
    start, finish = shown_dates(calendar, item.early_start, item.early_finish)
    if not network.is_auto(pn.project, row) and row.start_date is not None:
        # A manual task keeps the start it was given, even on a day off, as `_moves` does.
        start = row.start_date
    late_start, late_finish = shown_dates(calendar, item.late_start, item.late_finish)
    return schemas.ScheduledTask(
        task_id=row.id,
        key=row.key,
        start_date=start,
        finish_date=finish,
        early_start=start,
        early_finish=finish,
        late_start=late_start,
        late_finish=late_finish,
        total_slack_days=item.total_slack,
        free_slack_days=item.free_slack,
        critical=item.critical,
    )


def view(pn: ProjectNetwork) -> schemas.Schedule:
    """The project's schedule as GET .../schedule shows it."""
    result = schedule(pn.network, pn.start_index, own=network.own_tasks(pn))
    calendar = pn.calendar
    tasks = []
    for item in result.tasks():
        row = pn.rows.get(cast(uuid.UUID, item.task_id))
        if row is not None:
            tasks.append(_scheduled(pn, row, item))
    violations = []
    for task_id in cast(tuple[uuid.UUID, ...], result.violations):
        row = pn.rows.get(task_id)
        if row is None or row.constraint_date is None:
            continue
        item = result.task(task_id)
        violations.append(
            schemas.ConstraintViolation(
                task_id=task_id,
                key=row.key,
                constraint_date=row.constraint_date,
                early_finish=shown_dates(calendar, item.early_start, item.early_finish)[1],
                total_slack_days=item.total_slack,
            )
        )
    start_date = calendar.date_of(pn.start_index)
    return schemas.Schedule(
        project_id=pn.project.id,
        start_date=start_date,
        # The latest finish of the project's own tasks (not of pinned outside predecessors).
        finish_date=max((t.finish_date for t in tasks), default=start_date),
        critical_path=[t for t in result.critical_path if t in pn.rows],
        violations=violations,
        tasks=sorted(tasks, key=lambda t: (t.start_date, t.key)),
    )


async def get(session: AsyncSession, project: Project) -> schemas.Schedule:
    return view(await network.project_network(session, project))


def _days_off(calendar: WorkingCalendar, after: date, before: date) -> list[date]:
    """The non-working days strictly between two dates, the first few."""
    days: list[date] = []
    day = after + timedelta(days=1)
    while day < before and len(days) < schemas.DAYS_OFF_SHOWN:
        if not calendar.is_working(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _driver(
    pn: ProjectNetwork,
    result: Schedule,
    row: TaskRow,
    found: StartDriver,
    links: Mapping[tuple[uuid.UUID, uuid.UUID], LinkRow],
    outside: Mapping[uuid.UUID, TaskRow],
) -> schemas.StartDriver:
    """The API's account of one bound found by the engine. `days_off` runs up to the start the
    bound sets, before any leveling delay."""
    calendar = pn.calendar
    start = calendar.date_of(result.task(row.id).early_start - row.leveling_delay_days)
    if found.kind == "constraint":
        assert row.constraint_date is not None
        day = row.constraint_date
        return schemas.StartDriver(
            kind=schemas.DriverKind.constraint,
            date=day,
            days_off=_days_off(calendar, day - timedelta(days=1), start),
        )
    if found.kind == "project_start":
        day = pn.project.start_date or calendar.date_of(pn.start_index)
        return schemas.StartDriver(
            kind=schemas.DriverKind.project_start,
            date=day,
            days_off=_days_off(calendar, day - timedelta(days=1), start),
        )
    predecessor_id = cast(uuid.UUID, found.task_id)
    link = links[(predecessor_id, row.id)]
    if predecessor_id in pn.rows:
        predecessor = pn.rows[predecessor_id]
        shown = _scheduled(pn, predecessor, result.task(predecessor_id))
        first, last = shown.start_date, shown.finish_date
    else:
        # Pinned at its own dates (`network.assemble`), which it has.
        predecessor = outside[predecessor_id]
        first, last = cast(date, predecessor.start_date), cast(date, predecessor.finish_date)
    # The predecessor's date the link reads: its finish (FS, FF) or its start (SS, SF).
    day = last if link.type in ("FS", "FF") else first
    return schemas.StartDriver(
        kind=schemas.DriverKind.predecessor,
        dependency_id=link.id,
        predecessor_id=predecessor_id,
        predecessor_key=predecessor.key,
        type=link.type,
        lag_days=link.lag_days,
        date=day,
        days_off=_days_off(calendar, day, start) if link.type == "FS" else [],
    )


async def task_schedule(
    session: AsyncSession, project: Project, task_id: uuid.UUID
) -> schemas.TaskSchedule:
    """One task's dates and slack with what drives its start: the binding links, its
    constraint, the project start, its leveling delay, or manual scheduling."""
    calendar = await working_calendar(session, project.workspace_id, project.calendar_id)
    rows, links, outside = await network.load(session, project)
    pn = network.assemble(project, calendar, rows, links, outside)
    row = pn.rows[task_id]
    if task_id not in pn.network.position:
        return schemas.TaskSchedule(
            task_id=task_id,
            key=row.key,
            scheduled=None,
            drivers=[schemas.StartDriver(kind=schemas.DriverKind.manual_task)],
        )
    result = schedule(pn.network, pn.start_index, own=network.own_tasks(pn))
    scheduled = _scheduled(pn, row, result.task(task_id))
    drivers: list[schemas.StartDriver] = []
    if project.scheduling_mode != "auto":
        drivers.append(schemas.StartDriver(kind=schemas.DriverKind.manual_project))
    elif row.scheduling_mode != "auto":
        drivers.append(schemas.StartDriver(kind=schemas.DriverKind.manual_task))
    else:
        by_pair = {(link.predecessor_id, link.successor_id): link for link in links}
        for found in start_drivers(pn.network, result.early, pn.start_index, task_id):
            drivers.append(_driver(pn, result, row, found, by_pair, outside))
        if row.leveling_delay_days:
            drivers.append(
                schemas.StartDriver(
                    kind=schemas.DriverKind.leveling_delay, days=row.leveling_delay_days
                )
            )
    return schemas.TaskSchedule(task_id=task_id, key=row.key, scheduled=scheduled, drivers=drivers)


@dataclass(frozen=True)
class Proposal:
    """A what-if, resolved to ids: task field overrides and the links after the change."""

    task_changes: Mapping[uuid.UUID, Mapping[str, Any]]
    links: list[LinkRow]
    project_start: date | None = None
    calendar_id: uuid.UUID | None = None


def apply_task_change(project: Project, row: TaskRow, change: Mapping[str, Any]) -> TaskRow:
    """A task row after a proposed change; moving an auto task pins it with `snet` and drops its
    leveling delay, as a person dragging it in a desktop scheduler would
    (`app.tasks.dates.pin_manual_move`)."""
    updated = replace(row, **change)
    if "start_date" in change and network.is_auto(project, updated):
        updated = replace(
            updated,
            constraint_type="snet",
            constraint_date=change["start_date"],
            leveling_delay_days=0,
        )
    return updated


async def preview(
    session: AsyncSession, project: Project, proposal: Proposal
) -> schemas.SchedulePreview:
    """The schedule a change would produce, and the tasks it would move; nothing is written."""
    calendar = await working_calendar(
        session, project.workspace_id, proposal.calendar_id or project.calendar_id
    )
    rows, _, outside = await network.load(session, project)
    stored = {row.id: (row.start_date, row.finish_date) for row in rows}
    proposed = [
        apply_task_change(project, row, proposal.task_changes[row.id])
        if row.id in proposal.task_changes
        else row
        for row in rows
    ]
    new_outside = {link.predecessor_id for link in proposal.links} - set(stored) - set(outside)
    if new_outside:
        found = await ScheduleRepository(session).tasks(project.workspace_id, new_outside)
        outside |= {row.id: row for row in found}
    result = view(
        network.assemble(
            project, calendar, proposed, proposal.links, outside, start=proposal.project_start
        )
    )
    by_id = {row.id: row for row in proposed}
    moved = {
        t.task_id: replace(by_id[t.task_id], start_date=t.start_date, finish_date=t.finish_date)
        for t in result.tasks
        if (t.start_date, t.finish_date) != stored[t.task_id]
    }
    elsewhere = await _ripple(session, project, moved)
    return schemas.SchedulePreview(
        **result.model_dump(), moved_task_ids=sorted([*moved, *elsewhere])
    )


async def _ripple(
    session: AsyncSession, project: Project, moved: Mapping[uuid.UUID, TaskRow]
) -> list[uuid.UUID]:
    """The tasks of other projects that `moved` (rows at their proposed dates) would move, as
    `reschedule` would move them, computed in memory: nothing is written."""
    wid = project.workspace_id
    repo = ScheduleRepository(session)
    proposed = dict(moved)
    elsewhere: list[uuid.UUID] = []
    # Task links form no cycle (checked across the workspace), so the moves settle and this ends.
    pending = [(project.id, list(moved))]
    while pending:
        source, sources_moved = pending.pop(0)
        reached = {pid for _, pid in await repo.successors(wid, sources_moved, outside=source)}
        for project_id in sorted(reached):
            other = await repo.project(wid, project_id)
            if other is None or other.scheduling_mode != "auto":
                continue
            calendar = await working_calendar(session, wid, other.calendar_id)
            rows, links, outside = await network.load(session, other)
            pn = network.assemble(
                other,
                calendar,
                [proposed.get(row.id, row) for row in rows],
                links,
                {task_id: proposed.get(task_id, row) for task_id, row in outside.items()},
            )
            moves = _moves(pn, _early_dates(pn))
            for move in moves:
                proposed[move.task_id] = replace(
                    pn.rows[move.task_id], start_date=move.start_date, finish_date=move.finish_date
                )
            if moves:
                elsewhere += [move.task_id for move in moves]
                pending.append((project_id, [move.task_id for move in moves]))
    return elsewhere


async def check_no_cycle(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    predecessor_id: uuid.UUID,
    successor_id: uuid.UUID,
    pairs: list[tuple[uuid.UUID, uuid.UUID]] | None = None,
) -> None:
    """409 `dependency_cycle`, naming the cycle by task keys, if the link would close one.
    `pairs` replaces the stored links (for a what-if)."""
    if pairs is None:
        pairs = await ScheduleRepository(session).pairs(workspace_id)
    found = find_cycle(successor_map(pairs), predecessor_id, successor_id)
    if found is None:
        return
    cycle = cast(list[uuid.UUID], found)
    rows = await ScheduleRepository(session).tasks(workspace_id, cycle)
    keys = {row.id: row.key for row in rows}
    raise Conflict(
        "The dependency would close a cycle: " + " → ".join(keys[t] for t in [*cycle, cycle[0]]),
        code="dependency_cycle",
        cycle=[keys[t] for t in cycle],
    )


async def _project(session: AsyncSession, principal: Principal, project_id: uuid.UUID) -> Project:
    project = await ScheduleRepository(session).project(principal.workspace_id, project_id)
    return found(project, "No such project in this workspace.", code="project_not_found")


async def for_project(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> schemas.Schedule:
    project = await _project(session, principal, project_id)
    await network.check_plan_size(session, project)
    return await get(session, project)


async def _references(
    session: AsyncSession, workspace_id: uuid.UUID, references: list[tuple[str, str]]
) -> dict[str, uuid.UUID]:
    """Task ids for ids or keys, each with the JSON pointer to blame when it is unknown."""
    repo = ScheduleRepository(session)
    found: dict[str, uuid.UUID] = {}
    for reference, pointer in references:
        task_id = None
        if (match := TASK_KEY.match(reference)) is not None:
            task_id = await repo.task_id_by_key(workspace_id, match.group(1), int(match.group(2)))
        else:
            try:
                task_id = uuid.UUID(reference)
            except ValueError:
                task_id = None
            if task_id is not None and not await repo.tasks(workspace_id, [task_id]):
                task_id = None
        if task_id is None:
            raise Unprocessable.at(pointer, "no such task in this workspace")
        found[reference] = task_id
    return found


async def preview_for_project(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    data: schemas.ScheduleProposal,
) -> schemas.SchedulePreview:
    project = await _project(session, principal, project_id)
    await network.check_plan_size(session, project)
    wid = project.workspace_id
    if (
        data.calendar_id
        and await ScheduleRepository(session).calendar(wid, data.calendar_id) is None
    ):
        raise Unprocessable.at("/calendar_id", "no such calendar in this workspace")
    references = [(t.task_id, f"/tasks/{i}/task_id") for i, t in enumerate(data.tasks)]
    for i, link in enumerate(data.add_dependencies):
        references += [
            (link.predecessor_id, f"/add_dependencies/{i}/predecessor_id"),
            (link.successor_id, f"/add_dependencies/{i}/successor_id"),
        ]
    ids = await _references(session, wid, references)
    own = {row.id for row in await ScheduleRepository(session).tasks(wid, project_id=project.id)}
    changes: dict[uuid.UUID, dict[str, Any]] = {}
    for i, proposal in enumerate(data.tasks):
        task_id = ids[proposal.task_id]
        if task_id not in own:
            raise Unprocessable.at(f"/tasks/{i}/task_id", "not a task of this project")
        changes[task_id] = {
            key: (value.value if key == "scheduling_mode" else value)
            for key, value in proposal.model_dump(exclude={"task_id"}, exclude_none=True).items()
        }
    repo = ScheduleRepository(session)
    links = {link.id: link for link in await repo.links_into(wid, project.id)}
    removed: set[tuple[uuid.UUID, uuid.UUID]] = set()
    for i, dependency_id in enumerate(data.remove_dependency_ids):
        stored = await repo.link(wid, dependency_id)
        if stored is None:
            raise Unprocessable.at(f"/remove_dependency_ids/{i}", "no such dependency")
        removed.add((stored.predecessor_id, stored.successor_id))
        links.pop(dependency_id, None)
    for i, change in enumerate(data.change_dependencies):
        if await repo.link(wid, change.dependency_id) is None:
            raise Unprocessable.at(f"/change_dependencies/{i}/dependency_id", "no such dependency")
        if (current := links.get(change.dependency_id)) is not None:
            fields = change.model_dump(exclude={"dependency_id"}, exclude_none=True)
            links[current.id] = replace(current, **fields)
    pairs = [pair for pair in await repo.pairs(wid) if pair not in removed]
    for i, link in enumerate(data.add_dependencies):
        predecessor, successor = ids[link.predecessor_id], ids[link.successor_id]
        if predecessor == successor:
            raise Unprocessable.at(
                f"/add_dependencies/{i}/successor_id", "a task cannot depend on itself"
            )
        await check_no_cycle(session, wid, predecessor, successor, pairs)
        pairs.append((predecessor, successor))
        if successor in own:
            new_id = uuid.uuid4()
            links[new_id] = LinkRow(new_id, predecessor, successor, link.type, link.lag_days)
    what_if = Proposal(changes, list(links.values()), data.start_date, data.calendar_id)
    return await preview(session, project, what_if)
