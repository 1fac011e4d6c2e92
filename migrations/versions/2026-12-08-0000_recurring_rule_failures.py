"""Recurring rules remember failed top-ups: how many in a row, the last reason, and when the
rule was given up on (a failed rule no longer holds up the others; editing it clears this).

Revision ID: 8d2f4b6a1c3e
Revises: 3c9e51a7d2f0
Create Date: 2026-12-08 00:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d2f4b6a1c3e"
down_revision: str | None = "3c9e51a7d2f0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs on both engines: batch mode would rebuild the table on SQLite.
    op.add_column(
        "recurring_rule",
        sa.Column("failures", sa.SmallInteger(), server_default="0", nullable=False),
    )
    op.add_column("recurring_rule", sa.Column("last_error", sa.String(length=500), nullable=True))
    op.add_column(
        "recurring_rule", sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("recurring_rule") as batch_op:
        batch_op.drop_column("failed_at")
        batch_op.drop_column("last_error")
        batch_op.drop_column("failures")
