import uuid
from datetime import date

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import Calendar, CalendarException, Project, Resource

CALENDAR_SORTS = Sortable(fields={"name": Calendar.name}, default="name", tiebreak=Calendar.id)
EXCEPTION_SORTS = Sortable(
    fields={"date": CalendarException.date}, default="date", tiebreak=CalendarException.id
)


class CalendarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, calendar: Calendar) -> Calendar:
        self.session.add(calendar)
        await self.session.flush()
        return calendar

    async def get(self, workspace_id: uuid.UUID, calendar_id: uuid.UUID) -> Calendar | None:
        return await self.session.get(Calendar, (workspace_id, calendar_id))

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Calendar], str | None]:
        statement = select(Calendar).where(Calendar.workspace_id == workspace_id)
        return await paginate(self.session, statement, params, CALENDAR_SORTS)

    async def clear_default(self, workspace_id: uuid.UUID) -> None:
        await self.session.execute(
            update(Calendar)
            .where(Calendar.workspace_id == workspace_id, Calendar.is_default)
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

    async def delete(self, calendar: Calendar) -> None:
        await self.session.delete(calendar)
        await self.session.flush()

    async def page_exceptions(
        self,
        workspace_id: uuid.UUID,
        calendar_id: uuid.UUID,
        params: PageParams,
        first: date | None,
        last: date | None,
    ) -> tuple[list[CalendarException], str | None]:
        statement = select(CalendarException).where(
            CalendarException.workspace_id == workspace_id,
            CalendarException.calendar_id == calendar_id,
        )
        if first is not None:
            statement = statement.where(CalendarException.date >= first)
        if last is not None:
            statement = statement.where(CalendarException.date <= last)
        return await paginate(self.session, statement, params, EXCEPTION_SORTS)

    async def exception_on(
        self, workspace_id: uuid.UUID, calendar_id: uuid.UUID, day: date
    ) -> CalendarException | None:
        return await self.session.scalar(
            select(CalendarException).where(
                CalendarException.workspace_id == workspace_id,
                CalendarException.calendar_id == calendar_id,
                CalendarException.date == day,
            )
        )

    async def add_exception(self, exception: CalendarException) -> CalendarException:
        self.session.add(exception)
        await self.session.flush()
        return exception

    async def delete_exception(
        self, workspace_id: uuid.UUID, calendar_id: uuid.UUID, exception_id: uuid.UUID
    ) -> CalendarException | None:
        exception = await self.session.get(CalendarException, (workspace_id, exception_id))
        if exception is None or exception.calendar_id != calendar_id:
            return None
        await self.session.execute(
            delete(CalendarException).where(
                CalendarException.workspace_id == workspace_id, CalendarException.id == exception_id
            )
        )
        return exception
