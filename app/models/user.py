import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.clock import utcnow
from app.core.ids import new_id
from app.models.base import Base, Timestamped, Versioned


class User(Versioned, Base):
    __tablename__ = "user_account"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    # Stored lower-cased: one person, one account, however they type their address.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True)


class AuthSession(Timestamped, Base):
    """A signed-in browser. The cookie holds a secret; the row holds only its digest.

    It ends at `expires_at` (the absolute lifetime) or once `last_seen_at` is older than the
    idle timeout, whichever comes first.
    """

    __tablename__ = "auth_session"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    # Rewritten at most once a minute (`last_used_resolution_seconds`) while in use. Not
    # indexed: the hourly purge scans the table, and every rewrite stays a cheap one.
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
