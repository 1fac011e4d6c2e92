"""Hand-computed workloads. The week of Monday 2 March 2026 is the usual stage: `day(0)` is that
Monday, `day(5)` the Saturday."""

from datetime import date, timedelta
from decimal import Decimal, localcontext

import pytest

from app.capacity.daily import daily_capacity, resource_days
from app.capacity.model import (
    AllocationInput,
    ReservationInput,
    ResourceDay,
    ResourceInput,
    TaskLoadInput,
    TimeOff,
)
from app.capacity.periods import DateRange, period_ranges
from app.capacity.workload import conflicts, workload
from app.scheduling.calendar import WorkingCalendar

MONDAY = date(2026, 3, 2)
WEEKDAYS = WorkingCalendar({1, 2, 3, 4, 5})
MON_TO_SAT = WorkingCalendar({1, 2, 3, 4, 5, 6})


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def hours(*figures: str | int) -> list[Decimal]:
    return [Decimal(figure) for figure in figures]


def person(
    resource_id: str = "ann",
    *,
    weekly: str = "40",
    calendar: WorkingCalendar = WEEKDAYS,
    time_off: tuple[TimeOff, ...] = (),
    team_id: str | None = None,
) -> ResourceInput:
    return ResourceInput(
        resource_id,
        "person",
        team_id,
        calendar,
        weekly_capacity_hours=Decimal(weekly),
        time_off=time_off,
    )


def week(
    resources: list[ResourceInput],
    allocations: tuple[AllocationInput, ...] = (),
    tasks: tuple[TaskLoadInput, ...] = (),
    reservations: tuple[ReservationInput, ...] = (),
) -> dict[object, tuple[ResourceDay, ...]]:
    return resource_days(resources, allocations, tasks, reservations, day(0), day(6))


def capacity(days: tuple[ResourceDay, ...]) -> list[Decimal]:
    return [d.capacity_hours for d in days]


def reserved(days: tuple[ResourceDay, ...]) -> list[Decimal]:
    return [d.reserved_hours for d in days]


def allocated(days: tuple[ResourceDay, ...]) -> list[Decimal]:
    return [d.allocated_hours for d in days]


def test_a_40_hour_week_over_monday_to_friday_is_8_hours_a_working_day() -> None:
    assert capacity(week([person()])["ann"]) == hours(8, 8, 8, 8, 8, 0, 0)


def test_capacity_follows_the_calendar_weekdays_and_holidays() -> None:
    calendar = WorkingCalendar({1, 2, 3, 4}, {day(1): False, day(5): True})
    days = week([person(weekly="32", calendar=calendar)])["ann"]

    assert capacity(days) == hours(8, 0, 8, 8, 0, 8, 0)


def test_time_off_takes_whole_days_or_some_hours_never_below_zero() -> None:
    time_off = (
        TimeOff(day(1), day(1)),
        TimeOff(day(2), day(3), Decimal(3)),
        TimeOff(day(3), day(3), Decimal("5.5")),
        TimeOff(day(4), day(4), Decimal(2)),
        TimeOff(day(4), day(4)),
    )
    days = week([person(time_off=time_off)])["ann"]

    assert capacity(days) == hours(8, 0, 5, 0, 0, 0, 0)


def test_a_non_human_resource_has_its_hours_per_day_on_working_days() -> None:
    room = ResourceInput("room", "room", None, MON_TO_SAT, capacity_hours_per_day=Decimal(10))

    assert capacity(week([room])["room"]) == hours(10, 10, 10, 10, 10, 10, 0)


def test_hours_per_day_allocations_skip_non_working_days_and_full_days_off() -> None:
    time_off = (TimeOff(day(7), day(7)), TimeOff(day(8), day(8), Decimal(8)))
    ann = person(time_off=time_off)
    allocation = AllocationInput("a1", "ann", None, day(4), day(8), hours_per_day=Decimal(3))
    days = resource_days([ann], [allocation], [], [], day(4), day(8))["ann"]

    # Friday, the weekend, Monday off, Tuesday with no capacity left but still on duty.
    assert allocated(days) == hours(3, 0, 0, 0, 3)
    assert [d.allocation_ids for d in days] == [("a1",), (), (), (), ("a1",)]


def test_percent_allocations_take_a_share_of_each_days_capacity() -> None:
    ann = person(time_off=(TimeOff(day(7), day(7), Decimal(2)),))
    allocation = AllocationInput("a1", "ann", None, day(4), day(7), percent=Decimal(50))
    days = resource_days([ann], [allocation], [], [], day(4), day(7))["ann"]

    assert allocated(days) == hours(4, 0, 0, 3)


