"""All models, imported here so that Alembic and the mappers see every table."""

from app.models.api_token import ApiToken
from app.models.base import Base
from app.models.calendar import Calendar, CalendarException
from app.models.dependency import Dependency
from app.models.event import Event
from app.models.invitation import Invitation
from app.models.notification import Notification
from app.models.project import (
    CapacityReservation,
    PhaseTransition,
    Project,
    RecurringRule,
    Stakeholder,
    WorkflowStatus,
)
from app.models.request_control import IdempotencyRecord, LoginThrottle, RateLimitBucket
from app.models.resource import Allocation, Resource, TimeOff
from app.models.task import (
    Comment,
    Label,
    Task,
    TaskAssignee,
    TaskLabel,
    TaskWatcher,
)
from app.models.time_tracking import Rate, TimeEntry, Timesheet, WorkType
from app.models.user import AuthSession, User
from app.models.workspace import Member, Team, TeamMember, Workspace

__all__ = [
    "Allocation",
    "ApiToken",
    "AuthSession",
    "Base",
    "Calendar",
    "CalendarException",
    "CapacityReservation",
    "Comment",
    "Dependency",
    "Event",
    "IdempotencyRecord",
    "Invitation",
    "Label",
    "LoginThrottle",
    "Member",
    "Notification",
    "PhaseTransition",
    "Project",
    "Rate",
    "RateLimitBucket",
    "RecurringRule",
    "Resource",
    "Stakeholder",
    "Task",
    "TaskAssignee",
    "TaskLabel",
    "TaskWatcher",
    "Team",
    "TeamMember",
    "TimeEntry",
    "TimeOff",
    "Timesheet",
    "User",
    "WorkType",
    "WorkflowStatus",
    "Workspace",
]
