"""Reads MS Project's MSPDI files into engine inputs, next to MS Project's own CPM results.

MS Project works in minutes of working time; the engine in whole working days. Every date is
turned into its position in working minutes on the project calendar, so "Friday 17:00" and
"Monday 08:00" (which MS Project writes interchangeably) land on the same index.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.network import LinkType, SchedLink, SchedTask

DATA = Path(__file__).resolve().parents[1] / "data" / "mpxj"
_NS = {"p": "http://schemas.microsoft.com/project"}
_LINK_TYPES: dict[str, LinkType] = {"0": "FF", "1": "FS", "2": "SF", "3": "SS"}
_SNET = "4"
_DURATION = re.compile(r"PT(\d+)H(\d+)M(\d+)S")


@dataclass(frozen=True)
class MsResult:
    """MS Project's CPM figures for one task, in working-day indices and days."""

    name: str
    manual: bool
    pinned: bool
    early_start: int
    early_finish: int
    late_start: int
    late_finish: int
    total_slack: int
    free_slack: int
    critical: bool


@dataclass(frozen=True)
class MsProject:
    calendar: WorkingCalendar
    project_start: int
    project_finish: int
    tasks: list[SchedTask]
    links: list[SchedLink]
    results: dict[int, MsResult]


class _ProjectCalendar:
    def __init__(self, element: ET.Element, minutes_per_day: int) -> None:
        self.minutes_per_day = minutes_per_day
        self.hours: dict[int, list[tuple[time, time]]] = {}
        for weekday in element.iterfind("p:WeekDays/p:WeekDay", _NS):
            day_type = int(_text(weekday, "DayType"))
            # DayType 0 would be a dated exception; none of the reference files has one.
            assert day_type != 0, "calendar exceptions are not expected in the reference data"
            if _text(weekday, "DayWorking") == "1":
                iso = 7 if day_type == 1 else day_type - 1  # MSPDI counts from Sunday = 1
                self.hours[iso] = [
                    (
                        time.fromisoformat(_text(t, "FromTime")),
                        time.fromisoformat(_text(t, "ToTime")),
                    )
                    for t in weekday.iterfind("p:WorkingTimes/p:WorkingTime", _NS)
                ]
        self.calendar = WorkingCalendar(self.hours)

    def minutes(self, moment: datetime) -> int:
        """Working minutes from index 0 to `moment`."""
        day = moment.date()
        worked = 0
        if self.calendar.is_working(day):
            for start, end in self.hours[day.isoweekday()]:
                if moment.time() > start:
                    worked += _minutes_of(min(moment.time(), end)) - _minutes_of(start)
        return self.calendar.index_of(day) * self.minutes_per_day + worked

    def day(self, moment: datetime) -> int:
        whole, rest = divmod(self.minutes(moment), self.minutes_per_day)
        assert rest == 0, f"{moment} is not on a day boundary"
        return whole

    def day_on_or_after(self, moment: datetime) -> int:
        return -(-self.minutes(moment) // self.minutes_per_day)


def load(file_name: str) -> MsProject:
    root = ET.parse(DATA / file_name).getroot()
    minutes_per_day = int(_text(root, "MinutesPerDay"))
    calendar_uid = _text(root, "CalendarUID")
    calendar = next(
        _ProjectCalendar(element, minutes_per_day)
        for element in root.iterfind("p:Calendars/p:Calendar", _NS)
        if _text(element, "UID") == calendar_uid
    )
    tasks: list[SchedTask] = []
    links: list[SchedLink] = []
    results: dict[int, MsResult] = {}
    for element in root.iterfind("p:Tasks/p:Task", _NS):
        if _text(element, "Summary") == "1":
            continue
        uid = int(_text(element, "UID"))
        start = calendar.minutes(_moment(element, "Start"))
        finish = calendar.minutes(_moment(element, "Finish"))
        # A task whose dates on the project calendar do not span its duration is driven by
        # resource calendars, which the engine does not model: pin it where MS Project put it.
        pinned = finish - start != _duration_minutes(_text(element, "Duration"))
        manual = _text(element, "Manual", "0") == "1"
        snet = None
        if _text(element, "ConstraintType") == _SNET:
            snet = calendar.day_on_or_after(_moment(element, "ConstraintDate"))
        else:
            assert _text(element, "ConstraintType") == "0", "only ASAP and SNET are expected"
        tasks.append(
            SchedTask(
                id=uid,
                duration=-(-(finish - start) // minutes_per_day),
                manual=manual or pinned,
                start=start // minutes_per_day if manual or pinned else None,
                snet=snet,
            )
        )
        for link in element.iterfind("p:PredecessorLink", _NS):
            lag_days, rest = divmod(int(_text(link, "LinkLag")) // 10, minutes_per_day)
            assert rest == 0, "lags in the reference data are whole days"
            links.append(
                SchedLink(
                    predecessor=int(_text(link, "PredecessorUID")),
                    successor=uid,
                    type=_LINK_TYPES[_text(link, "Type")],
                    lag=lag_days,
                )
            )
        slack_unit = minutes_per_day * 10  # MSPDI slack is in tenths of a minute
        results[uid] = MsResult(
            name=_text(element, "Name"),
            manual=manual,
            pinned=pinned,
            early_start=calendar.day(_moment(element, "EarlyStart")),
            early_finish=calendar.day(_moment(element, "EarlyFinish")),
            late_start=calendar.day(_moment(element, "LateStart")),
            late_finish=calendar.day(_moment(element, "LateFinish")),
            total_slack=_whole(int(_text(element, "TotalSlack")), slack_unit),
            free_slack=_whole(int(_text(element, "FreeSlack")), slack_unit),
            critical=_text(element, "Critical") == "1",
        )
    return MsProject(
        calendar=calendar.calendar,
        project_start=calendar.day_on_or_after(_moment(root, "StartDate")),
        project_finish=calendar.day(_moment(root, "FinishDate")),
        tasks=tasks,
        links=links,
        results=results,
    )


def _text(element: ET.Element, tag: str, default: str | None = None) -> str:
    text = element.findtext(f"p:{tag}", default, _NS)
    assert text is not None, f"<{tag}> missing"
    return text


def _moment(element: ET.Element, tag: str) -> datetime:
    return datetime.fromisoformat(_text(element, tag))


def _duration_minutes(text: str) -> int:
    match = _DURATION.fullmatch(text)
    assert match is not None, f"unexpected duration {text}"
    hours, minutes, seconds = map(int, match.groups())
    assert seconds == 0
    return hours * 60 + minutes


def _minutes_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _whole(value: int, unit: int) -> int:
    whole, rest = divmod(value, unit)
    assert rest == 0, f"{value} is not a whole number of days"
    return whole
