"""A workspace with a project to write in, and a look at what the database holds."""

import uuid
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Project, Task, TimeEntry
from tests.support.http import ClientFactory, Person


@dataclass
class Place:
    """A workspace with its owner and one project."""

    owner: Person
    wid: str
    project: dict[str, Any]

    @property
    def base(self) -> str:
        return f"/api/v1/workspaces/{self.wid}"

    @property
    def tasks(self) -> str:
        return f"{self.base}/tasks"

    @property
    def time_entries(self) -> str:
        return f"{self.base}/time-entries"

    @property
    def api_tokens(self) -> str:
        return f"{self.base}/api-tokens"

    def new_task(self, title: str) -> dict[str, Any]:
        return {"project_id": self.project["id"], "title": title}


async def place(clients: ClientFactory) -> Place:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    return Place(owner, wid, await owner.project(wid))


async def task_titles(sessionmaker: async_sessionmaker[AsyncSession], wid: str) -> Counter[str]:
    async with sessionmaker() as session:
        titles = await session.scalars(
            select(Task.title).where(Task.workspace_id == uuid.UUID(wid))
        )
        return Counter(titles)


async def entry_descriptions(
    sessionmaker: async_sessionmaker[AsyncSession], wid: str
) -> Counter[str]:
    async with sessionmaker() as session:
        descriptions = await session.scalars(
            select(TimeEntry.description).where(TimeEntry.workspace_id == uuid.UUID(wid))
        )
        return Counter(descriptions)


@asynccontextmanager
async def project_held(
    sessionmaker: async_sessionmaker[AsyncSession], where: Place
) -> AsyncIterator[None]:
    """Hold a write on the project (its row on PostgreSQL, the write lock on SQLite) while the
    block runs, so that creating a task in it waits until the block ends."""
    project_id = uuid.UUID(where.project["id"])
    async with sessionmaker() as session:
        await session.execute(
            update(Project)
            .where(Project.workspace_id == uuid.UUID(where.wid), Project.id == project_id)
            .values(name=Project.name)
        )
        yield
        await session.rollback()
