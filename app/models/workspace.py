import uuid
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Numeric,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.ids import new_id
from app.models.base import Base, TenantOwned, Versioned


class Workspace(Versioned, Base):
    __tablename__ = "workspace"
    __table_args__ = (CheckConstraint("week_start BETWEEN 1 AND 7", name="week_start_iso"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    week_start: Mapped[int] = mapped_column(SmallInteger, default=1)
    # A stopped timer's minutes round up to a multiple of this (1, 5, 6, 10, 15 or 30).
    timer_rounding_minutes: Mapped[int] = mapped_column(SmallInteger, default=1, server_default="1")
    # New API tokens must expire within this many days (1-3650, checked on input; a CHECK
    # would make SQLite rebuild the table, whose rows every tenant row references); None: no
    # maximum.
    max_token_lifetime_days: Mapped[int | None] = mapped_column(SmallInteger)


class Member(TenantOwned, Versioned, Base):
    __tablename__ = "member"
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id"),
        Index("ix_member_user_id", "user_id"),
        CheckConstraint("role IN ('owner', 'admin', 'member', 'viewer')", name="role_known"),
        CheckConstraint("weekly_capacity_hours >= 0", name="capacity_not_negative"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    weekly_capacity_hours: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(40))
    cost_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))


class Team(TenantOwned, Versioned, Base):
    __tablename__ = "team"
    __table_args__ = (
        ForeignKeyConstraint(
            ["workspace_id", "parent_id"], ["team.workspace_id", "team.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(
            ["workspace_id", "lead_member_id"],
            ["member.workspace_id", "member.id"],
            # A composite SET NULL would also null workspace_id; the service clears it instead.
            ondelete="RESTRICT",
        ),
        UniqueConstraint("workspace_id", "parent_id", "name"),
    )

    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[uuid.UUID | None]
    lead_member_id: Mapped[uuid.UUID | None]


class TeamMember(Base):
    __tablename__ = "team_member"
    __table_args__ = (
        ForeignKeyConstraint(
            ["workspace_id", "team_id"], ["team.workspace_id", "team.id"], ondelete="CASCADE"
        ),
        ForeignKeyConstraint(
            ["workspace_id", "member_id"], ["member.workspace_id", "member.id"], ondelete="CASCADE"
        ),
        Index("ix_team_member_workspace_id_member_id", "workspace_id", "member_id"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True
    )
    team_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    member_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