def test_a_task_estimate_is_spread_on_the_project_calendar_and_split_among_assignees() -> None:
    # 24 h over Monday to Saturday on the project calendar: 4 h a day, 2 h for each assignee,
    # whatever their own calendars or time off say.
    task = TaskLoadInput("t1", day(0), day(5), Decimal(24), ("ann", "bob"), MON_TO_SAT)
    ann = person(time_off=(TimeOff(day(2), day(2)),))
    days = week([ann, person("bob")], tasks=(task,))

    assert allocated(days["ann"]) == hours(2, 2, 2, 2, 2, 2, 0)
    assert allocated(days["bob"]) == hours(2, 2, 2, 2, 2, 2, 0)
    assert days["ann"][2].overallocated
    assert days["ann"][5].overallocated
    assert not days["ann"][1].overallocated
    assert days["ann"][0].task_ids == ("t1",)


def test_an_allocation_for_a_task_replaces_that_assignees_whole_share() -> None:
    task = TaskLoadInput("t1", day(0), day(5), Decimal(24), ("ann", "bob"), MON_TO_SAT)
    explicit = AllocationInput("a1", "bob", "t1", day(0), day(1), hours_per_day=Decimal(5))
    days = week([person(), person("bob")], (explicit,), (task,))

    assert allocated(days["ann"]) == hours(2, 2, 2, 2, 2, 2, 0)
    assert allocated(days["bob"]) == hours(5, 5, 0, 0, 0, 0, 0)
    assert [d.task_ids for d in days["bob"]][:2] == [(), ()]


def test_milestones_and_tasks_without_working_days_carry_no_load() -> None:
    milestone = TaskLoadInput("m", day(1), day(1), Decimal(8), ("ann",), WEEKDAYS, milestone=True)
    weekend = TaskLoadInput("w", day(5), day(6), Decimal(8), ("ann",), WEEKDAYS)

    assert allocated(week([person()], tasks=(milestone, weekend))["ann"]) == hours(
        0, 0, 0, 0, 0, 0, 0
    )


def test_a_reservation_holds_its_weekly_hours_from_its_start_capped_at_capacity() -> None:
    ann = person(time_off=(TimeOff(day(3), day(3), Decimal(7)),))
    reservation = ReservationInput("ann", day(1), Decimal(10))
    days = week([ann], reservations=(reservation,))["ann"]

    assert reserved(days) == hours(0, 2, 2, 1, 2, 0, 0)
    assert allocated(days) == hours(0, 0, 0, 0, 0, 0, 0)


def test_reservations_over_four_weekdays_and_from_before_the_window_add_up() -> None:
    calendar = WorkingCalendar({1, 2, 3, 4})
    reservations = (
        ReservationInput("ann", day(-30), Decimal(10)),
        ReservationInput("ann", day(2), Decimal(2)),
    )
    days = week([person(weekly="32", calendar=calendar)], reservations=reservations)["ann"]

    assert reserved(days) == hours("2.5", "2.5", 3, 3, 0, 0, 0)


def test_booking_exactly_the_capacity_is_not_over_allocated() -> None:
    reservation = ReservationInput("ann", day(0), Decimal(10))
    full = AllocationInput("a1", "ann", None, day(0), day(1), hours_per_day=Decimal(6))
    extra = AllocationInput("a2", "ann", None, day(1), day(1), hours_per_day=Decimal("0.25"))
    days = week([person()], (full, extra), reservations=(reservation,))["ann"]

    assert [d.available_hours for d in days[:2]] == hours(0, "-0.25")
    assert [d.overallocated for d in days[:2]] == [False, True]


def test_conflicts_list_each_over_allocated_day_with_what_booked_it() -> None:
    reservation = ReservationInput("ann", day(0), Decimal(10))
    allocation = AllocationInput("a1", "ann", None, day(0), day(6), hours_per_day=Decimal(5))
    task = TaskLoadInput("t1", day(1), day(1), Decimal(4), ("ann",), WEEKDAYS)
    days = week([person()], (allocation,), (task,), (reservation,))["ann"]

    assert conflicts(days) == conflicts(d for d in days if d.day == day(1))
    (conflict,) = conflicts(days)
    assert conflict.resource_id == "ann"
    assert conflict.date == day(1)
    assert conflict.capacity_hours == 8
    assert conflict.allocated_hours == 11
    assert conflict.excess_hours == 3
    assert conflict.allocation_ids == ("a1",)
    assert conflict.task_ids == ("t1",)


