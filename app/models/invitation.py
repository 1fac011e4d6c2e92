import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned


class Invitation(TenantOwned, Versioned, Base):
    """An email invited into a workspace with a role, until the person with that email accepts
    it (then it becomes their membership and goes), an admin revokes it, or it expires.

    The accept link's secret is stored as its SHA-256 digest only, like an API token's."""

    __tablename__ = "invitation"
    __table_args__ = (
        # One open invitation per address and workspace: inviting again replaces it.
        UniqueConstraint("workspace_id", "email"),
        UniqueConstraint("digest"),
        CheckConstraint("role IN ('owner', 'admin', 'member', 'viewer')", name="role_known"),
        Index("ix_invitation_expires_at", "expires_at"),
    )

    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(16))
    digest: Mapped[str] = mapped_column(String(64))
    # Like events, the record of who invited outlives the member: no foreign key.
    invited_by: Mapped[uuid.UUID | None]
    expires_at: Mapped[datetime]
