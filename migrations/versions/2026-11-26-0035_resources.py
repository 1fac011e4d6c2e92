"""resources and allocations

Revision ID: c58e2b7f1d93
Revises: a3f1c9d27e40
Create Date: 2026-11-26 00:30:00+00:00
"""

from collections.abc import Sequence

revision: str = "c58e2b7f1d93"
down_revision: str | None = "a3f1c9d27e40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
