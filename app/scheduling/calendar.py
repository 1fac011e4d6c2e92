"""Working-day arithmetic for one calendar.

The scheduling engine works in working-day *indices*: consecutive working days are consecutive
integers. Index 0 is the first working day on or after `ANCHOR`; earlier working days have
negative indices. Every date maps to the index of the first working day on or after it, which is
what a start, a project start or an `snet` date on a non-working day means (docs/design.md §7).
"""

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType

ANCHOR = date(2000, 1, 3)
_ANCHOR_ORDINAL = ANCHOR.toordinal()
_FIRST_ORDINAL = date.min.toordinal()
_LAST_ORDINAL = date.max.toordinal()
# The first window spans about three years around the first date asked for, which covers a
# typical project in one build; later growth at least doubles the span, so it stays amortised.
_INITIAL_SPAN = 3 * 366
# Beyond two centuries the window stops growing and far dates are computed in closed form
# (O(log exceptions)), so one absurd date cannot make it build millions of days.
_MAX_SPAN = 200 * 366


def _iso_weekday(ordinal: int) -> int:
    # date.fromordinal(1) (0001-01-01) is a Monday.
    return (ordinal - 1) % 7 + 1


class _Window:
    """Precomputed indices for the days `[lo, lo + len(index))`.

    Replaced as a whole when it grows, so a reader never sees a half-built window.
    """

    __slots__ = ("days", "first_index", "index", "lo")

    def __init__(self, lo: int, index: list[int], days: list[int]) -> None:
        self.lo = lo
        self.index = index  # index[k]: index of the first working day on/after ordinal lo + k
        self.days = days  # ordinals of the working days in the window, in order
        self.first_index = index[0]  # index of days[0]


