from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.scheduling.calendar import WorkingCalendar

# March 2026: Monday 2nd; Friday 13th is a holiday, Saturday 14th an extra working day.
HOLIDAY = date(2026, 3, 13)
EXTRA_DAY = date(2026, 3, 14)
WEEKDAYS = {1, 2, 3, 4, 5}


def march() -> WorkingCalendar:
    return WorkingCalendar(WEEKDAYS, {HOLIDAY: False, EXTRA_DAY: True})


def test_consecutive_working_days_have_consecutive_indices() -> None:
    calendar = march()
    monday = calendar.index_of(date(2026, 3, 2))

    assert [calendar.index_of(date(2026, 3, day)) - monday for day in (2, 3, 4, 5, 6, 9)] == [
        0,
        1,
        2,
        3,
        4,
        5,
    ]


def test_weekend_maps_to_next_working_day() -> None:
    calendar = march()

    assert calendar.index_of(date(2026, 3, 7)) == calendar.index_of(date(2026, 3, 9))
    assert calendar.index_of(date(2026, 3, 8)) == calendar.index_of(date(2026, 3, 9))


def test_holiday_maps_to_next_working_day_and_extra_day_is_worked() -> None:
    calendar = march()
    thursday = calendar.index_of(date(2026, 3, 12))

    assert not calendar.is_working(HOLIDAY)
    assert calendar.is_working(EXTRA_DAY)
    # Thu 12 -> (Fri 13 holiday) -> Sat 14 extra -> (Sun 15) -> Mon 16
    assert calendar.index_of(HOLIDAY) == thursday + 1
    assert calendar.date_of(thursday + 1) == EXTRA_DAY
    assert calendar.date_of(thursday + 2) == date(2026, 3, 16)


def test_index_on_or_before_maps_non_working_day_to_previous_working_day() -> None:
    calendar = march()

    assert calendar.date_of(calendar.index_on_or_before(date(2026, 3, 8))) == date(2026, 3, 6)
    assert calendar.date_of(calendar.index_on_or_before(date(2026, 3, 6))) == date(2026, 3, 6)
    assert calendar.date_of(calendar.index_on_or_before(HOLIDAY)) == date(2026, 3, 12)


def test_add_working_days_skips_weekend_and_holiday() -> None:
    calendar = march()

    # Thu 5 + 1 = Fri 6; + 2 = Mon 9; Thu 12 + 1 = Sat 14 (extra); + 2 = Mon 16
    assert calendar.add_working_days(date(2026, 3, 5), 1) == date(2026, 3, 6)
    assert calendar.add_working_days(date(2026, 3, 5), 2) == date(2026, 3, 9)
    assert calendar.add_working_days(date(2026, 3, 12), 1) == EXTRA_DAY
    assert calendar.add_working_days(date(2026, 3, 12), 2) == date(2026, 3, 16)


def test_add_working_days_counts_back_when_negative() -> None:
    calendar = march()

    assert calendar.add_working_days(date(2026, 3, 9), -1) == date(2026, 3, 6)
    # Mon 16 - 1 = Sat 14 (extra day); - 2 = Thu 12 (Fri 13 is a holiday)
    assert calendar.add_working_days(date(2026, 3, 16), -2) == date(2026, 3, 12)


def test_add_zero_working_days_to_weekend_gives_next_working_day() -> None:
    assert march().add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)


def test_working_days_between_counts_half_open_range() -> None:
    calendar = march()

    # [Mon 9, Mon 16): Mon..Thu (4) + Sat 14 (extra) = 5; Fri 13 is a holiday
    assert calendar.working_days_between(date(2026, 3, 9), date(2026, 3, 16)) == 5
    assert calendar.working_days_between(date(2026, 3, 16), date(2026, 3, 9)) == -5
    assert calendar.working_days_between(date(2026, 3, 7), date(2026, 3, 8)) == 0


def test_dates_far_apart_in_both_directions_round_trip() -> None:
    calendar = march()
    near = calendar.index_of(date(2026, 3, 2))

    for day in (date(1901, 1, 1), date(2026, 3, 2), date(2199, 12, 30), date(1950, 6, 5)):
        assert calendar.date_of(calendar.index_of(day)) == day
    assert calendar.index_of(date(2026, 3, 2)) == near


