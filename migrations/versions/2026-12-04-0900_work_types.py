"""activity → work_type: the kinds of work time is logged as get a name of their own

"Activity" also names the change history of tasks and projects. The table, the time entry's
column and the constraints named after them are renamed, keeping every row. PostgreSQL renames
in place. SQLite cannot rename a constraint, and rebuilding the table in batch mode would drop it
while time entries still point at it, so there the new table is made and filled, `time_entry` is
rebuilt (batch mode) to point at it, and the old one is dropped.

Revision ID: 6955a966d9df
Revises: 7f1a3c5e9b02
Create Date: 2026-12-04 09:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6955a966d9df"
down_revision: str | None = "7f1a3c5e9b02"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("workspace_id", "id", "key", "name", "version", "created_at", "updated_at")


def _constraints(table: str) -> list[str]:
    """The names the naming convention gives the table's own constraints."""
    return [f"pk_{table}", f"uq_{table}_workspace_id_key", f"fk_{table}_workspace_id_workspace"]


def _entry_fk(table: str) -> str:
    return f"fk_time_entry_workspace_id_{table}_{table}"


def _rename_in_place(old: str, new: str) -> None:
    op.rename_table(old, new)
    for old_name, new_name in zip(_constraints(old), _constraints(new), strict=True):
        op.execute(f"ALTER TABLE {new} RENAME CONSTRAINT {old_name} TO {new_name}")
    op.alter_column("time_entry", old, new_column_name=new)
    op.execute(f"ALTER TABLE time_entry RENAME CONSTRAINT {_entry_fk(old)} TO {_entry_fk(new)}")


def _rebuild(old: str, new: str) -> None:
    op.create_table(
        new,
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
            name=op.f(f"fk_{new}_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f(f"pk_{new}")),
        sa.UniqueConstraint("workspace_id", "key", name=op.f(f"uq_{new}_workspace_id_key")),
    )
    columns = ", ".join(COLUMNS)
    op.execute(f"INSERT INTO {new} ({columns}) SELECT {columns} FROM {old}")
    with op.batch_alter_table("time_entry") as batch_op:
        batch_op.drop_constraint(_entry_fk(old), type_="foreignkey")
        batch_op.alter_column(old, new_column_name=new)
    # A second rebuild: batch mode leaves out a new constraint on a column renamed in the same
    # batch (it copies constraints by the columns' old names).
    with op.batch_alter_table("time_entry") as batch_op:
        batch_op.create_foreign_key(
            _entry_fk(new),
            new,
            ["workspace_id", new],
            ["workspace_id", "key"],
            ondelete="NO ACTION",
        )
    op.drop_table(old)


def _rename(old: str, new: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(old, new)
    else:
        _rename_in_place(old, new)


def upgrade() -> None:
    _rename("activity", "work_type")


def downgrade() -> None:
    _rename("work_type", "activity")
