"""task.priority_rank: priority as a number the database keeps, so task lists sort by priority

Revision ID: 7f1a3c5e9b02
Revises: 2e7c9d4b1a58
Create Date: 2026-12-03 16:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7f1a3c5e9b02"
down_revision: str | None = "2e7c9d4b1a58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RANK = (
    "CASE priority WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3"
    " WHEN 'urgent' THEN 4 ELSE 0 END"
)


def upgrade() -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.add_column(
            sa.Column("priority_rank", sa.Integer(), sa.Computed(RANK, persisted=True))
        )


def downgrade() -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_column("priority_rank")
