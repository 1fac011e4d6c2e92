"""time tracking

Revision ID: a3f1c9d27e40
Revises: bc66820f6016
Create Date: 2026-11-26 00:30:00+00:00
"""

import os
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "a3f1c9d27e40"
down_revision: str | None = "bc66820f6016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every workspace starts with these (app.workspaces.service.DEFAULT_WORK_TYPES).
DEFAULT_ACTIVITIES = (
    ("development", "Development"),
    ("meeting", "Meeting"),
    ("support", "Support"),
)


def _uuid7() -> uuid.UUID:
    """A time-ordered id like the app's, without importing app code."""
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10)) & ((1 << 80) - 1)
    value = (value & ~(0xF << 76)) | (0x7 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return uuid.UUID(int=value)


def _backfill_default_activities() -> None:
    workspace_ids = [row[0] for row in op.get_bind().execute(sa.text("SELECT id FROM workspace"))]
    if not workspace_ids:
        return
    activity = sa.table(
        "activity",
        sa.column("workspace_id", sa.Uuid()),
        sa.column("id", sa.Uuid()),
        sa.column("key", sa.String()),
        sa.column("name", sa.String()),
        sa.column("version", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    op.bulk_insert(
        activity,
        [
            {
                "workspace_id": workspace_id
                if isinstance(workspace_id, uuid.UUID)
                else uuid.UUID(str(workspace_id)),
                "id": _uuid7(),
                "key": key,
                "name": name,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for workspace_id in workspace_ids
            for key, name in DEFAULT_ACTIVITIES
        ],
    )


def upgrade() -> None:
    op.create_table(
        "activity",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_activity_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_activity")),
        sa.UniqueConstraint("workspace_id", "key", name=op.f("uq_activity_workspace_id_key")),
    )
    op.create_table(
        "timesheet",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Uuid(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected')",
            name=op.f("ck_timesheet_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "member_id"],
            ["member.workspace_id", "member.id"],
            name=op.f("fk_timesheet_workspace_id_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_timesheet_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_timesheet")),
        sa.UniqueConstraint(
            "workspace_id",
            "member_id",
            "week_start",
            name=op.f("uq_timesheet_workspace_id_member_id_week_start"),
        ),
    )
    with op.batch_alter_table("timesheet", schema=None) as batch_op:
        batch_op.create_index(
            "ix_timesheet_status", ["workspace_id", "status", "week_start"], unique=False
        )

    op.create_table(
        "rate",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=True),
        sa.Column("project_id", sa.Uuid(), nullable=True),
        sa.Column("hourly_rate", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'cost' AND member_id IS NOT NULL AND project_id IS NULL) OR (kind = 'bill' AND project_id IS NOT NULL AND member_id IS NULL)",
            name=op.f("ck_rate_kind_shape"),
        ),
        sa.CheckConstraint("hourly_rate >= 0", name=op.f("ck_rate_rate_not_negative")),
        sa.ForeignKeyConstraint(
            ["workspace_id", "member_id"],
            ["member.workspace_id", "member.id"],
            name=op.f("fk_rate_workspace_id_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "project_id"],
            ["project.workspace_id", "project.id"],
            name=op.f("fk_rate_workspace_id_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_rate_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_rate")),
        sa.UniqueConstraint(
            "workspace_id",
            "member_id",
            "effective_from",
            name=op.f("uq_rate_workspace_id_member_id_effective_from"),
        ),
        sa.UniqueConstraint(
            "workspace_id",
            "project_id",
            "effective_from",
            name=op.f("uq_rate_workspace_id_project_id_effective_from"),
        ),
    )
    op.create_table(
        "time_entry",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=True),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("running", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("activity", sa.String(length=40), nullable=True),
        sa.Column("cost_rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("bill_rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(running AND minutes IS NULL AND started_at IS NOT NULL AND ended_at IS NULL) OR (NOT running AND minutes > 0 AND minutes <= 1440)",
            name=op.f("ck_time_entry_running_or_logged"),
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "activity"],
            ["activity.workspace_id", "activity.key"],
            name=op.f("fk_time_entry_workspace_id_activity_activity"),
            ondelete="NO ACTION",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "member_id"],
            ["member.workspace_id", "member.id"],
            name=op.f("fk_time_entry_workspace_id_member_id_member"),
            ondelete="NO ACTION",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "project_id"],
            ["project.workspace_id", "project.id"],
            name=op.f("fk_time_entry_workspace_id_project_id_project"),
            ondelete="NO ACTION",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "task_id"],
            ["task.workspace_id", "task.id"],
            name=op.f("fk_time_entry_workspace_id_task_id_task"),
            ondelete="NO ACTION",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_time_entry_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_time_entry")),
    )
    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.create_index("ix_time_entry_date", ["workspace_id", "date"], unique=False)
        batch_op.create_index(
            "ix_time_entry_member_date", ["workspace_id", "member_id", "date"], unique=False
        )
        batch_op.create_index(
            "ix_time_entry_one_running_timer",
            ["workspace_id", "member_id"],
            unique=True,
            postgresql_where=sa.text("running"),
            sqlite_where=sa.text("running"),
        )
        batch_op.create_index(
            "ix_time_entry_project_task", ["workspace_id", "project_id", "task_id"], unique=False
        )

    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "timer_rounding_minutes", sa.SmallInteger(), server_default="1", nullable=False
            )
        )

    _backfill_default_activities()


def downgrade() -> None:
    # Not batch mode: rebuilding `workspace` on SQLite would cascade into every table.
    op.drop_column("workspace", "timer_rounding_minutes")

    with op.batch_alter_table("time_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_time_entry_project_task")
        batch_op.drop_index(
            "ix_time_entry_one_running_timer",
            postgresql_where=sa.text("running"),
            sqlite_where=sa.text("running"),
        )
        batch_op.drop_index("ix_time_entry_member_date")
        batch_op.drop_index("ix_time_entry_date")

    op.drop_table("time_entry")
    op.drop_table("rate")
    with op.batch_alter_table("timesheet", schema=None) as batch_op:
        batch_op.drop_index("ix_timesheet_status")

    op.drop_table("timesheet")
    op.drop_table("activity")
