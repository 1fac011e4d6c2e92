from typing import Annotated

from app.auth.access import Ctx, Role, acting

# Weeks are time: everyone in the workspace reads them, members submit their own (admins and team
# leads decide, checked in the service), and reopening a locked week takes an admin.
TimesheetsRead = Annotated[Ctx, acting(Role.viewer, "time:read")]
TimesheetsWrite = Annotated[Ctx, acting(Role.member, "time:write")]
TimesheetsAdmin = Annotated[Ctx, acting(Role.admin, "time:write")]
