import uuid
import zoneinfo
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from app.auth.access import Role
from app.kit.schemas import Input, Name, Timestamps
from app.models import Workspace as WorkspaceRow


def _known_timezone(value: str) -> str:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"unknown time zone '{value}' (use an IANA name such as Europe/Paris)"
        ) from exc
    return value


TimeZone = Annotated[str, Field(max_length=64), AfterValidator(_known_timezone)]
WeekStart = Annotated[
    int, Field(ge=1, le=7, description="ISO weekday the week starts on (1 = Monday).")
]

TimerRounding = Annotated[
    Literal[1, 5, 6, 10, 15, 30],
    Field(description="A stopped timer's minutes round up to a multiple of this."),
]

MaxTokenLifetime = Annotated[
    int | None,
    Field(
        ge=1,
        le=3650,
        description="New API tokens must expire within this many days; null: no maximum.",
    ),
]


class WorkspaceCreate(Input):
    name: Name
    timezone: TimeZone = "UTC"
    week_start: WeekStart = 1
    timer_rounding_minutes: TimerRounding = 1
    max_token_lifetime_days: MaxTokenLifetime = None


class WorkspaceUpdate(Input):
    name: Name | None = None
    timezone: TimeZone | None = None
    week_start: WeekStart | None = None
    timer_rounding_minutes: TimerRounding | None = None
    max_token_lifetime_days: MaxTokenLifetime = None


class Workspace(Timestamps):
    id: uuid.UUID
    name: str
    timezone: str
    week_start: int
    timer_rounding_minutes: int
    max_token_lifetime_days: int | None = Field(
        description="New API tokens must expire within this many days; null: no maximum."
    )
    version: int
    role: Role = Field(description="Your role in this workspace.")

    @classmethod
    def of(cls, row: WorkspaceRow, role: str) -> "Workspace":
        fields = {name: getattr(row, name) for name in cls.model_fields if name != "role"}
        return cls(**fields, role=Role(role))
