from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_date(moment: datetime, timezone: str) -> date:
    """The calendar date of `moment` in `timezone` (an IANA name, e.g. a workspace's)."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def today_in(timezone: str) -> date:
    """Today's date in `timezone`: a workspace's day begins at its own midnight."""
    return local_date(utcnow(), timezone)
