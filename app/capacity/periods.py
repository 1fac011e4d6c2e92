"""Day, week and month periods over a window, and the totals of resources and teams in them."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.capacity.daily import ResourceFigures, window_length
from app.capacity.hours import ZERO, in_hours_context
from app.capacity.model import (
    Granularity,
    Period,
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


def _period(
    start: date,
    end: date,
    capacity: Decimal,
    reserved: Decimal,
    allocated: Decimal,
    overallocated: bool,
) -> Period:
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
def periods(figures: ResourceFigures, ranges: Sequence[DateRange]) -> tuple[Period, ...]:
    """One resource's totals per period, summed in day order from its per-day figures, which
    start on `ranges[0].start`."""
    if not ranges:
        return ()
    origin = ranges[0].start
    capacity = figures.capacity.hours
    over = [
        reserved + allocated > day_capacity
        for day_capacity, reserved, allocated in zip(
            capacity, figures.reserved, figures.allocated, strict=True
        )
    ]
    totals: list[Period] = []
    for period in ranges:
        first, stop = (period.start - origin).days, (period.end - origin).days + 1
        totals.append(
            _period(
                period.start,
                period.end,
                sum(capacity[first:stop], ZERO),
                sum(figures.reserved[first:stop], ZERO),
                sum(figures.allocated[first:stop], ZERO),
                any(over[first:stop]),
            )
        )
    return tuple(totals)


def _team_period(start: date, end: date, members: Iterable[Period]) -> Period:
    """A team's period: its members' periods summed in member order."""
    capacity = reserved = allocated = ZERO
    overallocated = False
    for member in members:
        capacity += member.capacity_hours
        reserved += member.reserved_hours
        allocated += member.allocated_hours
        overallocated = overallocated or member.overallocated
    return _period(start, end, capacity, reserved, allocated, overallocated)


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
                _team_period(period.start, period.end, (member.periods[index] for member in team))
                for index, period in enumerate(team[0].periods)
            ),
        )
        for team_id, team in members.items()
    )
