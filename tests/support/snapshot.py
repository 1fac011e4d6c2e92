"""A fingerprint of everything one workspace owns, to prove a request changed nothing."""

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Base, Workspace


async def workspace_fingerprint(
    sessionmaker: async_sessionmaker[AsyncSession], workspace_id: str
) -> str:
    wid = uuid.UUID(workspace_id)
    digest = hashlib.sha256()
    async with sessionmaker() as session:
        rows = (await session.execute(select(Workspace.__table__).where(Workspace.id == wid))).all()
        digest.update(repr(rows).encode())
        for table in Base.metadata.sorted_tables:
            if "workspace_id" not in table.c:
                continue
            ordered = (
                select(table)
                .where(table.c.workspace_id == wid)
                .order_by(*table.primary_key.columns)
            )
            digest.update(
                table.name.encode() + repr((await session.execute(ordered)).all()).encode()
            )
    return digest.hexdigest()
