"""The engine against a plain day-by-day reading of the rules, on random small workspaces.

The reference adds each allocation and task share to each of its days; the engine keeps running
sums over the window (difference arrays) and multiplies summed percents by the day's capacity.
Sums of entered figures (hours with 2 decimals, percents) are exact either way, but shares from
non-terminating divisions (16 h over 3 days, 40 h a week over 3 weekdays) are rounded to 28
digits, and adding then subtracting them again need not give back the same last digit. So
figures are compared after quantizing to 1e-20 h (the residue is about 1e-25, the API shows
2 decimals), and an over-allocation only where booked and capacity differ by more than 1e-20:
an exact tie cannot be represented after a non-terminating division anyway.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext

from hypothesis import given, settings
from hypothesis import strategies as st

from app.capacity.daily import resource_days
from app.capacity.hours import HOURS_CONTEXT
from app.capacity.model import (
    AllocationInput,
    Granularity,
    Period,
    ReservationInput,
    ResourceInput,
    TaskLoadInput,
    TimeOff,
)
from app.capacity.periods import period_ranges
from app.capacity.workload import workload
from app.scheduling.calendar import WorkingCalendar

# 100 random workspaces keep this file within a few seconds.
EXAMPLES = settings(max_examples=100, deadline=None)
WINDOW_START = date(2026, 1, 5)
RESOURCE_IDS = ("ann", "bob", "cy", "dee")
TASK_IDS = ("t1", "t2", "t3", "t4")
GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month")
ESTIMATES = tuple(Decimal(h) for h in ("0", "10", "16", "7.25"))
GHOST = "ghost"  # named by allocations and tasks but not asked about


@dataclass(frozen=True)
class Case:
    length: int
    resources: list[ResourceInput]
    allocations: list[AllocationInput]
    tasks: list[TaskLoadInput]
    reservations: list[ReservationInput]
    granularity: Granularity
    week_start: int

    @property
    def end(self) -> date:
        return WINDOW_START + timedelta(days=self.length - 1)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    length = draw(st.integers(21, 56))

    def near_window() -> date:
        return WINDOW_START + timedelta(days=draw(st.integers(-10, length + 10)))

    def span() -> tuple[date, date]:
        first = near_window()
        return first, first + timedelta(days=draw(st.integers(-2, 20)))

    def calendar() -> WorkingCalendar:
        weekdays = draw(st.sets(st.integers(1, 7), min_size=1))
        exceptions = {near_window(): draw(st.booleans()) for _ in range(draw(st.integers(0, 3)))}
        return WorkingCalendar(weekdays, exceptions)

    hours = st.sampled_from([Decimal(h) for h in ("1", "2.5", "4", "7.25", "9")])
    resources = []
    for resource_id in RESOURCE_IDS[: draw(st.integers(1, len(RESOURCE_IDS)))]:
        time_off = tuple(
            TimeOff(*span(), draw(st.none() | hours)) for _ in range(draw(st.integers(0, 3)))
        )
        team_id = draw(st.sampled_from([None, "red", "blue"]))
        weekly = draw(st.sampled_from([Decimal(h) for h in ("0", "20", "37.5", "40")]))
        if draw(st.booleans()):
            resource = ResourceInput(
                resource_id,
                "person",
                team_id,
                calendar(),
                weekly_capacity_hours=weekly,
                time_off=time_off,
            )
        else:
            resource = ResourceInput(
                resource_id,
                "equipment",
                team_id,
                calendar(),
                capacity_hours_per_day=draw(hours),
                time_off=time_off,
            )
        resources.append(resource)
    named = st.sampled_from([*(r.id for r in resources), GHOST])
    percents = st.sampled_from([Decimal(p) for p in ("25", "50", "100", "33.33")])
    allocations = []
    for number in range(draw(st.integers(0, 6))):
        by_hours = draw(st.booleans())
        allocations.append(
            AllocationInput(
                f"a{number}",
                draw(named),
                draw(st.none() | st.sampled_from(TASK_IDS)),
                *span(),
                hours_per_day=draw(hours) if by_hours else None,
                percent=None if by_hours else draw(percents),
            )
        )
    tasks = [
        TaskLoadInput(
            task_id,
            *span(),
            draw(st.sampled_from(ESTIMATES)),
            tuple(draw(st.sets(named, max_size=3))),
            calendar(),
            milestone=draw(st.integers(0, 4)) == 0,  # one task in five
        )
        for task_id in TASK_IDS[: draw(st.integers(0, len(TASK_IDS)))]
    ]
    reservations = [
        ReservationInput(
            draw(named), near_window(), draw(st.sampled_from([Decimal(5), Decimal(12)]))
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    granularity = draw(st.sampled_from(GRANULARITIES))
    return Case(
        length, resources, allocations, tasks, reservations, granularity, draw(st.integers(1, 7))
    )


@dataclass(frozen=True)
class Day:
    capacity: Decimal
    reserved: Decimal
    allocated: Decimal
    allocation_ids: tuple[object, ...]
    task_ids: tuple[object, ...]


def reference_day(case: Case, resource: ResourceInput, day: date) -> Day:
    offs = [t for t in resource.time_off if t.start <= day <= t.end]
    on_duty = resource.calendar.is_working(day) and all(t.hours_per_day is not None for t in offs)
    weekdays = len(resource.calendar.working_weekdays)
    if resource.capacity_hours_per_day is None:
        full_day = (resource.weekly_capacity_hours or Decimal(0)) / weekdays
    else:
        full_day = resource.capacity_hours_per_day
    partial = sum((t.hours_per_day for t in offs if t.hours_per_day is not None), Decimal(0))
    capacity = max(Decimal(0), full_day - partial) if on_duty else Decimal(0)
    weekly = sum(
        (
            r.hours_per_week
            for r in case.reservations
            if r.resource_id == resource.id and r.start <= day
        ),
        Decimal(0),
    )
    reserved = min(weekly / weekdays, capacity)
    allocated = Decimal(0)
    allocation_ids = []
    for allocation in case.allocations:
        if allocation.resource_id != resource.id or not allocation.start <= day <= allocation.end:
            continue
        if allocation.percent is not None:
            hours = capacity * allocation.percent / 100
        elif on_duty and allocation.hours_per_day is not None:
            hours = allocation.hours_per_day
        else:
            hours = Decimal(0)
        if hours:
            allocated += hours
            allocation_ids.append(allocation.id)
    task_ids = []
    for task in case.tasks:
        replaced = any(
            a.task_id == task.task_id and a.resource_id == resource.id for a in case.allocations
        )
        task_days = [
            task.start + timedelta(days=k)
            for k in range((task.finish - task.start).days + 1)
            if task.calendar.is_working(task.start + timedelta(days=k))
        ]
        if (
            resource.id in task.assignee_resource_ids
            and not replaced
            and not task.milestone
            and task.estimate_hours
            and day in task_days
        ):
            allocated += task.estimate_hours / (len(task_days) * len(task.assignee_resource_ids))
            task_ids.append(task.task_id)
    return Day(capacity, reserved, allocated, tuple(allocation_ids), tuple(task_ids))


TOLERANCE = Decimal("1e-20")

# capacity, reserved, allocated, available, utilization, and over-allocated: True or False, or
# None when some day is too close to call (within TOLERANCE of its capacity) and none is over.
Figures = tuple[Decimal, Decimal, Decimal, Decimal, Decimal | None, bool | None]


def close(figure: Decimal) -> Decimal:
    return figure.quantize(TOLERANCE)


def over(capacity: Decimal, booked: Decimal) -> bool | None:
    """Over-allocated, or None when booked is within TOLERANCE of capacity."""
    return None if abs(booked - capacity) <= TOLERANCE else booked > capacity


def any_over(flags: list[bool | None]) -> bool | None:
    return True if True in flags else None if None in flags else False


def totals(rows: list[tuple[Decimal, Decimal, Decimal, bool | None]]) -> Figures:
    capacity = sum((r[0] for r in rows), Decimal(0))
    reserved = sum((r[1] for r in rows), Decimal(0))
    allocated = sum((r[2] for r in rows), Decimal(0))
    utilization = (reserved + allocated) / capacity if capacity else None
    over = any_over([r[3] for r in rows])
    return capacity, reserved, allocated, capacity - reserved - allocated, utilization, over


def compared(expected: Figures, actual: Figures) -> tuple[Figures, Figures]:
    """Both quantized to TOLERANCE, the flag left out where the expected one is too close to
    call."""

    def quantized(figures: Figures, flag: bool | None) -> Figures:
        *hours, utilization, _ = figures
        return (
            *(close(h) for h in hours),
            None if utilization is None else close(utilization),
            flag,
        )

    flag = expected[5]
    return quantized(expected, flag), quantized(actual, None if flag is None else actual[5])


@given(cases())
@EXAMPLES
def test_the_engine_agrees_with_a_day_by_day_reading(case: Case) -> None:
    result = workload(
        case.resources,
        case.allocations,
        case.tasks,
        case.reservations,
        start=WINDOW_START,
        end=case.end,
        granularity=case.granularity,
        week_start=case.week_start,
    )

    engine_days = resource_days(
        case.resources, case.allocations, case.tasks, case.reservations, WINDOW_START, case.end
    )

    ranges = period_ranges(case.granularity, WINDOW_START, case.end, case.week_start)
    with localcontext(HOURS_CONTEXT):
        expected_periods: dict[object, list[Figures]] = {}
        expected_conflicts = []
        undecided_days = set()
        for resource in case.resources:
            days = [
                reference_day(case, resource, WINDOW_START + timedelta(days=k))
                for k in range(case.length)
            ]
            assert [
                Day(
                    close(d.capacity_hours),
                    close(d.reserved_hours),
                    close(d.allocated_hours),
                    d.allocation_ids,
                    d.task_ids,
                )
                for d in engine_days[resource.id]
            ] == [
                Day(
                    close(d.capacity),
                    close(d.reserved),
                    close(d.allocated),
                    d.allocation_ids,
                    d.task_ids,
                )
                for d in days
            ]
            rows = [
                (d.capacity, d.reserved, d.allocated, over(d.capacity, d.reserved + d.allocated))
                for d in days
            ]
            expected_periods[resource.id] = [
                totals(rows[(p.start - WINDOW_START).days : (p.end - WINDOW_START).days + 1])
                for p in ranges
            ]
            for k, d in enumerate(days):
                day = WINDOW_START + timedelta(days=k)
                if rows[k][3] is None:
                    undecided_days.add((resource.id, day))
                elif rows[k][3]:
                    booked = d.reserved + d.allocated
                    expected_conflicts.append(
                        (
                            resource.id,
                            day,
                            close(d.capacity),
                            close(booked),
                            close(booked - d.capacity),
                            d.allocation_ids,
                            d.task_ids,
                        )
                    )
        teams: dict[object, list[object]] = {}
        for resource in case.resources:
            if resource.team_id is not None:
                teams.setdefault(resource.team_id, []).append(resource.id)
        expected_teams = {
            team_id: [
                totals(
                    [(p[0], p[1], p[2], p[5]) for p in (expected_periods[m][i] for m in members)]
                )
                for i in range(len(ranges))
            ]
            for team_id, members in teams.items()
        }

    def figures(period: Period) -> Figures:
        return (
            period.capacity_hours,
            period.reserved_hours,
            period.allocated_hours,
            period.available_hours,
            period.utilization,
            period.overallocated,
        )

    for r in result.resources:
        for e, p in zip(expected_periods[r.resource_id], r.periods, strict=True):
            expected, actual = compared(e, figures(p))
            assert actual == expected
    assert {t.team_id for t in result.teams} == set(expected_teams)
    for t in result.teams:
        for e, p in zip(expected_teams[t.team_id], t.periods, strict=True):
            expected, actual = compared(e, figures(p))
            assert actual == expected
    assert [
        (
            c.resource_id,
            c.date,
            close(c.capacity_hours),
            close(c.allocated_hours),
            close(c.excess_hours),
            c.allocation_ids,
            c.task_ids,
        )
        for c in result.conflicts
        if (c.resource_id, c.date) not in undecided_days
    ] == expected_conflicts
