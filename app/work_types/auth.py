from typing import Annotated

from app.auth.access import Ctx, Role, acting

# Whoever reads the workspace's time reads the work types it is logged as; changing them is
# workspace administration (WorkspaceAdmin).
WorkTypesRead = Annotated[Ctx, acting(Role.viewer, "time:read")]
