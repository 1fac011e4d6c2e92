"""Private data and invitations: who logged time and submitted weeks for whom, so that they do
not also approve them, and invitations in place of adding members by email

- `time_entry.logged_by`: the member who wrote the entry (its creator, or the last writer
  other than its member); null for entries written before.
- `timesheet.submitted_by`: the member who submitted the week; null for weeks submitted before.
- `invitation`: an email invited into a workspace with a role, with the digest of its accept
  link's secret, until it is accepted, revoked or expires.

Revision ID: 7b2d4e6f8a10
Revises: 8d2f4b6a1c3e
Create Date: 2026-12-08 01:00:00+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b2d4e6f8a10"
down_revision: str | None = "8d2f4b6a1c3e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMNs: batch mode would rebuild the tables on SQLite.
    op.add_column("time_entry", sa.Column("logged_by", sa.Uuid(), nullable=True))
    op.add_column("timesheet", sa.Column("submitted_by", sa.Uuid(), nullable=True))
    op.create_table(
        "invitation",
        sa.Column("workspace_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("invited_by", sa.Uuid(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('owner', 'admin', 'member', 'viewer')",
            name=op.f("ck_invitation_role_known"),
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_invitation_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "id", name=op.f("pk_invitation")),
        sa.UniqueConstraint("digest", name=op.f("uq_invitation_digest")),
        sa.UniqueConstraint("workspace_id", "email", name=op.f("uq_invitation_workspace_id_email")),
    )
    op.create_index("ix_invitation_expires_at", "invitation", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_invitation_expires_at", table_name="invitation")
    op.drop_table("invitation")
    with op.batch_alter_table("timesheet") as batch_op:
        batch_op.drop_column("submitted_by")
    with op.batch_alter_table("time_entry") as batch_op:
        batch_op.drop_column("logged_by")
