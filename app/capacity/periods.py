"""Day, week and month periods over a window, and the totals of resources and teams in them."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.capacity.daily import window_length
from app.capacity.hours import ZERO, in_hours_context
from app.capacity.model import (
    Granularity,
    Period,
    ResourceDay,
    ResourceWorkload,
    TeamId,
    TeamWorkload,
)


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date
    end: date


def _period_end(day: date, granularity: Granularity, week_start: int) -> date:
    """Last day of the period that contains `day`."""
    if granularity == "day":
        return day
    if granularity == "week":
        return day + timedelta(days=6 - (day.isoweekday() - week_start) % 7)
    first_of_next = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def period_ranges(
    granularity: Granularity, start: date, end: date, week_start: int = 1
) -> tuple[DateRange, ...]:
    """The periods covering `[start, end]`, clipped to it: days, weeks starting on the ISO weekday
    `week_start`, or calendar months."""
    window_length(start, end)
    if not 1 <= week_start <= 7:
        raise ValueError(f"week_start is an ISO weekday 1..7, got {week_start}")
    ranges: list[DateRange] = []
    first = start
    while True:
        last = min(_period_end(first, granularity, week_start), end)
        ranges.append(DateRange(first, last))
        if last == end:
            return tuple(ranges)
        first = last + timedelta(days=1)


# (capacity, reserved, allocated, over-allocated) of a day or a period.
_Row = tuple[Decimal, Decimal, Decimal, bool]


def _day_row(day: ResourceDay) -> _Row:
    return day.capacity_hours, day.reserved_hours, day.allocated_hours, day.overallocated


def _period_row(p: Period) -> _Row:
    return p.capacity_hours, p.reserved_hours, p.allocated_hours, p.overallocated


def _total(start: date, end: date, rows: Iterable[_Row]) -> Period:
    """A period from its rows, summed in order."""
    capacity = reserved = allocated = ZERO
    overallocated = False
    for row_capacity, row_reserved, row_allocated, row_over in rows:
        capacity += row_capacity
        reserved += row_reserved
        allocated += row_allocated
        overallocated = overallocated or row_over
    return Period(
        start,
        end,
        capacity,
        reserved,
        allocated,
        capacity - reserved - allocated,
        (reserved + allocated) / capacity if capacity else None,
        overallocated,
    )


@in_hours_context
def periods(days: Sequence[ResourceDay], ranges: Sequence[DateRange]) -> tuple[Period, ...]:
    """One resource's totals per period; `days` are its consecutive days from `ranges[0].start`."""
    if not ranges:
        return ()
    origin = ranges[0].start
    return tuple(
        _total(
            period.start,
            period.end,
            map(_day_row, days[(period.start - origin).days : (period.end - origin).days + 1]),
        )
        for period in ranges
    )


@in_hours_context
def team_totals(resources: Iterable[ResourceWorkload]) -> tuple[TeamWorkload, ...]:
    """Each team's resources summed per period, teams in order of their first resource.

    Every resource must have the same periods, as `workload` gives them; a resource without a
    team counts in none.
    """
    members: dict[TeamId, list[ResourceWorkload]] = {}
    for resource in resources:
        if resource.team_id is not None:
            members.setdefault(resource.team_id, []).append(resource)
    return tuple(
        TeamWorkload(
            team_id,
            tuple(
                _total(
                    period.start,
                    period.end,
                    (_period_row(member.periods[index]) for member in team),
                )
                for index, period in enumerate(team[0].periods)
            ),
        )
        for team_id, team in members.items()
    )
