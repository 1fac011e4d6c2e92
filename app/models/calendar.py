import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned


class Calendar(TenantOwned, Versioned, Base):
    """Working weekdays and hours; exceptions mark holidays and extra working days."""

    __tablename__ = "calendar"
    __table_args__ = (
        CheckConstraint("hours_per_day > 0 AND hours_per_day <= 24", name="hours_in_day"),
        # At most one default calendar per workspace.
        Index(
            "uq_calendar_default",
            "workspace_id",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
    )

    name: Mapped[str] = mapped_column(String(200))
    # ISO weekdays, 1 = Monday.
    working_weekdays: Mapped[list[int]] = mapped_column(JSON)
    hours_per_day: Mapped[Decimal] = mapped_column(Numeric(4, 2), default=Decimal(8))
    is_default: Mapped[bool] = mapped_column(default=False)


class CalendarException(TenantOwned, Base):
    __tablename__ = "calendar_exception"
    __table_args__ = (
        ForeignKeyConstraint(
            ["workspace_id", "calendar_id"],
            ["calendar.workspace_id", "calendar.id"],
            ondelete="CASCADE",
        ),
        UniqueConstraint("workspace_id", "calendar_id", "date"),
    )

    calendar_id: Mapped[uuid.UUID]
    date: Mapped[date]
    working: Mapped[bool]
    name: Mapped[str] = mapped_column(String(200), default="")
