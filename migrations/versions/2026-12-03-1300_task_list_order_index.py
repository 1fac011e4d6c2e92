"""ix_task_project_status carries the task list's default order

The task list chooses a page from this index alone (project, status, then created_at and id,
its default order) and reads only that page's tasks.

Revision ID: 5d0c7a2e9b14
Revises: c58e2b7f1d93
Create Date: 2026-12-03 13:00:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5d0c7a2e9b14"
down_revision: str | None = "c58e2b7f1d93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _replace(columns: list[str]) -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_index("ix_task_project_status")
        batch_op.create_index("ix_task_project_status", columns)


def upgrade() -> None:
    _replace(["workspace_id", "project_id", "status_id", "created_at", "id"])


def downgrade() -> None:
    _replace(["workspace_id", "project_id", "status_id", "id"])
