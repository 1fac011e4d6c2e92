from typing import Annotated

from app.auth.access import Principal, Role, requires

# Weeks are time: everyone in the workspace reads them, members submit their own (admins and team
# leads decide, checked in the service), and reopening a locked week takes an admin.
TimesheetsRead = Annotated[Principal, requires(Role.viewer, "time:read")]
TimesheetsWrite = Annotated[Principal, requires(Role.member, "time:write")]
TimesheetsAdmin = Annotated[Principal, requires(Role.admin, "time:write")]
