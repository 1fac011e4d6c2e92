"""Time tracking (docs/design.md §5): entries and the running timer, work types, weekly
timesheets and effective-dated cost and bill rates."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned
from app.models.keys import member_fk, project_fk, task_fk


class WorkType(TenantOwned, Versioned, Base):
    """A kind of work time is logged as (development, meeting, support...), by key."""

    __tablename__ = "work_type"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))


class TimeEntry(TenantOwned, Versioned, Base):
    """Logged time; a running timer is an entry with `running` set, a start and no minutes yet.

    `cost_rate` and `bill_rate` are the hourly rates in force on `date` when the entry was written
    (re-resolved when a rate governing it is added or removed), so reports are a bare aggregate.
    """

    __tablename__ = "time_entry"
    __table_args__ = (
        # Logged time outlives nothing silently: removing its member, project, task or work type
        # is refused (NO ACTION is checked at the end of the statement, so deleting the whole
        # workspace still cascades).
        member_fk("member_id", ondelete="NO ACTION"),
        project_fk(ondelete="NO ACTION"),
        task_fk(ondelete="NO ACTION"),
        ForeignKeyConstraint(
            ["workspace_id", "work_type"],
            ["work_type.workspace_id", "work_type.key"],
            ondelete="NO ACTION",
        ),
        CheckConstraint(
            "(running AND minutes IS NULL AND started_at IS NOT NULL AND ended_at IS NULL)"
            " OR (NOT running AND minutes > 0 AND minutes <= 1440)",
            name="running_or_logged",
        ),
        # At most one running timer per member: two concurrent starts cannot both win.
        Index(
            "ix_time_entry_one_running_timer",
            "workspace_id",
            "member_id",
            unique=True,
            postgresql_where=text("running"),
            sqlite_where=text("running"),
        ),
        Index("ix_time_entry_date", "workspace_id", "date"),
        Index("ix_time_entry_member_date", "workspace_id", "member_id", "date"),
        Index("ix_time_entry_project_task", "workspace_id", "project_id", "task_id"),
    )

    member_id: Mapped[uuid.UUID]
    project_id: Mapped[uuid.UUID]
    task_id: Mapped[uuid.UUID | None]
    date: Mapped[date]
    minutes: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    running: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    billable: Mapped[bool] = mapped_column(default=False)
    work_type: Mapped[str | None] = mapped_column(String(40))
    cost_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    bill_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # Who wrote the entry: its creator, or the last one other than its member who changed it
    # (someone who logged time for a member may not approve that week). Like `decided_by`, it
    # outlives the writer: no foreign key. Null: written before this was recorded.
    logged_by: Mapped[uuid.UUID | None]


class Timesheet(TenantOwned, Versioned, Base):
    """One member's week: submitted for approval, approved (locked) or rejected."""

    __tablename__ = "timesheet"
    __table_args__ = (
        member_fk("member_id", ondelete="CASCADE"),
        UniqueConstraint("workspace_id", "member_id", "week_start"),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected')", name="status_known"
        ),
        Index("ix_timesheet_status", "workspace_id", "status", "week_start"),
    )

    member_id: Mapped[uuid.UUID]
    week_start: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="draft")
    submitted_at: Mapped[datetime | None]
    # Who submitted the week (the member, or an admin for them); no foreign key, as below.
    submitted_by: Mapped[uuid.UUID | None]
    # Like events, the record of who decided outlives the member: no foreign key.
    decided_by: Mapped[uuid.UUID | None]
    decided_at: Mapped[datetime | None]
    comment: Mapped[str | None] = mapped_column(Text)


# A cost rate is a member's or a non-human resource's; a bill rate is a project's.
CHECK_KIND_SHAPE = CheckConstraint(
    "(kind = 'cost' AND project_id IS NULL AND (member_id IS NULL) <> (resource_id IS NULL))"
    " OR (kind = 'bill' AND project_id IS NOT NULL AND member_id IS NULL"
    " AND resource_id IS NULL)",
    name="kind_shape",
)


class Rate(TenantOwned, Versioned, Base):
    """An hourly rate from `effective_from` until the next one: a member's or a non-human
    resource's cost, or a project's bill rate."""

    __tablename__ = "rate"
    __table_args__ = (
        member_fk("member_id", ondelete="CASCADE"),
        project_fk(),
        ForeignKeyConstraint(
            ["workspace_id", "resource_id"],
            ["resource.workspace_id", "resource.id"],
            ondelete="CASCADE",
        ),
        CHECK_KIND_SHAPE,
        CheckConstraint("hourly_rate >= 0", name="rate_not_negative"),
        # NULLs are distinct: one cost rate per member or resource and day, one bill rate per
        # project and day.
        UniqueConstraint("workspace_id", "member_id", "effective_from"),
        UniqueConstraint("workspace_id", "resource_id", "effective_from"),
        UniqueConstraint("workspace_id", "project_id", "effective_from"),
    )

    kind: Mapped[str] = mapped_column(String(8))
    member_id: Mapped[uuid.UUID | None]
    # A non-human resource's cost (a person's is their member's).
    resource_id: Mapped[uuid.UUID | None]
    project_id: Mapped[uuid.UUID | None]
    hourly_rate: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    # ISO 4217; a cost rate set on the member has none.
    currency: Mapped[str | None] = mapped_column(String(3))
    effective_from: Mapped[date]
