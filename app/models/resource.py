import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned
from app.models.keys import member_fk, project_fk


def _resource_fk() -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["workspace_id", "resource_id"],
        ["resource.workspace_id", "resource.id"],
        ondelete="CASCADE",
    )


class Resource(TenantOwned, Versioned, Base):
    """Someone or something with capacity: a member (`person`, kept with the member) or a
    non-human resource (`equipment`, `room`, `pool`) with its own hours per working day.

    A person's name, weekly capacity and cost rate are the member's; only its calendar and
    team are its own.
    """

    __tablename__ = "resource"
    # NO ACTION (checked at the end of the statement) on team and calendar, so deleting the
    # workspace removes both in one cascade; deleting one in use on its own is refused.
    __table_args__ = (
        member_fk("member_id", ondelete="CASCADE"),
        ForeignKeyConstraint(
            ["workspace_id", "team_id"], ["team.workspace_id", "team.id"], ondelete="NO ACTION"
        ),
        ForeignKeyConstraint(
            ["workspace_id", "calendar_id"],
            ["calendar.workspace_id", "calendar.id"],
            ondelete="NO ACTION",
        ),
        UniqueConstraint("workspace_id", "member_id"),
        CheckConstraint("kind IN ('person', 'equipment', 'room', 'pool')", name="kind_known"),
        CheckConstraint(
            "(kind = 'person' AND member_id IS NOT NULL AND capacity_hours_per_day IS NULL)"
            " OR (kind <> 'person' AND member_id IS NULL AND name IS NOT NULL"
            " AND capacity_hours_per_day IS NOT NULL)",
            name="kind_shape",
        ),
        CheckConstraint(
            "capacity_hours_per_day >= 0 AND capacity_hours_per_day <= 24", name="hours_in_day"
        ),
        Index("ix_resource_workspace_id_team_id", "workspace_id", "team_id"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    # Non-human resources only: a person shows the user's display name.
    name: Mapped[str | None] = mapped_column(String(200))
    member_id: Mapped[uuid.UUID | None]
    team_id: Mapped[uuid.UUID | None]
    # Null: the workspace default calendar.
    calendar_id: Mapped[uuid.UUID | None]
    capacity_hours_per_day: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    # Non-human resources only: a person's cost rate is the member's.
    cost_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))


class TimeOff(TenantOwned, Versioned, Base):
    """An absence of a resource over `[start_date, end_date]`: whole days, or some hours a day."""

    __tablename__ = "time_off"
    __table_args__ = (
        _resource_fk(),
        CheckConstraint("end_date >= start_date", name="ordered"),
        CheckConstraint("hours_per_day > 0 AND hours_per_day <= 24", name="hours_in_day"),
        Index("ix_time_off_resource", "workspace_id", "resource_id", "start_date"),
    )

    resource_id: Mapped[uuid.UUID]
    start_date: Mapped[date]
    end_date: Mapped[date]
    # Null: full days.
    hours_per_day: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    reason: Mapped[str] = mapped_column(String(500), default="")


class Allocation(TenantOwned, Versioned, Base):
    """A resource booked on a project (optionally one task) over `[start_date, end_date]`, in
    hours per working day or a percent of each day's capacity."""

    __tablename__ = "allocation"
    __table_args__ = (
        _resource_fk(),
        project_fk(),
        ForeignKeyConstraint(
            ["workspace_id", "task_id"], ["task.workspace_id", "task.id"], ondelete="CASCADE"
        ),
        CheckConstraint("end_date >= start_date", name="ordered"),
        CheckConstraint("(hours_per_day IS NULL) <> (percent IS NULL)", name="hours_or_percent"),
        CheckConstraint("hours_per_day >= 0 AND hours_per_day <= 24", name="hours_in_day"),
        CheckConstraint("percent >= 0 AND percent <= 100", name="percent_range"),
        Index("ix_allocation_resource", "workspace_id", "resource_id", "start_date"),
        Index("ix_allocation_window", "workspace_id", "start_date", "end_date"),
        Index("ix_allocation_project", "workspace_id", "project_id"),
        Index("ix_allocation_task", "workspace_id", "task_id"),
    )

    resource_id: Mapped[uuid.UUID]
    project_id: Mapped[uuid.UUID]
    task_id: Mapped[uuid.UUID | None]
    start_date: Mapped[date]
    end_date: Mapped[date]
    hours_per_day: Mapped[Decimal | None] = mapped_column(Numeric(4, 2))
    percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    note: Mapped[str] = mapped_column(Text, default="")
