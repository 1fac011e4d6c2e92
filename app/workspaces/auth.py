from typing import Annotated

from app.auth.access import Ctx, Role, requires

WorkspaceRead = Annotated[Ctx, requires(Role.viewer, "workspace:read")]
WorkspaceAdmin = Annotated[Ctx, requires(Role.admin, "admin")]
WorkspaceOwner = Annotated[Ctx, requires(Role.owner, "admin")]
