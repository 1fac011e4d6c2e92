"""A project's network as the scheduling engine sees it: its tasks and links loaded from the
database and placed on its working calendar, with predecessors from other projects pinned at
their own dates. Rescheduling, the schedule read, its preview and leveling all start here.

The working calendar is loaded here too, like the tasks and links: the calendars domain sits
above scheduling (changing a calendar reschedules the projects on it)."""

import uuid
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.clock import utcnow
from app.kit.errors import NotFound, Unprocessable
from app.kit.limits import limits
from app.models import Project
from app.schedules.repository import LinkRow, ScheduleRepository, TaskRow
from app.scheduling.calendar import WorkingCalendar
from app.scheduling.network import Network, SchedLink, SchedTask, build_network


async def working_calendar(
    session: AsyncSession, workspace_id: uuid.UUID, calendar_id: uuid.UUID | None
) -> WorkingCalendar:
    """The engine's calendar for a project (None: the workspace default)."""
    repo = ScheduleRepository(session)
    calendar = await repo.calendar(workspace_id, calendar_id)
    if calendar is None:
        raise NotFound("No such calendar.", code="calendar_not_found")
    return WorkingCalendar(
        calendar.working_weekdays, await repo.exceptions(workspace_id, calendar.id)
    )


@dataclass(frozen=True)
class ProjectNetwork:
    """A project's tasks and links as the engine sees them, with what's needed to read back."""

    project: Project
    calendar: WorkingCalendar
    start_index: int
    rows: Mapping[uuid.UUID, TaskRow]
    network: Network

    def stored_start(self, task_id: uuid.UUID) -> int | None:
        row = self.rows.get(task_id)
        if row is None or row.start_date is None:
            return None
        return self.calendar.index_of(row.start_date)


def is_auto(project: Project, row: TaskRow) -> bool:
    return project.scheduling_mode == "auto" and row.scheduling_mode == "auto"


def _sched_task(calendar: WorkingCalendar, row: TaskRow, manual: bool) -> SchedTask:
    snet = fnlt = None
    if row.constraint_type == "snet" and row.constraint_date is not None:
        snet = calendar.index_of(row.constraint_date)
    elif row.constraint_type == "fnlt" and row.constraint_date is not None:
        fnlt = calendar.index_on_or_before(row.constraint_date)
    # Only a manual task keeps its start; the engine ignores an auto task's.
    start = calendar.index_of(row.start_date) if manual and row.start_date is not None else None
    return SchedTask(
        row.id,
        row.duration_days,
        manual=manual,
        start=start,
        snet=snet,
        fnlt=fnlt,
        delay=row.leveling_delay_days,
    )


def _pinned(calendar: WorkingCalendar, row: TaskRow) -> SchedTask | None:
    """A predecessor from another project, fixed at its own dates read on this calendar."""
    if row.start_date is None or row.finish_date is None:
        return None
    start = calendar.index_of(row.start_date)
    finish = calendar.index_on_or_before(row.finish_date) + 1 if row.duration_days else start
    return SchedTask(row.id, max(finish - start, 0), manual=True, start=start)


def assemble(
    project: Project,
    calendar: WorkingCalendar,
    rows: Iterable[TaskRow],
    links: Iterable[LinkRow],
    outside: Mapping[uuid.UUID, TaskRow],
) -> ProjectNetwork:
    """The engine's network for a project; tasks that cannot be placed (a manual task without a
    start) stay out, with their links."""
    own = {row.id: row for row in rows}
    # Read once: the project is an ORM object, whose attributes cost a descriptor call each.
    auto_project = project.scheduling_mode == "auto"
    tasks: dict[uuid.UUID, SchedTask] = {}
    for row in own.values():
        auto = auto_project and row.scheduling_mode == "auto"
        if auto or row.start_date is not None:
            tasks[row.id] = _sched_task(calendar, row, manual=not auto)
    for row in outside.values():
        pinned = _pinned(calendar, row)
        if pinned is not None:
            tasks[row.id] = pinned
    sched_links = [
        SchedLink(link.predecessor_id, link.successor_id, link.type, link.lag_days)  # type: ignore[arg-type]
        for link in links
        if link.predecessor_id in tasks and link.successor_id in tasks
    ]
    start = project.start_date or utcnow().date()
    return ProjectNetwork(
        project=project,
        calendar=calendar,
        start_index=calendar.index_of(start),
        rows=own,
        network=build_network(tasks.values(), sched_links),
    )


async def load(
    session: AsyncSession, project: Project
) -> tuple[list[TaskRow], list[LinkRow], dict[uuid.UUID, TaskRow]]:
    repo = ScheduleRepository(session)
    rows = await repo.tasks(project.workspace_id, project_id=project.id)
    links = await repo.links_into(project.workspace_id, project.id)
    own = {row.id for row in rows}
    outside_ids = {link.predecessor_id for link in links if link.predecessor_id not in own}
    outside = (
        {row.id: row for row in await repo.tasks(project.workspace_id, outside_ids)}
        if outside_ids
        else {}
    )
    return rows, links, outside


async def check_plan_size(session: AsyncSession, project: Project) -> None:
    """422 for a project with more tasks than a schedule or leveling run may compute."""
    most = limits.plan_max_tasks
    if (
        await ScheduleRepository(session).count_tasks(project.workspace_id, project.id, most + 1)
        > most
    ):
        raise Unprocessable(
            f"The project has more than {most} tasks, more than one schedule computes at once "
            "(WORKLANE_PLAN_MAX_TASKS).",
            code="plan_too_large",
        )


async def project_network(
    session: AsyncSession, project: Project, calendar: WorkingCalendar | None = None
) -> ProjectNetwork:
    """The whole network; `calendar` is the project's, when the caller has it already."""
    if calendar is None:
        calendar = await working_calendar(session, project.workspace_id, project.calendar_id)
    rows, links, outside = await load(session, project)
    return assemble(project, calendar, rows, links, outside)


async def affected_network(
    session: AsyncSession,
    project: Project,
    changed: Collection[uuid.UUID],
    calendar: WorkingCalendar | None = None,
) -> ProjectNetwork:
    """Only what a change can reach: the changed tasks and their descendants in the project,
    with every other predecessor pinned at its stored dates (it cannot move: the change does
    not reach it). A change touching 1% of a project loads about 1% of it."""
    repo = ScheduleRepository(session)
    wid = project.workspace_id
    reached = await repo.descendants(wid, project.id, changed)
    links = await repo.links_into_tasks(wid, reached)
    bounding = {link.predecessor_id for link in links} - reached
    rows = await repo.tasks(wid, reached)
    outside = {row.id: row for row in await repo.tasks(wid, bounding)} if bounding else {}
    if calendar is None:
        calendar = await working_calendar(session, wid, project.calendar_id)
    return assemble(project, calendar, rows, links, outside)


def own_tasks(pn: ProjectNetwork) -> list[uuid.UUID]:
    """The project's tasks in its network (the rest are pinned predecessors of other projects)."""
    return [task_id for task_id in pn.rows if task_id in pn.network.position]


def task_ids(network: Network) -> tuple[uuid.UUID, ...]:
    """The network's task ids, which are task UUIDs here (the engine accepts any hashable)."""
    return cast(tuple[uuid.UUID, ...], network.ids)
