from typing import Annotated

from app.auth.access import Ctx, Principal, Role, acting

# Hourly rates are private: only admins see or change them, and only they see what time costs
# (a cost per member over known minutes is the member's rate). Bill rates stay visible as
# billable amounts: they are what the client is charged, not what a person earns.
RATES_ROLE = Role.admin
RATES_READ_SCOPE = "time:read"
RatesRead = Annotated[Ctx, acting(RATES_ROLE, RATES_READ_SCOPE)]
RatesWrite = Annotated[Ctx, acting(RATES_ROLE, "time:write")]
# How schemas say that a field is left out for whoever may not read rates.
COST_ONLY_FOR_RATE_READERS = (
    "Left out unless you may read rates (admins; a token also needs `time:read`)."
)


def may_see_costs(principal: Principal) -> bool:
    """Whether cost rates and cost amounts are shown to the caller: exactly to whoever may read
    `/rates`. Every presenter of a cost asks this, and leaves the field out otherwise."""
    if not principal.at_least(RATES_ROLE):
        return False
    return principal.token is None or RATES_READ_SCOPE in principal.token.scopes
