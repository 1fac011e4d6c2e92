from typing import Annotated

from app.auth.access import Ctx, Role, requires

# A project's schedule, and a what-if on it, are read with the project.
ScheduleRead = Annotated[Ctx, requires(Role.viewer, "projects:read")]
