"""Everything a workload needs for one window, in a fixed number of column selects.

Never one query per resource or per day: each method is one statement over the workspace,
narrowed by the window (and by the resources asked about, when there are few).
"""

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from app.kit.repository import TenantRepository, same_workspace
from app.models import (
    Allocation,
    Calendar,
    CalendarException,
    CapacityReservation,
    Member,
    Project,
    Resource,
    Task,
    TaskAssignee,
    TeamMember,
    TimeOff,
    User,
    WorkflowStatus,
    Workspace,
)


@dataclass(frozen=True)
class ResourceRow:
    id: uuid.UUID
    kind: str
    name: str
    member_id: uuid.UUID | None
    team_id: uuid.UUID | None
    calendar_id: uuid.UUID | None
    capacity_hours_per_day: Decimal | None
    weekly_capacity_hours: Decimal | None


@dataclass(frozen=True)
class TimeOffRow:
    resource_id: uuid.UUID
    start_date: date
    end_date: date
    hours_per_day: Decimal | None


@dataclass(frozen=True)
class AllocationRow:
    id: uuid.UUID
    resource_id: uuid.UUID
    task_id: uuid.UUID | None
    start_date: date
    end_date: date
    hours_per_day: Decimal | None
    percent: Decimal | None


@dataclass(frozen=True)
class TaskAssigneeRow:
    """A dated task with one of its assignees: a task with two assignees comes as two rows."""

    id: uuid.UUID
    calendar_id: uuid.UUID | None
    start_date: date
    finish_date: date
    duration_days: int
    estimate_hours: Decimal
    member_id: uuid.UUID


@dataclass(frozen=True)
class ReservationRow:
    start_date: date
    member_id: uuid.UUID | None
    team_id: uuid.UUID | None
    hours_per_week: Decimal


