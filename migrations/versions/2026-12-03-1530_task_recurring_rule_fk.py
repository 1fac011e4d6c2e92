"""task → recurring_rule: no SET NULL on the composite key

SET NULL on (workspace_id, recurring_rule_id) tried to null workspace_id as well, so no rule
that had made a task could be deleted. The rule's repository detaches its tasks first instead.

Revision ID: 2e7c9d4b1a58
Revises: 8b3f6a1c2d47
Create Date: 2026-12-03 15:30:00+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "2e7c9d4b1a58"
down_revision: str | None = "8b3f6a1c2d47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "fk_task_workspace_id_recurring_rule_id_recurring_rule"


def _replace(ondelete: str | None) -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_constraint(NAME, type_="foreignkey")
        batch_op.create_foreign_key(
            NAME,
            "recurring_rule",
            ["workspace_id", "recurring_rule_id"],
            ["workspace_id", "id"],
            ondelete=ondelete,
        )


def upgrade() -> None:
    _replace(None)


def downgrade() -> None:
    _replace("SET NULL")
