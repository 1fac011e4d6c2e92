from typing import Annotated

from app.auth.access import Ctx, Role, acting

ProjectsRead = Annotated[Ctx, acting(Role.viewer, "projects:read")]
ProjectsWrite = Annotated[Ctx, acting(Role.member, "projects:write")]
# Archiving hides a project from everyday work, so it takes an admin.
ProjectsAdmin = Annotated[Ctx, acting(Role.admin, "projects:write")]
