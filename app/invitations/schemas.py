import uuid
from datetime import datetime
from typing import Annotated

from pydantic import EmailStr, Field

from app.auth.access import Role
from app.kit.schemas import Input, Output, Timestamps


class InvitationCreate(Input):
    email: Annotated[EmailStr, Field(max_length=320)] = Field(
        description="Whoever signs in with this address may accept; it need not have an "
        "account yet (the answer is the same either way)."
    )
    role: Role = Role.member


class Invitation(Timestamps):
    id: uuid.UUID
    email: str
    role: Role
    invited_by: uuid.UUID | None = Field(description="The inviting member.")
    expires_at: datetime = Field(description="Seven days after it was made.")
    version: int


class InvitationCreated(Invitation):
    token: str = Field(description="The accept link's secret, shown only this once.")
    accept_path: str = Field(
        description="The SPA's accept screen for this invitation: prefix the app's address "
        "and pass the link on to the invited person.",
        examples=["/invitations/accept#wl_inv_..."],
    )


class InvitationAccept(Input):
    token: Annotated[str, Field(max_length=100, description="The secret from the accept link.")]


class InvitationAccepted(Output):
    workspace_id: uuid.UUID
    member_id: uuid.UUID
    role: Role
