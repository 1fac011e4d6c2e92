"""A project's stakeholders: members with a role in it. A stakeholder row has no id of its own,
so its events name the member."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.events.service import record_change
from app.kit.errors import NotFound
from app.kit.pagination import PageParams
from app.models import Stakeholder
from app.projects import service as projects
from app.stakeholders import schemas
from app.stakeholders.repository import StakeholderRepository


async def page(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, params: PageParams
) -> tuple[list[Stakeholder], str | None]:
    project = await projects.get_project(session, principal, project_id)
    return await StakeholderRepository(session).page_matching(
        project.workspace_id, params, project_id=project.id
    )


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
        record_change(
            session,
            principal,
            "stakeholder.created",
            project,
            {"role": {"before": None, "after": row.role}},
            entity_id=member_id,
        )
    elif row.role != data.role:
        before, row.role = row.role, data.role.value
        await session.flush()
        record_change(
            session,
            principal,
            "stakeholder.updated",
            project,
            {"role": {"before": before, "after": row.role}},
            entity_id=member_id,
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
    record_change(
        session,
        principal,
        "stakeholder.deleted",
        project,
        {"role": {"before": role, "after": None}},
        entity_id=member_id,
    )
