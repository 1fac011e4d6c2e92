"""The days an .ics file's events cover (app/calendars/ics.py), without a database."""

import time
from datetime import date

import pytest

from app.calendars.ics import days_of
from app.kit.errors import Unprocessable

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def _ics(*lines: str) -> str:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VEVENT", "UID:1@t"]
    return "\r\n".join([*body, *lines, "END:VEVENT", "END:VCALENDAR"]) + "\r\n"


def test_an_all_day_event_ends_the_day_before_its_dtend() -> None:
    days = days_of(
        _ics("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227", "SUMMARY:Xmas"), *YEAR
    )

    assert days.named == {date(2026, 12, d): "Xmas" for d in (24, 25, 26)}


def test_a_timed_event_covers_each_day_it_touches() -> None:
    days = days_of(
        _ics("DTSTART:20260310T220000", "DTEND:20260311T020000", "SUMMARY:Night works"), *YEAR
    )

    assert sorted(days.named) == [date(2026, 3, 10), date(2026, 3, 11)]


def test_a_duration_gives_the_length() -> None:
    days = days_of(_ics("DTSTART;VALUE=DATE:20260803", "DURATION:P5D", "SUMMARY:Shutdown"), *YEAR)

    assert sorted(days.named) == [date(2026, 8, d) for d in (3, 4, 5, 6, 7)]


def test_an_event_without_an_end_is_one_day() -> None:
    days = days_of(_ics("DTSTART;VALUE=DATE:20260501", "SUMMARY:Labour day"), *YEAR)

    assert days.named == {date(2026, 5, 1): "Labour day"}


def test_a_yearly_rule_with_a_count_stops_there() -> None:
    days = days_of(
        _ics("DTSTART;VALUE=DATE:20250501", "RRULE:FREQ=YEARLY;COUNT=2", "SUMMARY:Labour day"),
        date(2025, 1, 1),
        date(2030, 12, 31),
    )

    assert sorted(days.named) == [date(2025, 5, 1), date(2026, 5, 1)]


def test_a_floating_holiday_rule_finds_its_weekday() -> None:
    # Memorial Day: the last Monday of May.
    days = days_of(
        _ics("DTSTART;VALUE=DATE:20200525", "RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO"), *YEAR
    )

    assert sorted(days.named) == [date(2026, 5, 25)]


@pytest.mark.parametrize("frequency", ["DAILY", "WEEKLY", "MONTHLY", "SECONDLY"])
def test_only_yearly_rules_are_read(frequency: str) -> None:
    with pytest.raises(Unprocessable) as refused:
        days_of(_ics("DTSTART:20260105T000000", f"RRULE:FREQ={frequency}"), *YEAR)

    assert refused.value.code == "invalid_ics"


def test_rules_that_never_match_are_cut_off_by_the_time_bound() -> None:
    never = "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"
    events = [f"UID:{n}@t\r\nDTSTART;VALUE=DATE:20260101\r\n{never}" for n in range(40)]
    text = _ics(events[0]).replace(
        "END:VEVENT",
        "END:VEVENT\r\n" + "\r\n".join(f"BEGIN:VEVENT\r\n{e}\r\nEND:VEVENT" for e in events),
        1,
    )
    started = time.monotonic()

    with pytest.raises(Unprocessable) as refused:
        days_of(text, *YEAR)

    assert refused.value.code == "ics_too_large"
    # The bound (1 s) plus at most one rule's search to the year 9999.
    assert time.monotonic() - started < 3


def test_an_event_without_a_start_is_refused() -> None:
    with pytest.raises(Unprocessable):
        days_of(_ics("SUMMARY:No date"), *YEAR)


def test_an_event_of_more_than_a_year_is_refused() -> None:
    with pytest.raises(Unprocessable):
        days_of(_ics("DTSTART;VALUE=DATE:20260101", "DTEND;VALUE=DATE:20280101"), *YEAR)


def test_a_rule_until_a_utc_time_ends_on_that_date() -> None:
    # Calendar apps write UNTIL in UTC even beside an all-day DTSTART.
    days = days_of(
        _ics("DTSTART;VALUE=DATE:20200501", "RRULE:FREQ=YEARLY;UNTIL=20270502T000000Z"),
        date(2026, 1, 1),
        date(2030, 12, 31),
    )

    assert sorted(days.named) == [date(2026, 5, 1), date(2027, 5, 1)]
