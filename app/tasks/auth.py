from typing import Annotated

from app.auth.access import Caller, Ctx, Role, acting, requires_scope

TasksRead = Annotated[Ctx, acting(Role.viewer, "tasks:read")]
TasksWrite = Annotated[Ctx, acting(Role.member, "tasks:write")]
# The caller's own tasks across workspaces (a token: its workspace's only).
MyTasksRead = Annotated[Caller, requires_scope("tasks:read")]
