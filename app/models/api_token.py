import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKeyConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned


class ApiToken(TenantOwned, Versioned, Base):
    """A personal access token bound to one member of one workspace; only its digest is kept."""

    __tablename__ = "api_token"
    __table_args__ = (
        ForeignKeyConstraint(
            ["workspace_id", "member_id"], ["member.workspace_id", "member.id"], ondelete="CASCADE"
        ),
    )

    member_id: Mapped[uuid.UUID]
    name: Mapped[str] = mapped_column(String(200))
    # The first characters of the token, shown in lists so people can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(24))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list[str]] = mapped_column(JSON)
    expires_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
