import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository, in_range
from app.models import Calendar, CalendarException, Member, Project, Resource, User

# Users of a calendar listed by name; the counts say how many there are in all.
USERS_LISTED = 200


class CalendarRepository(TenantRepository[Calendar]):
    model = Calendar
    sorts = Sortable.by(Calendar.name)

    async def clear_default(self, workspace_id: uuid.UUID) -> None:
        await self.session.execute(
            self.update_statement(workspace_id)
            .where(Calendar.is_default)
            .values(is_default=False, version=Calendar.version + 1)
            .execution_options(synchronize_session=False)
        )

    async def users(self, workspace_id: uuid.UUID, calendar_id: uuid.UUID) -> tuple[int, int]:
        """How many projects and how many resources follow the calendar."""
        projects = select(func.count()).where(
            Project.workspace_id == workspace_id, Project.calendar_id == calendar_id
        )
        resources = select(func.count()).where(
            Resource.workspace_id == workspace_id, Resource.calendar_id == calendar_id
        )
        row = (
            await self.session.execute(
                select(projects.scalar_subquery(), resources.scalar_subquery())
            )
        ).one()
        return row[0] or 0, row[1] or 0

    async def projects_following(
        self, calendar: Calendar
    ) -> tuple[int, list[tuple[uuid.UUID, str, bool]]]:
        """How many projects follow the calendar, and the first of them by name (id, name, and
        whether through the workspace default)."""
        follows = self._follows(Project.calendar_id, calendar)
        where = (Project.workspace_id == calendar.workspace_id, follows)
        count = await self.session.scalar(select(func.count()).select_from(Project).where(*where))
        rows = await self.session.execute(
            select(Project.id, Project.name, Project.calendar_id.is_(None))
            .where(*where)
            .order_by(Project.name, Project.id)
            .limit(USERS_LISTED)
        )
        return count or 0, [(row[0], row[1], row[2]) for row in rows]

    async def resources_following(
        self, calendar: Calendar
    ) -> tuple[int, list[tuple[uuid.UUID, str, bool]]]:
        """The same for resources; a person is named by its user."""
        follows = self._follows(Resource.calendar_id, calendar)
        where = (Resource.workspace_id == calendar.workspace_id, follows)
        count = await self.session.scalar(select(func.count()).select_from(Resource).where(*where))
        name = func.coalesce(User.name, Resource.name, "")
        rows = await self.session.execute(
            select(Resource.id, name, Resource.calendar_id.is_(None))
            .outerjoin(
                Member,
                (Member.workspace_id == Resource.workspace_id) & (Member.id == Resource.member_id),
            )
            .outerjoin(User, User.id == Member.user_id)
            .where(*where)
            .order_by(name, Resource.id)
            .limit(USERS_LISTED)
        )
        return count or 0, [(row[0], row[1], row[2]) for row in rows]

    @staticmethod
    def _follows(column: Any, calendar: Calendar) -> ColumnElement[bool]:
        """Rows naming the calendar, and for the default those naming none."""
        if calendar.is_default:
            return or_(column == calendar.id, column.is_(None))
        return column == calendar.id  # type: ignore[no-any-return]

    async def auto_projects_on(
        self, calendar: Calendar, *, include_default_users: bool
    ) -> list[Project]:
        on_calendar = Project.calendar_id == calendar.id
        if include_default_users:
            on_calendar = or_(on_calendar, Project.calendar_id.is_(None))
        rows = await self.session.scalars(
            select(Project).where(
                Project.workspace_id == calendar.workspace_id,
                Project.scheduling_mode == "auto",
                on_calendar,
            )
        )
        return list(rows)


class CalendarExceptionRepository(TenantRepository[CalendarException]):
    """The days on which a calendar's working weekdays do not hold."""

    model = CalendarException
    sorts = Sortable.by(CalendarException.date)

    async def page(
        self,
        workspace_id: uuid.UUID,
        calendar_id: uuid.UUID,
        params: PageParams,
        first: date | None,
        last: date | None,
    ) -> tuple[list[CalendarException], str | None]:
        statement = self.statement(workspace_id).where(
            CalendarException.calendar_id == calendar_id,
            *in_range(CalendarException.date, first, last),
        )
        return await self.paged(statement, params)

    async def on(
        self, workspace_id: uuid.UUID, calendar_id: uuid.UUID, day: date
    ) -> CalendarException | None:
        return await self.find(
            workspace_id,
            CalendarException.calendar_id == calendar_id,
            CalendarException.date == day,
        )

    async def remove(
        self, workspace_id: uuid.UUID, calendar_id: uuid.UUID, exception_id: uuid.UUID
    ) -> CalendarException | None:
        """Delete the calendar's exception; answer it as it was, or None if it has no such."""
        exception = await self.get(workspace_id, exception_id)
        if exception is None or exception.calendar_id != calendar_id:
            return None
        await self.delete(exception)
        return exception

    async def dates_in(
        self, workspace_id: uuid.UUID, calendar_id: uuid.UUID, first: date, last: date
    ) -> set[date]:
        """The days from `first` to `last` that already have an exception."""
        rows = await self.session.scalars(
            select(CalendarException.date).where(
                CalendarException.workspace_id == workspace_id,
                CalendarException.calendar_id == calendar_id,
                *in_range(CalendarException.date, first, last),
            )
        )
        return set(rows)
