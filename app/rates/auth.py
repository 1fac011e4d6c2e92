from typing import Annotated

from app.auth.access import Ctx, Role, requires

# Hourly rates are private: only admins see or change them (reports show the resulting sums).
RatesRead = Annotated[Ctx, requires(Role.admin, "time:read")]
RatesWrite = Annotated[Ctx, requires(Role.admin, "time:write")]
