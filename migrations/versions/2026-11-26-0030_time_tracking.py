"""time tracking

Revision ID: a3f1c9d27e40
Revises: bc66820f6016
Create Date: 2026-11-26 00:30:00+00:00
"""

from collections.abc import Sequence

revision: str = "a3f1c9d27e40"
down_revision: str | None = "bc66820f6016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
