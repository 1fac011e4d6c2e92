from typing import Annotated

from app.auth.access import Ctx, Role, requires

ProjectsRead = Annotated[Ctx, requires(Role.viewer, "projects:read")]
ProjectsWrite = Annotated[Ctx, requires(Role.member, "projects:write")]
# Archiving hides a project from everyday work, so it takes an admin.
ProjectsAdmin = Annotated[Ctx, requires(Role.admin, "projects:write")]
