import re
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Computed,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned
from app.models.keys import member_fk, project_fk, task_fk

# A task's human key, `OPS-42`: its project's key and its number, accepted wherever a task id
# is (docs/design.md §2). Numbers stay within a 32-bit integer column.
TASK_KEY = re.compile(r"^([A-Z]{2,10})-([1-9][0-9]{0,8})$")

PRIORITY_RANK_SQL = (
    "CASE priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3"
    " WHEN 'urgent' THEN 4 ELSE 0 END"
)


class Label(TenantOwned, Versioned, Base):
    __tablename__ = "label"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str] = mapped_column(String(7), default="#6b7280")


class Task(TenantOwned, Versioned, Base):
    __tablename__ = "task"
    __table_args__ = (
        project_fk(),
        # NO ACTION (checked at the end of the statement), so a subtree goes in one DELETE.
        task_fk("parent_id", ondelete="NO ACTION"),
        ForeignKeyConstraint(
            ["workspace_id", "status_id"],
            ["workflow_status.workspace_id", "workflow_status.id"],
            ondelete="RESTRICT",
        ),
        # Deleting a rule detaches its tasks first (RecurringRuleRepository.delete): SET NULL
        # would null workspace_id too, which is part of this composite key.
        ForeignKeyConstraint(
            ["workspace_id", "recurring_rule_id"],
            ["recurring_rule.workspace_id", "recurring_rule.id"],
        ),
        UniqueConstraint("workspace_id", "project_id", "number"),
        # A recurring rule materialises each occurrence once, however often it runs.
        UniqueConstraint("workspace_id", "recurring_rule_id", "occurrence_date"),
        CheckConstraint(
            "priority IN ('none', 'low', 'medium', 'high', 'urgent')", name="priority_known"
        ),
        CheckConstraint("duration_days >= 0", name="duration_not_negative"),
        CheckConstraint("leveling_delay_days >= 0", name="leveling_delay_not_negative"),
        CheckConstraint("scheduling_mode IN ('auto', 'manual')", name="mode_known"),
        CheckConstraint(
            "(constraint_type IS NULL AND constraint_date IS NULL)"
            " OR (constraint_type IN ('snet', 'fnlt') AND constraint_date IS NOT NULL)",
            name="constraint_shape",
        ),
        # The task list picks its pages from this index alone (app/tasks/repository.py).
        Index(
            "ix_task_project_status", "workspace_id", "project_id", "status_id", "created_at", "id"
        ),
        Index("ix_task_parent", "workspace_id", "parent_id"),
        Index("ix_task_updated", "workspace_id", "updated_at"),
    )

    project_id: Mapped[uuid.UUID]
    number: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[uuid.UUID | None]
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status_id: Mapped[uuid.UUID]
    priority: Mapped[str] = mapped_column(String(8), default="none")
    # Priority as a number (none 0 ... urgent 4), kept by the database, so lists sort by it.
    priority_rank: Mapped[int] = mapped_column(Integer, Computed(PRIORITY_RANK_SQL, persisted=True))
    start_date: Mapped[date | None]
    duration_days: Mapped[int] = mapped_column(Integer, default=1)
    # Derived from start and duration on the project's calendar; stored so lists can filter on it.
    finish_date: Mapped[date | None]
    due_date: Mapped[date | None]
    estimate_hours: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    scheduling_mode: Mapped[str] = mapped_column(String(8), default="auto")
    constraint_type: Mapped[str | None] = mapped_column(String(8))
    constraint_date: Mapped[date | None]
    # Working days leveling added to an auto task's early start (docs/design.md §7).
    leveling_delay_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    position: Mapped[float] = mapped_column(Float, default=0.0)
    completed_at: Mapped[datetime | None]
    recurring_rule_id: Mapped[uuid.UUID | None]
    occurrence_date: Mapped[date | None]


class TaskAssignee(Base):
    __tablename__ = "task_assignee"
    __table_args__ = (
        task_fk(),
        member_fk("member_id", ondelete="CASCADE"),
        Index("ix_task_assignee_member", "workspace_id", "member_id", "task_id"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    task_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    member_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)


class TaskLabel(Base):
    __tablename__ = "task_label"
    __table_args__ = (
        task_fk(),
        ForeignKeyConstraint(
            ["workspace_id", "label_id"], ["label.workspace_id", "label.id"], ondelete="CASCADE"
        ),
        Index("ix_task_label_label", "workspace_id", "label_id", "task_id"),
    )

    workspace_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    task_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    label_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)


class TaskWatcher(Base):
    __tablename__ = "task_watcher"
    __table_args__ = (task_fk(), member_fk("member_id", ondelete="CASCADE"))

    workspace_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    task_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    member_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)


class Comment(TenantOwned, Versioned, Base):
    __tablename__ = "comment"
    __table_args__ = (
        task_fk(),
        Index("ix_comment_task", "workspace_id", "task_id", "id"),
    )

    task_id: Mapped[uuid.UUID]
    # Comments stay when their author leaves the workspace: no foreign key.
    author_id: Mapped[uuid.UUID]
    body: Mapped[str] = mapped_column(Text)
    # Member ids the body mentions, resolved when it was written.
    mentioned_member_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
