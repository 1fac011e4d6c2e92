from typing import Annotated

from app.auth.access import Ctx, Role, requires

# Everyone in the workspace reads all of its time (a team view, as in Harvest or Toggl).
TimeRead = Annotated[Ctx, requires(Role.viewer, "time:read")]
# Members log their own time; admins anyone's (checked in the service).
TimeWrite = Annotated[Ctx, requires(Role.member, "time:write")]
TimeAdmin = Annotated[Ctx, requires(Role.admin, "time:write")]
