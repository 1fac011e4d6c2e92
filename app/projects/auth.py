from typing import Annotated

from app.auth.access import Principal, Role, requires

ProjectsRead = Annotated[Principal, requires(Role.viewer, "projects:read")]
ProjectsWrite = Annotated[Principal, requires(Role.member, "projects:write")]
# Archiving hides a project from everyday work, so it takes an admin.
ProjectsAdmin = Annotated[Principal, requires(Role.admin, "projects:write")]
