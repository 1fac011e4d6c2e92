from typing import Annotated

from app.auth.access import Principal, Role, requires

ResourcesRead = Annotated[Principal, requires(Role.viewer, "resources:read")]
# Planning work and recording absences is everyday work for members.
ResourcesWrite = Annotated[Principal, requires(Role.member, "resources:write")]
# Which resources exist (and what they cost) is workspace structure.
ResourcesAdmin = Annotated[Principal, requires(Role.admin, "resources:write")]
