"""The days an iCalendar file's events cover: what an import of holidays reads from a `.ics`.

Each VEVENT covers its days from DTSTART to DTEND (exclusive for all-day events) or for its
DURATION, once or at each occurrence of its RRULE (less its EXDATEs). A file is bounded in
events, in the occurrences its rules may produce and in the days it may name, so an unbounded
rule (`FREQ=DAILY` without an end) costs no more than those bounds.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import cast

from dateutil.rrule import rrulestr
from icalendar import Calendar, Event

from app.kit.errors import Unprocessable

MAX_EVENTS = 1000
# Occurrences a rule may produce from its DTSTART, before and within the window together.
MAX_OCCURRENCES = 20_000
MAX_DAYS = 1000
# One event may cover at most a year (a closure, not a range of years).
MAX_EVENT_DAYS = 366
_FREQUENCIES = {"YEARLY", "MONTHLY", "WEEKLY", "DAILY"}


@dataclass
class Days:
    """The named days of a file within a window, first name first, and what fell outside."""

    named: dict[date, str] = field(default_factory=dict)
    repeated: int = 0
    outside: int = 0


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


def _starts(event: Event, start: date, last: date) -> Iterator[date]:
    """The first day of each occurrence that begins on or before `last`."""
    rules = event.rrules
    if not rules:
        yield start
        return
    rule = rules[0]
    if str(rule.get("FREQ", [""])[0]).upper() not in _FREQUENCIES:
        raise _problem("only yearly, monthly, weekly and daily repeats are read")
    try:
        occurrences = rrulestr(rule.to_ical().decode(), dtstart=datetime.combine(start, time()))
    except (ValueError, TypeError) as error:
        raise _problem(f"a repeat rule cannot be read: {error}") from error
    excluded = {_day(moment) for moment in event.exdates}
    for count, moment in enumerate(cast(Iterable[datetime], occurrences), start=1):
        if count > MAX_OCCURRENCES:
            raise _problem("the repeats produce too many occurrences", code="ics_too_large")
        day = moment.date()
        if day > last:
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
    result = Days()
    for event in _events(text):
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
        for begin in _starts(event, _day(start), last):
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
