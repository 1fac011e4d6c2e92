import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned
from app.models.keys import member_fk, project_fk


class Project(TenantOwned, Versioned, Base):
    """A bounded project (start, target, lifecycle) or ongoing work (no end)."""

    __tablename__ = "project"
    __table_args__ = (
        UniqueConstraint("workspace_id", "key"),
        member_fk("owner_id"),
        ForeignKeyConstraint(
            ["workspace_id", "team_id"], ["team.workspace_id", "team.id"], ondelete="RESTRICT"
        ),
        ForeignKeyConstraint(
            ["workspace_id", "calendar_id"],
            ["calendar.workspace_id", "calendar.id"],
            ondelete="RESTRICT",
        ),
        CheckConstraint("kind IN ('project', 'ongoing')", name="kind_known"),
        CheckConstraint("scheduling_mode IN ('auto', 'manual')", name="scheduling_mode_known"),
        CheckConstraint("status IN ('active', 'on_hold', 'archived')", name="status_known"),
        CheckConstraint(
            "(kind = 'project' AND start_date IS NOT NULL AND target_date IS NOT NULL"
            " AND phase IS NOT NULL AND target_date >= start_date)"
            " OR (kind = 'ongoing' AND target_date IS NULL AND phase IS NULL)",
            name="kind_shape",
        ),
        Index("ix_project_workspace_id_status_kind", "workspace_id", "status", "kind"),
    )

    key: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16))
    phase: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="active")
    start_date: Mapped[date | None]
    target_date: Mapped[date | None]
    owner_id: Mapped[uuid.UUID | None]
    team_id: Mapped[uuid.UUID | None]
    # The working calendar (docs/design.md §5); null means the workspace default.
    calendar_id: Mapped[uuid.UUID | None]
    budget_hours: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    budget_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    # auto: changes reschedule the tasks they reach (docs/design.md §7);
    # manual: dates stay as typed.
    scheduling_mode: Mapped[str] = mapped_column(String(8), default="auto", server_default="auto")
    # The number the next task of this project gets (its key is KEY-number).
    next_task_number: Mapped[int] = mapped_column(Integer, default=1)


class PhaseTransition(TenantOwned, Base):
    __tablename__ = "project_phase_transition"
    __table_args__ = (
        project_fk(),
        Index("ix_project_phase_transition_project", "workspace_id", "project_id", "at"),
    )

    project_id: Mapped[uuid.UUID]
    from_phase: Mapped[str] = mapped_column(String(16))
    to_phase: Mapped[str] = mapped_column(String(16))
    # Like events, the record outlives the member: no foreign key.
    actor_id: Mapped[uuid.UUID | None]
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime]


class Stakeholder(Base):
    __tablename__ = "project_stakeholder"
    __table_args__ = (
        project_fk(),
        member_fk("member_id", ondelete="CASCADE"),
        CheckConstraint(
            "role IN ('owner', 'contributor', 'stakeholder', 'informed')", name="role_known"
        ),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    project_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    member_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16))


class WorkflowStatus(TenantOwned, Versioned, Base):
    __tablename__ = "workflow_status"
    __table_args__ = (
        project_fk(),
        CheckConstraint(
            "category IN ('backlog', 'todo', 'in_progress', 'done', 'cancelled')",
            name="category_known",
        ),
        Index("ix_workflow_status_project", "workspace_id", "project_id", "position"),
    )

    project_id: Mapped[uuid.UUID]
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(16))
    position: Mapped[float] = mapped_column(Float)


class RecurringRule(TenantOwned, Versioned, Base):
    """An RFC 5545 rule that materialises task instances of ongoing work ahead of time."""

    __tablename__ = "recurring_rule"
    __table_args__ = (project_fk(),)

    project_id: Mapped[uuid.UUID]
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    rrule: Mapped[str] = mapped_column(String(1000))
    starts_on: Mapped[date]
    priority: Mapped[str] = mapped_column(String(8), default="none")
    assignee_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    duration_days: Mapped[int] = mapped_column(Integer, default=1)
    estimate_hours: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    active: Mapped[bool] = mapped_column(default=True)
    # Occurrences up to this date exist as tasks.
    materialized_until: Mapped[date | None]
    # Top-ups in a row that failed, the last one's reason, and when the rule was given up on
    # (the top-up skips it until someone edits it).
    failures: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(500))
    failed_at: Mapped[datetime | None]

    @property
    def state(self) -> str:
        if self.failed_at is not None:
            return "failed"
        return "active" if self.active else "paused"


class CapacityReservation(TenantOwned, Versioned, Base):
    """Hours a week that ongoing work holds back from a member's or a team's capacity."""

    __tablename__ = "capacity_reservation"
    __table_args__ = (
        project_fk(),
        member_fk("member_id", ondelete="CASCADE"),
        ForeignKeyConstraint(
            ["workspace_id", "team_id"], ["team.workspace_id", "team.id"], ondelete="CASCADE"
        ),
        CheckConstraint("(member_id IS NULL) <> (team_id IS NULL)", name="member_or_team"),
        CheckConstraint("hours_per_week > 0 AND hours_per_week <= 168", name="hours_in_week"),
    )

    project_id: Mapped[uuid.UUID]
    member_id: Mapped[uuid.UUID | None]
    team_id: Mapped[uuid.UUID | None]
    hours_per_week: Mapped[Decimal] = mapped_column(Numeric(6, 2))
