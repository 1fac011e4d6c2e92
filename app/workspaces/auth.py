from typing import Annotated

from app.auth.access import Ctx, Role, acting

WorkspaceRead = Annotated[Ctx, acting(Role.viewer, "workspace:read")]
WorkspaceAdmin = Annotated[Ctx, acting(Role.admin, "admin")]
WorkspaceOwner = Annotated[Ctx, acting(Role.owner, "admin")]
