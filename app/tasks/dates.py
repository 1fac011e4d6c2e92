"""A task's dates on its project's working calendar (docs/design.md §7): the finish its
start and duration give, the dates a create or update leaves it with, and where a new or moved
auto-scheduled task is placed."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.clock import utcnow
from app.kit.errors import Unprocessable
from app.models import Project, Task
from app.schedules.network import working_calendar
from app.scheduling.calendar import WorkingCalendar


async def calendar_for(session: AsyncSession, project: Project) -> WorkingCalendar:
    return await working_calendar(session, project.workspace_id, project.calendar_id)


def finish_of(calendar: WorkingCalendar, start: date | None, duration: int) -> date | None:
    """The last working day of a task (its start for a milestone), docs/design.md §7."""
    if start is None:
        return None
    first = calendar.index_of(start)
    return calendar.date_of(first + max(duration, 1) - 1)


def duration_between(calendar: WorkingCalendar, start: date, finish: date) -> int:
    return calendar.index_on_or_before(finish) - calendar.index_of(start) + 1


@dataclass
class Plan:
    """A task's fields after a create or update, checked together."""

    start_date: date | None
    duration_days: int
    finish_date: date | None
    due_date: date | None


def plan_dates(calendar: WorkingCalendar, current: Plan, changes: dict[str, Any]) -> Plan:
    start = changes.get("start_date", current.start_date)
    duration = current.duration_days
    if changes.get("duration_days") is not None:
        duration = changes["duration_days"]
    finish_given = changes.get("finish_date")
    if finish_given is not None:
        if start is None:
            raise Unprocessable.at("/start_date", "a finish date needs a start date")
        if finish_given < start:
            raise Unprocessable.at("/finish_date", "must not be before start_date")
        implied = duration_between(calendar, start, finish_given)
        if implied < 1 and changes.get("duration_days") != 0:
            # Start and finish both fall in the same run of days off: no working day between.
            raise Unprocessable.at(
                "/finish_date", "no working day between start_date and finish_date"
            )
        if changes.get("duration_days") is not None and changes["duration_days"] not in (
            implied,
            0,
        ):
            raise Unprocessable.at("/finish_date", "disagrees with duration_days")
        duration = changes["duration_days"] if changes.get("duration_days") == 0 else implied
    due = changes.get("due_date", current.due_date)
    if due is not None and start is not None and due < start:
        raise Unprocessable.at("/due_date", "must not be before start_date")
    return Plan(start, duration, finish_of(calendar, start, duration), due)


SCHEDULE_FIELDS = frozenset(
    {
        "start_date",
        "duration_days",
        "finish_date",
        "scheduling_mode",
        "constraint_type",
        "constraint_date",
        "leveling_delay_days",
    }
)


def pin_manual_move(project: Project, task: Task, changes: dict[str, Any]) -> None:
    """Typing a start on an auto-scheduled task pins it there with `snet`, as desktop schedulers
    do, and drops its leveling delay, which would push it past the typed date; the scheduler may
    still push it later if a predecessor demands."""
    if (
        project.scheduling_mode != "auto"
        or task.scheduling_mode != "auto"
        or changes.get("start_date") is None
    ):
        return
    if not {"constraint_type", "constraint_date"} & set(changes):
        task.constraint_type, task.constraint_date = "snet", changes["start_date"]
    if "leveling_delay_days" not in changes:
        task.leveling_delay_days = 0


def place_new(project: Project, calendar: WorkingCalendar, task: Task) -> None:
    """A new auto-scheduled task has no links yet: it starts at the project start or its snet
    date, whichever is later (docs/design.md §7)."""
    if project.scheduling_mode != "auto" or task.scheduling_mode != "auto":
        return
    bounds = [calendar.index_of(project.start_date or utcnow().date())]
    if task.constraint_type == "snet" and task.constraint_date is not None:
        bounds.append(calendar.index_of(task.constraint_date))
    task.start_date = calendar.date_of(max(bounds))
    task.finish_date = finish_of(calendar, task.start_date, task.duration_days)
