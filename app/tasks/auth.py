from typing import Annotated

from app.auth.access import Principal, Role, requires

TasksRead = Annotated[Principal, requires(Role.viewer, "tasks:read")]
TasksWrite = Annotated[Principal, requires(Role.member, "tasks:write")]