@pytest.mark.parametrize(
    ("week_start", "expected"),
    [
        (1, [(4, 8), (9, 15), (16, 17)]),
        (7, [(4, 7), (8, 14), (15, 17)]),
        (3, [(4, 10), (11, 17)]),
    ],
)
def test_weeks_start_on_the_workspace_weekday_and_are_clipped(
    week_start: int, expected: list[tuple[int, int]]
) -> None:
    # Wednesday 4 March to Tuesday 17 March.
    ranges = period_ranges("week", date(2026, 3, 4), date(2026, 3, 17), week_start)

    assert ranges == tuple(DateRange(date(2026, 3, a), date(2026, 3, b)) for a, b in expected)


def test_months_are_calendar_months_clipped_to_the_range() -> None:
    ranges = period_ranges("month", date(2025, 12, 20), date(2026, 2, 10))

    assert ranges == (
        DateRange(date(2025, 12, 20), date(2025, 12, 31)),
        DateRange(date(2026, 1, 1), date(2026, 1, 31)),
        DateRange(date(2026, 2, 1), date(2026, 2, 10)),
    )


def test_week_periods_sum_their_days() -> None:
    allocation = AllocationInput("a1", "ann", None, day(2), day(8), hours_per_day=Decimal(9))
    result = workload(
        [person()],
        [allocation],
        [],
        [ReservationInput("ann", day(0), Decimal(5))],
        start=day(2),
        end=day(13),
        granularity="week",
        week_start=1,
    )

    (ann,) = result.resources
    first, second = ann.periods
    assert (first.start, first.end) == (day(2), day(6))
    assert [first.capacity_hours, first.reserved_hours, first.allocated_hours] == hours(24, 3, 27)
    assert first.available_hours == -6
    assert first.utilization == Decimal(30) / 24
    assert first.overallocated
    assert [second.capacity_hours, second.allocated_hours] == hours(40, 18)
    assert second.utilization == Decimal(23) / 40
    assert second.overallocated  # Monday and Tuesday are, though the week as a whole has room
    assert [c.date for c in result.conflicts] == [day(2), day(3), day(4), day(7), day(8)]


def test_utilization_is_none_without_capacity() -> None:
    result = workload([person()], [], [], [], start=day(5), end=day(6), granularity="day")

    assert [p.utilization for p in result.resources[0].periods] == [None, None]


def test_month_periods_and_team_totals() -> None:
    team = [person("ann", team_id="ops"), person("bob", weekly="20", team_id="ops")]
    loner = person("cy", team_id=None)
    allocation = AllocationInput(
        "a1", "bob", None, date(2026, 3, 30), date(2026, 4, 1), hours_per_day=Decimal(4)
    )
    result = workload(
        [*team, loner],
        [allocation],
        [],
        [],
        start=date(2026, 3, 30),
        end=date(2026, 4, 3),
        granularity="month",
    )

    (ops,) = result.teams
    assert ops.team_id == "ops"
    march, april = ops.periods
    assert march.end == date(2026, 3, 31)
    assert [march.capacity_hours, march.allocated_hours] == hours(24, 8)
    assert april.start == date(2026, 4, 1)
    assert [april.capacity_hours, april.allocated_hours] == hours(36, 4)
    assert april.available_hours == 32
    assert april.utilization == Decimal(4) / 36
    assert not march.overallocated
    assert [r.resource_id for r in result.resources] == ["ann", "bob", "cy"]


def test_team_totals_are_over_allocated_when_a_member_is() -> None:
    team = [person("ann", team_id="ops"), person("bob", team_id="ops")]
    allocation = AllocationInput("a1", "bob", None, day(0), day(0), hours_per_day=Decimal(9))
    result = workload(team, [allocation], [], [], start=day(0), end=day(0), granularity="day")

    (period,) = result.teams[0].periods
    assert [period.capacity_hours, period.allocated_hours] == hours(16, 9)
    assert period.overallocated


def test_non_terminating_divisions_keep_28_digits_whatever_the_callers_context() -> None:
    three_days = person(weekly="40", calendar=WorkingCalendar({1, 2, 3}))
    with localcontext() as context:
        context.prec = 4
        (monday,) = daily_capacity(three_days, day(0), day(0)).hours

    assert monday == Decimal("13.33333333333333333333333333")


def test_inputs_are_checked() -> None:
    with pytest.raises(ValueError, match="either hours_per_day or percent"):
        AllocationInput("a", "ann", None, day(0), day(1), Decimal(1), Decimal(50))
    with pytest.raises(ValueError, match="weekly_capacity_hours"):
        ResourceInput("ann", "person", None, WEEKDAYS, capacity_hours_per_day=Decimal(8))
    with pytest.raises(ValueError, match="before it starts"):
        period_ranges("day", day(1), day(0))
    with pytest.raises(ValueError, match="ISO weekday"):
        period_ranges("week", day(0), day(1), 0)
