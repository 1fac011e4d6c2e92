from typing import Annotated

from app.auth.access import Ctx, Role, acting

# Hourly rates are private: only admins see or change them (reports show the resulting sums).
RatesRead = Annotated[Ctx, acting(Role.admin, "time:read")]
RatesWrite = Annotated[Ctx, acting(Role.admin, "time:write")]
