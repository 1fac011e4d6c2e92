from typing import Annotated

from app.auth.access import Ctx, Role, acting

# A project's schedule, and a what-if on it, are read with the project.
ScheduleRead = Annotated[Ctx, acting(Role.viewer, "projects:read")]
