"""The days an iCalendar file's events cover: what an import of holidays reads from a `.ics`.

Each VEVENT covers its days from DTSTART to DTEND (exclusive for all-day events) or for its
DURATION, once or at each occurrence of its yearly RRULE (less its EXDATEs). A file is bounded
in events, in the occurrences its rules may produce, in the days it may name and in the time it
takes to read. Only yearly rules are read: dateutil looks for a rule's next occurrence period by
period up to the year 9999, so a rule that never matches (`BYMONTH=2;BYMONTHDAY=30`) costs
8,000 periods, a fifth of a second for a yearly one but seconds for a daily one; the time bound
is checked between events and occurrences, so one yearly rule is the most it can overrun.
"""

import time as clock
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import cast

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from app.kit.errors import Unprocessable

MAX_EVENTS = 1000
# Occurrences the file's rules may produce from their DTSTARTs, before and within the window
# together: what bounds the work of a file of many rules that start long ago.
MAX_OCCURRENCES = 10_000
MAX_DAYS = 1000
# One event may cover at most a year (a closure, not a range of years).
MAX_EVENT_DAYS = 366
READ_SECONDS = 1.0


@dataclass
class Days:
    """The named days of a file within a window, first name first, and what fell outside."""

    named: dict[date, str] = field(default_factory=dict)
    repeated: int = 0
    outside: int = 0
    occurrences: int = 0
    deadline: float = field(default_factory=lambda: clock.monotonic() + READ_SECONDS)

    def check_time(self) -> None:
        if clock.monotonic() > self.deadline:
            raise _problem("the file takes too long to read", code="ics_too_large")


def _problem(detail: str, code: str = "invalid_ics") -> Unprocessable:
    return Unprocessable.at("/ics", detail, code=code)


def _day(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _length(event: Event, start: date) -> int:
    """How many days one occurrence covers: an all-day DTEND is exclusive; a timed event
    covers each day it touches."""
    end, duration = event.DTEND, event.DURATION
    if end is not None:
        days = (_day(end) - _day(start)).days
        if isinstance(end, datetime) and end.time() != time():
            days += 1
    elif duration is not None:
        days = duration.days
    else:
        days = 1
    if days > MAX_EVENT_DAYS:
        raise _problem(f"an event covers more than {MAX_EVENT_DAYS} days")
    return max(days, 1)


def _starts(event: Event, start: date, last: date, days: Days) -> Iterator[date]:
    """The first day of each occurrence that begins on or before `last`."""
    rules = event.rrules
    if not rules:
        yield start
        return
    rule = rules[0]
    if str(rule.get("FREQ", [""])[0]).upper() != "YEARLY":
        raise _problem("only yearly repeats are read")
    # The rule is read in days: its UNTIL (a date, or a time in UTC or not) is compared as a
    # date here rather than given to dateutil, which refuses a UTC one beside a DATE start.
    until = rule.get("UNTIL")
    end = min(last, _day(until[0])) if until else last
    parts = [part for part in rule.to_ical().decode().split(";") if not part.startswith("UNTIL=")]
    try:
        occurrences = rrulestr(";".join(parts), dtstart=datetime.combine(start, time()))
    except (ValueError, TypeError) as error:
        raise _problem(f"a repeat rule cannot be read: {error}") from error
    excluded = {_day(moment) for moment in event.exdates}
    for moment in cast(Iterable[datetime], occurrences):
        days.occurrences += 1
        if days.occurrences > MAX_OCCURRENCES:
            raise _problem("the repeats produce too many occurrences", code="ics_too_large")
        days.check_time()
        day = moment.date()
        if day > end:
            return
        if day not in excluded:
            yield day


def _events(text: str) -> list[Event]:
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError) as error:
        raise _problem(f"not an iCalendar file: {error}") from error
    events = [cast(Event, event) for calendar in calendars for event in calendar.walk("VEVENT")]
    if not events:
        raise _problem("the file has no events")
    if len(events) > MAX_EVENTS:
        raise _problem(f"more than {MAX_EVENTS} events", code="ics_too_large")
    return events


def days_of(text: str, first: date, last: date) -> Days:
    """The days from `first` to `last` the file's events cover, each with its event's SUMMARY."""
    events = _events(text)
    # Parsing is bounded by the file's size; the time bound is for what its rules make of it.
    result = Days()
    for event in events:
        result.check_time()
        try:
            start = event.DTSTART
            if start is None:
                raise _problem("an event has no DTSTART")
            length = _length(event, start)
        except (AttributeError, TypeError, ValueError) as error:
            raise _problem(f"an event's dates cannot be read: {error}") from error
        name = (event.summary or "").strip()[:200]
        # A repeat's occurrences before the window are its history, not days left out.
        repeats = bool(event.rrules)
        for begin in _starts(event, _day(start), last, result):
            for offset in range(length):
                day = begin + timedelta(days=offset)
                if not first <= day <= last:
                    result.outside += 0 if repeats and day < first else 1
                elif day in result.named:
                    result.repeated += 1
                else:
                    result.named[day] = name
                    if len(result.named) > MAX_DAYS:
                        raise _problem(
                            f"the events cover more than {MAX_DAYS} days", code="ics_too_large"
                        )
    return result
