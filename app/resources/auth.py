from typing import Annotated

from app.auth.access import Ctx, Role, acting

ResourcesRead = Annotated[Ctx, acting(Role.viewer, "resources:read")]
# Planning work and recording absences is everyday work for members.
ResourcesWrite = Annotated[Ctx, acting(Role.member, "resources:write")]
# Which resources exist (and what they cost) is workspace structure.
ResourcesAdmin = Annotated[Ctx, acting(Role.admin, "resources:write")]
