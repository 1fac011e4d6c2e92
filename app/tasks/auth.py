from typing import Annotated

from app.auth.access import Caller, Principal, Role, requires, requires_scope

TasksRead = Annotated[Principal, requires(Role.viewer, "tasks:read")]
TasksWrite = Annotated[Principal, requires(Role.member, "tasks:write")]
# The caller's own tasks across workspaces (a token: its workspace's only).
MyTasksRead = Annotated[Caller, requires_scope("tasks:read")]
