from typing import Annotated

from app.auth.access import Ctx, Role, acting

# Everyone in the workspace reads all of its time (a team view, as in Harvest or Toggl).
TimeRead = Annotated[Ctx, acting(Role.viewer, "time:read")]
# Members log their own time; admins anyone's (checked in the service).
TimeWrite = Annotated[Ctx, acting(Role.member, "time:write")]
TimeAdmin = Annotated[Ctx, acting(Role.admin, "time:write")]
