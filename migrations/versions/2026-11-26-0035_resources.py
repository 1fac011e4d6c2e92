"""resources and allocations

Revision ID: c58e2b7f1d93
Revises: a3f1c9d27e40
Create Date: 2026-11-26 00:30:00+00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import uuid_utils.compat
from alembic import op

revision: str = "c58e2b7f1d93"
down_revision: str | None = "a3f1c9d27e40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


RATE_SHAPE_WITH_RESOURCES = (
    "(kind = 'cost' AND project_id IS NULL AND (member_id IS NULL) <> (resource_id IS NULL))"
    " OR (kind = 'bill' AND project_id IS NOT NULL AND member_id IS NULL"
    " AND resource_id IS NULL)"
)
RATE_SHAPE_WITHOUT_RESOURCES = (
    "(kind = 'cost' AND member_id IS NOT NULL AND project_id IS NULL)"
    " OR (kind = 'bill' AND project_id IS NOT NULL AND member_id IS NULL)"
)


def upgrade() -> None:
    op.create_table(
        "resource",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("member_id", sa.Uuid(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("calendar_id", sa.Uuid(), nullable=True),
        sa.Column("capacity_hours_per_day", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("cost_rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(kind = 'person' AND member_id IS NOT NULL AND capacity_hours_per_day IS NULL) OR (kind <> 'person' AND member_id IS NULL AND name IS NOT NULL AND capacity_hours_per_day IS NOT NULL)",
            name=op.f("ck_resource_kind_shape"),
        ),
        sa.CheckConstraint(
            "kind IN ('person', 'equipment', 'room', 'pool')", name=op.f("ck_resource_kind_known")
        ),
        sa.CheckConstraint(
            "capacity_hours_per_day >= 0 AND capacity_hours_per_day <= 24",
            name=op.f("ck_resource_hours_in_day"),
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "calendar_id"],
            ["calendar.workspace_id", "calendar.id"],
            name=op.f("fk_resource_workspace_id_calendar_id_calendar"),
            ondelete="NO ACTION",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "member_id"],
            ["member.workspace_id", "member.id"],
            name=op.f("fk_resource_workspace_id_member_id_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "team_id"],
            ["team.workspace_id", "team.id"],
            name=op.f("fk_resource_workspace_id_team_id_team"),
            ondelete="NO ACTION",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_resource_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_resource")),
        sa.UniqueConstraint(
            "workspace_id", "member_id", name=op.f("uq_resource_workspace_id_member_id")
        ),
    )
    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.create_index(
            "ix_resource_workspace_id_team_id", ["workspace_id", "team_id"], unique=False
        )

    op.create_table(
        "time_off",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("resource_id", sa.Uuid(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("hours_per_day", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_time_off_ordered")),
        sa.CheckConstraint(
            "hours_per_day > 0 AND hours_per_day <= 24", name=op.f("ck_time_off_hours_in_day")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "resource_id"],
            ["resource.workspace_id", "resource.id"],
            name=op.f("fk_time_off_workspace_id_resource_id_resource"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_time_off_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_time_off")),
    )
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.create_index(
            "ix_time_off_resource", ["workspace_id", "resource_id", "start_date"], unique=False
        )

    op.create_table(
        "allocation",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("resource_id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("task_id", sa.Uuid(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("hours_per_day", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("percent", sa.Numeric(precision=5, scale=2), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(hours_per_day IS NULL) <> (percent IS NULL)",
            name=op.f("ck_allocation_hours_or_percent"),
        ),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_allocation_ordered")),
        sa.CheckConstraint(
            "hours_per_day >= 0 AND hours_per_day <= 24", name=op.f("ck_allocation_hours_in_day")
        ),
        sa.CheckConstraint(
            "percent >= 0 AND percent <= 100", name=op.f("ck_allocation_percent_range")
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "project_id"],
            ["project.workspace_id", "project.id"],
            name=op.f("fk_allocation_workspace_id_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "resource_id"],
            ["resource.workspace_id", "resource.id"],
            name=op.f("fk_allocation_workspace_id_resource_id_resource"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id", "task_id"],
            ["task.workspace_id", "task.id"],
            name=op.f("fk_allocation_workspace_id_task_id_task"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_allocation_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_allocation")),
    )
    with op.batch_alter_table("allocation", schema=None) as batch_op:
        batch_op.create_index("ix_allocation_project", ["workspace_id", "project_id"], unique=False)
        batch_op.create_index(
            "ix_allocation_resource", ["workspace_id", "resource_id", "start_date"], unique=False
        )
        batch_op.create_index("ix_allocation_task", ["workspace_id", "task_id"], unique=False)
        batch_op.create_index(
            "ix_allocation_window", ["workspace_id", "start_date", "end_date"], unique=False
        )

    _backfill_person_resources()


def _backfill_person_resources() -> None:
    """Every existing member becomes a person resource, as new members do when they join."""
    resource = sa.table(
        "resource",
        sa.column("workspace_id", sa.Uuid()),
        sa.column("id", sa.Uuid()),
        sa.column("kind", sa.String()),
        sa.column("member_id", sa.Uuid()),
        sa.column("version", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
    )
    member = sa.table("member", sa.column("workspace_id", sa.Uuid()), sa.column("id", sa.Uuid()))
    members = op.get_bind().execute(sa.select(member.c.workspace_id, member.c.id)).all()
    now = datetime.now(UTC)
    rows = [
        {
            "workspace_id": workspace_id,
            "id": uuid_utils.compat.uuid7(),
            "kind": "person",
            "member_id": member_id,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for workspace_id, member_id in members
    ]
    if rows:
        op.bulk_insert(resource, rows)

    # Non-human resources get effective-dated cost rates too.
    with op.batch_alter_table("rate", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resource_id", sa.Uuid(), nullable=True))
        batch_op.drop_constraint(op.f("ck_rate_kind_shape"), type_="check")
        batch_op.create_check_constraint(op.f("ck_rate_kind_shape"), RATE_SHAPE_WITH_RESOURCES)
        batch_op.create_foreign_key(
            op.f("fk_rate_workspace_id_resource_id_resource"),
            "resource",
            ["workspace_id", "resource_id"],
            ["workspace_id", "id"],
            ondelete="CASCADE",
        )
        batch_op.create_unique_constraint(
            op.f("uq_rate_workspace_id_resource_id_effective_from"),
            ["workspace_id", "resource_id", "effective_from"],
        )


def downgrade() -> None:
    op.execute("DELETE FROM rate WHERE resource_id IS NOT NULL")
    with op.batch_alter_table("rate", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("uq_rate_workspace_id_resource_id_effective_from"), type_="unique"
        )
        batch_op.drop_constraint(
            op.f("fk_rate_workspace_id_resource_id_resource"), type_="foreignkey"
        )
        batch_op.drop_constraint(op.f("ck_rate_kind_shape"), type_="check")
        batch_op.create_check_constraint(op.f("ck_rate_kind_shape"), RATE_SHAPE_WITHOUT_RESOURCES)
        batch_op.drop_column("resource_id")
    with op.batch_alter_table("allocation", schema=None) as batch_op:
        batch_op.drop_index("ix_allocation_window")
        batch_op.drop_index("ix_allocation_task")
        batch_op.drop_index("ix_allocation_resource")
        batch_op.drop_index("ix_allocation_project")

    op.drop_table("allocation")
    with op.batch_alter_table("time_off", schema=None) as batch_op:
        batch_op.drop_index("ix_time_off_resource")

    op.drop_table("time_off")
    with op.batch_alter_table("resource", schema=None) as batch_op:
        batch_op.drop_index("ix_resource_workspace_id_team_id")

    op.drop_table("resource")
