from typing import Annotated

from app.auth.access import Principal, Role, requires

# Everyone in the workspace reads all of its time (a team view, as in Harvest or Toggl).
TimeRead = Annotated[Principal, requires(Role.viewer, "time:read")]
# Members log their own time; admins anyone's (checked in the service).
TimeWrite = Annotated[Principal, requires(Role.member, "time:write")]
TimeAdmin = Annotated[Principal, requires(Role.admin, "time:write")]
