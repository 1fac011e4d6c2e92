"""task.leveling_delay_days: leveling delays a task instead of replacing its constraint

Revision ID: 8b3f6a1c2d47
Revises: 5d0c7a2e9b14
Create Date: 2026-12-03 14:30:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8b3f6a1c2d47"
down_revision: str | None = "5d0c7a2e9b14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.add_column(
            sa.Column("leveling_delay_days", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_task_leveling_delay_not_negative"), "leveling_delay_days >= 0"
        )


def downgrade() -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_constraint(op.f("ck_task_leveling_delay_not_negative"), type_="check")
        batch_op.drop_column("leveling_delay_days")
