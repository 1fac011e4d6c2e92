from typing import Annotated

from app.auth.access import Ctx, Role, requires

ResourcesRead = Annotated[Ctx, requires(Role.viewer, "resources:read")]
# Planning work and recording absences is everyday work for members.
ResourcesWrite = Annotated[Ctx, requires(Role.member, "resources:write")]
# Which resources exist (and what they cost) is workspace structure.
ResourcesAdmin = Annotated[Ctx, requires(Role.admin, "resources:write")]
