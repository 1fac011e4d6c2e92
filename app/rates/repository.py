import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, exists, or_, select, update

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository, same_workspace
from app.models import Member, Project, Rate, Resource, TimeEntry
from app.projects.schemas import Phase, ProjectStatus
from app.timesheets.repository import locked_week_covers


def _subject(kind: str, subject_id: uuid.UUID) -> ColumnElement[bool]:
    # Ids are unique across tables, so a cost subject matches the member or the resource it is.
    if kind == "cost":
        return or_(Rate.member_id == subject_id, Rate.resource_id == subject_id)
    return Rate.project_id == subject_id


class RateRepository(TenantRepository[Rate]):
    model = Rate
    sorts = Sortable.by(Rate.effective_from, Rate.created_at)

    # Rates sit below members and resources (setting their cost rate records one), so the
    # subjects of a new rate are looked up here.
    async def member_exists(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> bool:
        return await self.session.get(Member, (workspace_id, member_id)) is not None

    async def resource(self, workspace_id: uuid.UUID, resource_id: uuid.UUID) -> Resource | None:
        return await self.session.get(Resource, (workspace_id, resource_id))

    async def on_day(
        self, workspace_id: uuid.UUID, kind: str, subject_id: uuid.UUID, day: date
    ) -> Rate | None:
        """The rate of this subject that starts exactly on `day`."""
        return await self.find(
            workspace_id, Rate.kind == kind, _subject(kind, subject_id), Rate.effective_from == day
        )

    async def has_any(self, workspace_id: uuid.UUID, kind: str, subject_id: uuid.UUID) -> bool:
        return await self.exists(workspace_id, Rate.kind == kind, _subject(kind, subject_id))

    async def next_start(
        self, workspace_id: uuid.UUID, kind: str, subject_id: uuid.UUID, after: date
    ) -> date | None:
        """When the next rate of this subject after `after` starts."""
        return await self.session.scalar(
            self.columns(workspace_id, Rate.effective_from)
            .where(Rate.kind == kind, _subject(kind, subject_id), Rate.effective_from > after)
            .order_by(Rate.effective_from)
            .limit(1)
        )

    async def effective(
        self, workspace_id: uuid.UUID, kind: str, subject_id: uuid.UUID, day: date
    ) -> Decimal | None:
        """The hourly rate in force on `day`: the latest one starting on or before it."""
        return await self.session.scalar(
            self.columns(workspace_id, Rate.hourly_rate)
            .where(Rate.kind == kind, _subject(kind, subject_id), Rate.effective_from <= day)
            .order_by(Rate.effective_from.desc())
            .limit(1)
        )

    async def recost(
        self,
        workspace_id: uuid.UUID,
        kind: str,
        subject_id: uuid.UUID,
        start: date,
        until: date | None,
    ) -> None:
        """Re-resolve the stored rate of the subject's entries dated in [start, until), in one
        UPDATE. History is never rewritten: entries before `start`, in a submitted or approved
        week, or of a closed or archived project keep the rates they were written with."""
        if kind == "cost":
            entry_subject, column = TimeEntry.member_id, "cost_rate"
            rate_subject = Rate.member_id == TimeEntry.member_id
        else:
            entry_subject, column = TimeEntry.project_id, "bill_rate"
            rate_subject = Rate.project_id == TimeEntry.project_id
        in_force = (
            select(Rate.hourly_rate)
            .where(
                Rate.workspace_id == TimeEntry.workspace_id,
                Rate.kind == kind,
                rate_subject,
                Rate.effective_from <= TimeEntry.date,
            )
            .order_by(Rate.effective_from.desc())
            .limit(1)
            .scalar_subquery()
        )
        project_open = exists().where(
            same_workspace(Project.id, TimeEntry.project_id),
            Project.status != ProjectStatus.archived.value,
            or_(Project.phase.is_(None), Project.phase != Phase.closed.value),
        )
        statement = update(TimeEntry).where(
            TimeEntry.workspace_id == workspace_id,
            entry_subject == subject_id,
            TimeEntry.date >= start,
            ~locked_week_covers(TimeEntry.workspace_id, TimeEntry.member_id, TimeEntry.date),
            project_open,
        )
        if until is not None:
            statement = statement.where(TimeEntry.date < until)
        await self.session.execute(
            statement.values({column: in_force}).execution_options(synchronize_session=False)
        )
