"""Who logged time and submitted weeks for whom, so that they do not also approve them

- `time_entry.logged_by`: the member who wrote the entry (its creator, or the last writer
  other than its member); null for entries written before.
- `timesheet.submitted_by`: the member who submitted the week; null for weeks submitted before.

Revision ID: 7b2d4e6f8a10
Revises: 3c9e51a7d2f0
Create Date: 2026-12-07 23:50:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b2d4e6f8a10"
down_revision: str | None = "3c9e51a7d2f0"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs: batch mode would rebuild the tables on SQLite.
    op.add_column("time_entry", sa.Column("logged_by", sa.Uuid(), nullable=True))
    op.add_column("timesheet", sa.Column("submitted_by", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("timesheet") as batch_op:
        batch_op.drop_column("submitted_by")
    with op.batch_alter_table("time_entry") as batch_op:
        batch_op.drop_column("logged_by")
