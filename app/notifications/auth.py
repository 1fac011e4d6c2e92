from typing import Annotated

from app.auth.access import Caller, requires_scope

# Notifications are about tasks: a token reads them with `tasks:read`, and marking them read is
# a write like any other, with `tasks:write`; either way only its own workspace's.
NotificationReader = Annotated[Caller, requires_scope("tasks:read")]
NotificationWriter = Annotated[Caller, requires_scope("tasks:write")]
