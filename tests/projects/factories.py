"""Tasks straight into the database for the projects tests (the tasks API is tested on its
own), and a look at what a task holds."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Task
from app.projects.repository import ProjectRepository


def projects_url(workspace_id: str) -> str:
    return f"/api/v1/workspaces/{workspace_id}/projects"


async def make_task(
    sessionmaker: async_sessionmaker[AsyncSession],
    workspace_id: str,
    project_id: str,
    status_id: str,
    **overrides: Any,
) -> uuid.UUID:
    wid, pid = uuid.UUID(workspace_id), uuid.UUID(project_id)
    async with sessionmaker() as session:
        number = await ProjectRepository(session).take_task_numbers(wid, pid, 1)
        task = Task(
            workspace_id=wid,
            project_id=pid,
            number=number,
            title=f"Task {number}",
            status_id=uuid.UUID(status_id),
            **overrides,
        )
        session.add(task)
        await session.commit()
        return task.id


async def task_state(
    sessionmaker: async_sessionmaker[AsyncSession], task_id: uuid.UUID
) -> tuple[str, datetime | None]:
    """`(status_id, completed_at)` of a task as stored."""
    async with sessionmaker() as session:
        row = (
            await session.execute(
                select(Task.status_id, Task.completed_at).where(Task.id == task_id)
            )
        ).one()
        return str(row.status_id), row.completed_at