class WorkloadRepository(TenantRepository[Resource]):
    """A workspace's resources, and what loads them or takes their time, for one window."""

    model = Resource

    async def week_start(self, workspace_id: uuid.UUID) -> int:
        found = await self.session.scalar(
            select(Workspace.week_start).where(Workspace.id == workspace_id)
        )
        return int(found or 1)

    async def resources(
        self,
        workspace_id: uuid.UUID,
        *,
        team_id: uuid.UUID | None = None,
        resource_ids: Collection[uuid.UUID] | None = None,
    ) -> list[ResourceRow]:
        """Resources with their member's name and weekly hours, oldest first."""
        statement = (
            self.columns(
                workspace_id,
                Resource.id,
                Resource.kind,
                Resource.name,
                User.name,
                Resource.member_id,
                Resource.team_id,
                Resource.calendar_id,
                Resource.capacity_hours_per_day,
                Member.weekly_capacity_hours,
            )
            .outerjoin(Member, same_workspace(Member.id, Resource.member_id))
            .outerjoin(User, User.id == Member.user_id)
            .order_by(Resource.created_at, Resource.id)
        )
        if team_id is not None:
            statement = statement.where(Resource.team_id == team_id)
        if resource_ids is not None:
            statement = statement.where(Resource.id.in_(set(resource_ids)))
        rows = await self.session.execute(statement)
        return [
            ResourceRow(rid, kind, user_name or name or "", mid, tid, cid, hours, weekly)
            for rid, kind, name, user_name, mid, tid, cid, hours, weekly in rows
        ]

    async def person_resource_ids(self, workspace_id: uuid.UUID) -> dict[uuid.UUID, uuid.UUID]:
        """Resource id of each member."""
        rows = await self.session.execute(
            self.columns(workspace_id, Resource.member_id, Resource.id).where(
                Resource.member_id.is_not(None)
            )
        )
        return {member_id: resource_id for member_id, resource_id in rows if member_id is not None}

    async def calendars(
        self, workspace_id: uuid.UUID
    ) -> tuple[list[tuple[uuid.UUID, list[int], bool]], list[tuple[uuid.UUID, date, bool]]]:
        """Every calendar (id, working weekdays, is default) and every exception."""
        calendars = await self.session.execute(
            select(Calendar.id, Calendar.working_weekdays, Calendar.is_default).where(
                Calendar.workspace_id == workspace_id
            )
        )
        exceptions = await self.session.execute(
            select(
                CalendarException.calendar_id, CalendarException.date, CalendarException.working
            ).where(CalendarException.workspace_id == workspace_id)
        )
        return [tuple(row) for row in calendars], [tuple(row) for row in exceptions]  # type: ignore[misc]

    async def time_off(
        self,
        workspace_id: uuid.UUID,
        start: date,
        end: date,
        resource_ids: Collection[uuid.UUID] | None,
    ) -> list[TimeOffRow]:
        statement = select(
            TimeOff.resource_id, TimeOff.start_date, TimeOff.end_date, TimeOff.hours_per_day
        ).where(
            TimeOff.workspace_id == workspace_id,
            TimeOff.start_date <= end,
            TimeOff.end_date >= start,
        )
        if resource_ids is not None:
            statement = statement.where(TimeOff.resource_id.in_(set(resource_ids)))
        return [TimeOffRow(*row) for row in await self.session.execute(statement)]

    async def task_assignees(
        self,
        workspace_id: uuid.UUID,
        start: date,
        end: date,
        member_ids: Collection[uuid.UUID] | None,
    ) -> list[TaskAssigneeRow]:
        """Tasks that put load into the window (dated, estimated, neither cancelled nor in an
        archived project), once per assignee, by task then member; with `member_ids`, only the
        tasks one of them is assigned to, but still with all their assignees (they split it)."""
        statement = (
            select(
                Task.id,
                Project.calendar_id,
                Task.start_date,
                Task.finish_date,
                Task.duration_days,
                Task.estimate_hours,
                TaskAssignee.member_id,
            )
            .join(Project, same_workspace(Project.id, Task.project_id))
            .join(WorkflowStatus, same_workspace(WorkflowStatus.id, Task.status_id))
            .join(TaskAssignee, same_workspace(TaskAssignee.task_id, Task.id))
            .where(
                Task.workspace_id == workspace_id,
                Task.start_date <= end,
                Task.finish_date >= start,
                Task.estimate_hours > 0,
                Project.status != "archived",
                WorkflowStatus.category != "cancelled",
            )
            .order_by(Task.id, TaskAssignee.member_id)
        )
        if member_ids is not None:
            # A join (deduplicated), not IN/EXISTS: for those PostgreSQL misjudges the number of
            # tasks and crosses them with every project (0.4 s instead of 0.03 s here).
            theirs = aliased(TaskAssignee)
            statement = (
                statement.join(theirs, same_workspace(theirs.task_id, Task.id))
                .where(theirs.member_id.in_(set(member_ids)))
                .distinct()
            )
        # Core execution: these rows feed the engine, no ORM entity is built from them.
        connection = await self.session.connection()
        # The filter guarantees dates and an estimate.
        return [TaskAssigneeRow(*row) for row in await connection.execute(statement)]  # type: ignore[arg-type]

    async def allocations(
        self,
        workspace_id: uuid.UUID,
        start: date,
        end: date,
        resource_ids: Collection[uuid.UUID] | None,
    ) -> list[AllocationRow]:
        """Allocations touching the window, and every allocation tied to a task that does (it
        replaces that resource's share of the task wherever its own dates lie)."""
        task_in_window = (
            select(Task.id)
            .where(
                same_workspace(Task.id, Allocation.task_id),
                Task.start_date <= end,
                Task.finish_date >= start,
            )
            .exists()
        )
        statement = (
            select(
                Allocation.id,
                Allocation.resource_id,
                Allocation.task_id,
                Allocation.start_date,
                Allocation.end_date,
                Allocation.hours_per_day,
                Allocation.percent,
            )
            .join(Project, same_workspace(Project.id, Allocation.project_id))
            .where(
                Allocation.workspace_id == workspace_id,
                Project.status != "archived",
                or_(
                    and_(Allocation.start_date <= end, Allocation.end_date >= start),
                    and_(Allocation.task_id.is_not(None), task_in_window),
                ),
            )
            .order_by(Allocation.start_date, Allocation.id)
        )
        if resource_ids is not None:
            statement = statement.where(Allocation.resource_id.in_(set(resource_ids)))
        connection = await self.session.connection()
        return [AllocationRow(*row) for row in await connection.execute(statement)]

    async def reservations(self, workspace_id: uuid.UUID, end: date) -> list[ReservationRow]:
        """Reservations of ongoing work that has started by `end` and is not archived."""
        rows = await self.session.execute(
            select(
                Project.start_date,
                CapacityReservation.member_id,
                CapacityReservation.team_id,
                CapacityReservation.hours_per_week,
            )
            .join(Project, same_workspace(Project.id, CapacityReservation.project_id))
            .where(
                CapacityReservation.workspace_id == workspace_id,
                Project.kind == "ongoing",
                Project.status != "archived",
                Project.start_date <= end,
            )
            .order_by(CapacityReservation.id)
        )
        return [
            ReservationRow(start, member_id, team_id, hours)
            for start, member_id, team_id, hours in rows
            if start is not None
        ]

    async def team_members(
        self, workspace_id: uuid.UUID, team_ids: Collection[uuid.UUID]
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        return await self.grouped_ids(
            workspace_id, TeamMember.team_id, TeamMember.member_id, team_ids
        )
