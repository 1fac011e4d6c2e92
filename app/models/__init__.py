"""All models, imported here so that Alembic and the mappers see every table."""

from app.models.api_token import ApiToken
from app.models.base import Base
from app.models.request_control import IdempotencyRecord, RateLimitBucket
from app.models.user import AuthSession, User
from app.models.workspace import Member, Team, TeamMember, Workspace

__all__ = [
    "ApiToken",
    "AuthSession",
    "Base",
    "IdempotencyRecord",
    "Member",
    "RateLimitBucket",
    "Team",
    "TeamMember",
    "User",
    "Workspace",
]