def test_working_day_beyond_representable_dates_is_rejected() -> None:
    calendar = march()

    with pytest.raises(ValueError, match="outside the dates"):
        calendar.date_of(10**9)
    with pytest.raises(ValueError, match="outside the dates"):
        calendar.date_of(-(10**9))


def test_calendar_edges_round_trip() -> None:
    calendar = march()

    assert calendar.date_of(calendar.index_on_or_before(date.max)) == date(9999, 12, 31)
    assert calendar.date_of(calendar.index_of(date.min)) == date(1, 1, 1)


def test_calendar_without_working_weekdays_is_rejected() -> None:
    with pytest.raises(ValueError, match="at least one working weekday"):
        WorkingCalendar(set(), {date(2026, 3, 7): True})


def test_weekday_outside_iso_range_is_rejected() -> None:
    with pytest.raises(ValueError, match="ISO weekdays"):
        WorkingCalendar({0, 1})


def test_exceptions_are_read_only() -> None:
    calendar = march()

    with pytest.raises(TypeError):
        calendar.exceptions[date(2026, 3, 20)] = False  # type: ignore[index]


# A naive reference: walk day by day.
_ORIGIN = date(2024, 1, 1)
_days = st.integers(-800, 1600).map(lambda offset: _ORIGIN + timedelta(days=offset))


def _naive_working(calendar: WorkingCalendar, day: date) -> bool:
    return calendar.exceptions.get(day, day.isoweekday() in calendar.working_weekdays)


def _naive_next_working(calendar: WorkingCalendar, day: date) -> date:
    while not _naive_working(calendar, day):
        day += timedelta(days=1)
    return day


def _naive_add(calendar: WorkingCalendar, day: date, count: int) -> date:
    day = _naive_next_working(calendar, day)
    step = timedelta(days=1 if count > 0 else -1)
    for _ in range(abs(count)):
        day += step
        while not _naive_working(calendar, day):
            day += step
    return day


def _naive_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    lo, hi = sorted((start, end))
    count = sum(_naive_working(calendar, lo + timedelta(days=k)) for k in range((hi - lo).days))
    return count if end >= start else -count


# The suite runs twice in CI; 100 calendars per property is plenty against a reference this simple.
EXAMPLES = settings(max_examples=100, deadline=None)
calendars = st.builds(
    WorkingCalendar,
    st.sets(st.integers(1, 7), min_size=1),
    st.dictionaries(_days, st.booleans(), max_size=40),
)


@EXAMPLES
@given(calendars, st.lists(_days, min_size=1, max_size=6))
def test_index_of_and_date_of_round_trip(calendar: WorkingCalendar, days: list[date]) -> None:
    # Several dates in random order also make the window grow in both directions.
    for day in days:
        index = calendar.index_of(day)
        assert calendar.date_of(index) == _naive_next_working(calendar, day)
        assert calendar.index_of(calendar.date_of(index)) == index
        assert calendar.is_working(day) == _naive_working(calendar, day)


@EXAMPLES
@given(calendars, _days, st.integers(-60, 60))
def test_add_working_days_matches_day_by_day_walk(
    calendar: WorkingCalendar, day: date, count: int
) -> None:
    assert calendar.add_working_days(day, count) == _naive_add(calendar, day, count)


@EXAMPLES
@given(calendars, _days, _days)
def test_working_days_between_matches_day_by_day_count(
    calendar: WorkingCalendar, start: date, end: date
) -> None:
    assert calendar.working_days_between(start, end) == _naive_between(calendar, start, end)


@EXAMPLES
@given(calendars, st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 20)))
def test_dates_outside_the_window_agree_with_their_neighbours(
    calendar: WorkingCalendar, day: date
) -> None:
    # The window forms around 2024 first; dates centuries away are answered in closed form.
    calendar.index_of(_ORIGIN)
    index = calendar.index_of(day)

    assert calendar.index_of(day + timedelta(days=1)) - index == _naive_working(calendar, day)
    assert calendar.date_of(index) == _naive_next_working(calendar, day)
    assert calendar.index_of(calendar.date_of(index)) == index