class WorkingCalendar:
    """Working weekdays plus dated exceptions, with O(1) conversions between dates and indices.

    `working_weekdays` are ISO weekdays (1 = Monday ... 7 = Sunday). `exceptions` map a date to
    whether it is worked: holidays map to False, extra working days to True. At least one working
    weekday is required: exceptions alone are finite, and a schedule needs working days without end.

    The configuration is read-only; lookups go through a precomputed window of days that grows on
    demand in either direction, up to two centuries wide.
    """

    __slots__ = (
        "_exception_adjustment",
        "_exception_ordinals",
        "_exceptions",
        "_window",
        "_working_by_ordinal",
        "_working_weekdays",
    )

    def __init__(
        self, working_weekdays: Iterable[int], exceptions: Mapping[date, bool] | None = None
    ) -> None:
        weekdays = frozenset(working_weekdays)
        if not weekdays:
            raise ValueError("a working calendar needs at least one working weekday")
        if not weekdays <= frozenset(range(1, 8)):
            raise ValueError(f"ISO weekdays are 1..7, got {sorted(weekdays)}")
        self._working_weekdays = weekdays
        self._exceptions: Mapping[date, bool] = MappingProxyType(dict(exceptions or {}))
        self._working_by_ordinal = {
            day.toordinal(): working for day, working in self._exceptions.items()
        }
        # Exceptions that actually differ from their weekday, sorted, with a running total of how
        # much each shifts the working-day count: this makes the index of any date computable
        # without walking day by day, which is what lets the window start anywhere.
        flips = sorted(
            (ordinal, 1 if working else -1)
            for ordinal, working in self._working_by_ordinal.items()
            if working != (_iso_weekday(ordinal) in weekdays)
        )
        self._exception_ordinals = [ordinal for ordinal, _ in flips]
        self._exception_adjustment = [0]
        for _, delta in flips:
            self._exception_adjustment.append(self._exception_adjustment[-1] + delta)
        self._window: _Window | None = None

    @property
    def working_weekdays(self) -> frozenset[int]:
        return self._working_weekdays

    @property
    def exceptions(self) -> Mapping[date, bool]:
        return self._exceptions

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(working_weekdays={sorted(self._working_weekdays)}, "
            f"exceptions={dict(self._exceptions)!r})"
        )

    def is_working(self, day: date) -> bool:
        return self._is_working_ordinal(day.toordinal())

    def index_of(self, day: date) -> int:
        """Index of the first working day on or after `day` (a start, project start or snet)."""
        return self._index_at(day.toordinal())

    def index_on_or_before(self, day: date) -> int:
        """Index of the last working day on or before `day`.

        The index to give an `fnlt` date: finishing no later than a Saturday means finishing by
        Friday, so the finish bound (this index + 1) must not reach the following Monday.
        """
        return self._index_at(day.toordinal() + 1) - 1

    def date_of(self, index: int) -> date:
        """The working day with this index; ValueError beyond the dates Python represents."""
        window = self._window
        if window is not None and 0 <= index - window.first_index < len(window.days):
            return date.fromordinal(window.days[index - window.first_index])
        ordinal = self._closed_form_ordinal(index)
        self._cover(ordinal)
        return date.fromordinal(ordinal)

    def add_working_days(self, day: date, count: int) -> date:
        """The working day `count` working days after `day` (before it when negative).

        A non-working `day` counts from the next working day, so `count == 0` gives the first
        working day on or after `day`.
        """
        return self.date_of(self.index_of(day) + count)

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days in `[start, end)`; negative when `end` is before `start`."""
        return self.index_of(end) - self.index_of(start)

    def _is_working_ordinal(self, ordinal: int) -> bool:
        return self._working_by_ordinal.get(
            ordinal, _iso_weekday(ordinal) in self._working_weekdays
        )

    def _index_at(self, ordinal: int) -> int:
        window = self._window
        if window is None or not 0 <= ordinal - window.lo < len(window.index):
            window = self._cover(ordinal)
            if window is None:
                return self._closed_form_index(ordinal)
        return window.index[ordinal - window.lo]

    def _cover(self, ordinal: int) -> _Window | None:
        """Grow the window to include `ordinal` (at least doubling it); None if too far."""
        window = self._window
        if window is None:
            lo, hi = ordinal - _INITIAL_SPAN // 3, ordinal + 2 * _INITIAL_SPAN // 3
        else:
            lo, hi = window.lo, window.lo + len(window.index)
            if lo <= ordinal < hi:
                return window
            span = hi - lo
            lo, hi = (
                (min(ordinal, lo - span), hi) if ordinal < lo else (lo, max(ordinal + 1, hi + span))
            )
            if hi - lo > _MAX_SPAN:
                lo, hi = min(lo, ordinal), max(hi, ordinal + 1)
                if hi - lo > _MAX_SPAN:
                    return None
        index = self._closed_form_index(lo)
        indices: list[int] = []
        days: list[int] = []
        is_working = self._is_working_ordinal
        for day in range(lo, hi):
            indices.append(index)
            if is_working(day):
                days.append(day)
                index += 1
        window = _Window(lo, indices, days)
        self._window = window
        return window

    def _closed_form_ordinal(self, index: int) -> int:
        """The working day with this index by binary search over `_closed_form_index`.

        That index counts working days before a day, so it never decreases; the working day
        with index i is the last day whose count is still <= i.
        """
        if (
            not self._closed_form_index(_FIRST_ORDINAL)
            <= index
            < self._closed_form_index(_LAST_ORDINAL + 1)
        ):
            raise ValueError(f"working day {index} is outside the dates {date.min}..{date.max}")
        lo, hi = _FIRST_ORDINAL, _LAST_ORDINAL
        while lo < hi:
            middle = (lo + hi + 1) // 2
            if self._closed_form_index(middle) <= index:
                lo = middle
            else:
                hi = middle - 1
        return lo

    def _closed_form_index(self, ordinal: int) -> int:
        """Signed count of working days between the anchor and `ordinal`, without a window."""
        lo, hi = sorted((_ANCHOR_ORDINAL, ordinal))
        weeks, rest = divmod(hi - lo, 7)
        count = weeks * len(self._working_weekdays)
        count += sum(_iso_weekday(day) in self._working_weekdays for day in range(lo, lo + rest))
        adjustment = self._exception_adjustment
        count += (
            adjustment[bisect_left(self._exception_ordinals, hi)]
            - adjustment[bisect_left(self._exception_ordinals, lo)]
        )
        return count if ordinal >= _ANCHOR_ORDINAL else -count
