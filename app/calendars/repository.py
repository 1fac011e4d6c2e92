import uuid
from datetime import date

from sqlalchemy import func, or_, select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository, in_range
from app.models import Calendar, CalendarException, Project, Resource


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
