from typing import Annotated

from app.auth.access import Principal, Role, requires

# Hourly rates are private: only admins see or change them (reports show the resulting sums).
RatesRead = Annotated[Principal, requires(Role.admin, "time:read")]
RatesWrite = Annotated[Principal, requires(Role.admin, "time:write")]
