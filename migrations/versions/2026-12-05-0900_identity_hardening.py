"""Identity hardening: sessions idle out, sign-in failures slow a pair down instead of locking
an account, and workspaces may cap how long API tokens live

- `auth_session.last_seen_at`: when the session was last used (rewritten at most once a
  minute); a session idle for longer than `session_idle_hours` has ended. Existing sessions
  count as seen when they began.
- `login_throttle`: failed sign-ins per (email, client address) digest.
- `workspace.max_token_lifetime_days`: new tokens must expire within it (null: no maximum).

Revision ID: 3c9e51a7d2f0
Revises: 6955a966d9df
Create Date: 2026-12-05 09:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c9e51a7d2f0"
down_revision: str | None = "6955a966d9df"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auth_session") as batch_op:
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE auth_session SET last_seen_at = created_at")
    with op.batch_alter_table("auth_session") as batch_op:
        batch_op.alter_column(
            "last_seen_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_index(op.f("ix_login_throttle_last_failed_at"), "login_throttle", ["last_failed_at"])

    # A plain ADD COLUMN on both engines: batch mode would rebuild `workspace` on SQLite, and
    # every tenant row references it.
    op.add_column(
        "workspace", sa.Column("max_token_lifetime_days", sa.SmallInteger(), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("workspace", "max_token_lifetime_days")
    op.drop_index(op.f("ix_login_throttle_last_failed_at"), table_name="login_throttle")
    op.drop_table("login_throttle")
    with op.batch_alter_table("auth_session") as batch_op:
        batch_op.drop_column("last_seen_at")
