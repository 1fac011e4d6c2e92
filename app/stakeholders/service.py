"""A project's stakeholders: members with a role in it. A stakeholder row has no id of its own,
so its events name the member."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.events.service import record
from app.kit.errors import NotFound
from app.kit.pagination import PageParams
from app.models import Project, Stakeholder
from app.projects import service as projects
from app.stakeholders import schemas
from app.stakeholders.repository import StakeholderRepository


def _record(
    session: AsyncSession,
    principal: Principal,
    project: Project,
    member_id: uuid.UUID,
    type_: str,
    role: dict[str, str | None],
) -> None:
    record(
        session,
        principal,
        type_,
        entity_type="stakeholder",
        entity_id=member_id,
        workspace_id=project.workspace_id,
        project_id=project.id,
        changes={"role": role},
    )


async def page(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, params: PageParams
) -> tuple[list[Stakeholder], str | None]:
    project = await projects.get_project(session, principal, project_id)
    return await StakeholderRepository(session).page(project.workspace_id, project.id, params)


async def set_role(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    member_id: uuid.UUID,
    data: schemas.StakeholderSet,
) -> Stakeholder:
    """Make a member a stakeholder with a role, or change their role."""
    repo = StakeholderRepository(session)
    project = await projects.writable_project(session, principal, project_id)
    await projects.check_member(session, project.workspace_id, "/path/member_id", member_id)
    row = await repo.get(project.workspace_id, project.id, member_id)
    if row is None:
        row = await repo.add(
            Stakeholder(
                workspace_id=project.workspace_id,
                project_id=project.id,
                member_id=member_id,
                role=data.role.value,
            )
        )
        _record(
            session,
            principal,
            project,
            member_id,
            "stakeholder.created",
            {"before": None, "after": row.role},
        )
    elif row.role != data.role:
        before, row.role = row.role, data.role.value
        await session.flush()
        _record(
            session,
            principal,
            project,
            member_id,
            "stakeholder.updated",
            {"before": before, "after": row.role},
        )
    return row


async def remove(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, member_id: uuid.UUID
) -> None:
    repo = StakeholderRepository(session)
    project = await projects.writable_project(session, principal, project_id)
    row = await repo.get(project.workspace_id, project.id, member_id)
    if row is None:
        raise NotFound("This member is not a stakeholder.", code="stakeholder_not_found")
    role = row.role
    await repo.delete(row)
    _record(
        session,
        principal,
        project,
        member_id,
        "stakeholder.deleted",
        {"before": role, "after": None},
    )
