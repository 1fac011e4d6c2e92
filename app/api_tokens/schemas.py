import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from app.auth.access import SCOPES
from app.kit.schemas import Input, Name, Output


def _known_scopes(scopes: list[str]) -> list[str]:
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown:
        raise ValueError(f"unknown scopes {unknown}; known: {sorted(SCOPES)}")
    return sorted(set(scopes))


Scope = Annotated[str, Field(json_schema_extra={"enum": list(SCOPES)})]
Scopes = Annotated[
    list[Scope],
    Field(min_length=1, max_length=len(SCOPES), description="What the token may do."),
    AfterValidator(_known_scopes),
]


class ApiTokenCreate(Input):
    name: Name
    scopes: Scopes
    expires_at: datetime | None = Field(default=None, description="Optional expiry (UTC).")


class ApiToken(Output):
    id: uuid.UUID
    member_id: uuid.UUID
    name: str
    prefix: str = Field(description="The token's first characters, to tell tokens apart.")
    scopes: list[str]
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    version: int = Field(description="Send it back as `If-Match` when revoking the token.")


class ApiTokenCreated(ApiToken):
    token: str = Field(description="The token itself. Shown once: store it now.")
