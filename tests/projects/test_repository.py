import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Project
from app.projects.repository import ProjectRepository
from tests.support.http import ClientFactory


async def test_task_numbers_are_reserved_in_blocks_without_touching_the_version(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    wid, pid = uuid.UUID(workspace["id"]), uuid.UUID(project["id"])

    async with sessionmaker() as session:
        repo = ProjectRepository(session)
        firsts = [await repo.take_task_numbers(wid, pid, count) for count in (1, 3, 2)]
        await session.commit()
    async with sessionmaker() as session:
        stored = await session.get(Project, (wid, pid))

    assert firsts == [1, 2, 5]
    assert stored is not None
    assert (stored.next_task_number, stored.version) == (7, 1)
    assert stored.updated_at.isoformat().replace("+00:00", "Z") == project["updated_at"]
