from typing import Annotated

from app.auth.access import Principal, Role, requires

WorkspaceRead = Annotated[Principal, requires(Role.viewer, "workspace:read")]
WorkspaceAdmin = Annotated[Principal, requires(Role.admin, "admin")]
WorkspaceOwner = Annotated[Principal, requires(Role.owner, "admin")]
