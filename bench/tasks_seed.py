"""A throwaway PostgreSQL database for bench.tasks_list, migrated and bulk-loaded with COPY.

One workspace owned by the benchmark user, MEMBERS more members, LABELS labels, the projects
(each with the five default workflow statuses, as app/projects/service.py creates them, and a
team of TEAM_SIZE members) and the tasks: created in time order over the last two years, so their
UUIDv7 ids follow created_at as in production, each in a random project with 1-2 assignees from
its team and 0-2 labels. The API tokens (scope tasks:read) belong to the benchmark user.

The load runs as pg_restore does: the task tables' foreign keys and secondary indexes are
dropped, the rows COPYed, and they are recreated from their catalog definitions (so the schema
stays exactly the migrated one, and the foreign keys validate the generated rows).
"""

import asyncio
import random
import uuid
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url

from app.core.ids import new_id
from app.core.security import digest, new_api_token
from tests.support.database import migrate

SERVER = "postgresql://postgres@127.0.0.1:5432"
MEMBERS = 50
TEAM_SIZE = 8
LABELS = 30
CHUNK = 100_000
HISTORY = timedelta(days=730)
BULK_TABLES = ("task", "task_assignee", "task_label")
# The five default statuses in position order, and how often a task is in each category.
STATUSES = (
    ("Backlog", "backlog", 15),
    ("Todo", "todo", 25),
    ("In Progress", "in_progress", 15),
    ("Done", "done", 40),
    ("Cancelled", "cancelled", 5),
)
DONE = 3
PRIORITIES = ("none", "low", "medium", "high", "urgent")
VERBS = ("Draft", "Review", "Fix", "Ship", "Plan", "Migrate", "Test", "Document", "Refine")
NOUNS = ("invoice export", "login flow", "backlog", "Q3 budget", "API docs", "onboarding")
DESCRIPTIONS = (
    "",
    "Follow up with the client.",
    "Steps:\n\n1. Reproduce on staging.\n2. Write the failing test.\n3. Fix and deploy.",
    "Context: the current process takes a day of manual work every month. " * 4,
    "See the linked spec for the acceptance criteria and the open questions. " * 8,
)
# Tasks draw their random fields from this many shapes drawn up front: a shape is one draw of
# everything but the project and the creation time, which keeps a million rows fast to make.
SHAPES = 4096
TASK_COLUMNS = (
    "workspace_id",
    "id",
    "project_id",
    "number",
    "title",
    "description",
    "status_id",
    "priority",
    "start_date",
    "duration_days",
    "finish_date",
    "due_date",
    "estimate_hours",
    "scheduling_mode",
    "position",
    "completed_at",
    "version",
    "created_at",
    "updated_at",
)
STAMPED = ("version", "created_at", "updated_at")


@dataclass(frozen=True)
class World:
    """What the benchmark needs to know about a seeded database."""

    dsn: str
    url: str
    workspace_id: uuid.UUID
    user_id: uuid.UUID
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class _Project:
    id: uuid.UUID
    statuses: tuple[uuid.UUID, ...]
    team: tuple[uuid.UUID, ...]


@dataclass(frozen=True)
class _Shape:
    category: int
    title: str
    description: str
    priority: str
    start_after: timedelta | None
    duration: int
    finish_after: timedelta | None
    due_after: timedelta | None
    estimate: Decimal | None
    updated_after: timedelta
    assignees: tuple[int, ...]  # positions in the project's team
    labels: tuple[uuid.UUID, ...]


def database_urls(name: str) -> tuple[str, str]:
    """The libpq DSN (for asyncpg) and the SQLAlchemy URL (for the app) of database `name`."""
    dsn = f"{SERVER}/{name}"
    return dsn, make_url(dsn).set(drivername="postgresql+asyncpg").render_as_string(False)


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(f"{SERVER}/postgres")
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def create_database(name: str) -> None:
    """A new, migrated database `name` (a leftover from an interrupted run is dropped first)."""
    drop_database(name)
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    migrate(database_urls(name)[1])


def drop_database(name: str) -> None:
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def seed(name: str, *, tasks: int, projects: int, tokens: int, random_seed: int = 1) -> World:
    return asyncio.run(
        _seed(name, tasks=tasks, projects=projects, tokens=tokens, random_seed=random_seed)
    )


async def _seed(name: str, *, tasks: int, projects: int, tokens: int, random_seed: int) -> World:
    dsn, url = database_urls(name)
    rng = random.Random(random_seed)
    now = datetime.now(UTC)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("SET maintenance_work_mem = '256MB'; SET work_mem = '256MB'")
        async with connection.transaction():
            workspace_id, user_id, member_ids = await _people(connection, now)
            label_ids = await _labels(connection, workspace_id, now)
            project_rows = await _projects(connection, rng, workspace_id, member_ids, projects, now)
            shapes = [_shape(rng, label_ids) for _ in range(SHAPES)]
            numbers = [0] * projects
            async with _bulk_load(connection, BULK_TABLES):
                for created in _creation_times(tasks, now):
                    await _copy_tasks(
                        connection, rng, workspace_id, project_rows, shapes, created, numbers
                    )
            await _set_next_numbers(connection, workspace_id, project_rows, numbers)
            secrets = await _tokens(connection, workspace_id, member_ids[0], tokens, now)
        await connection.execute("VACUUM ANALYZE")
        # Otherwise the checkpointer writes the load's pages out during the measured runs (over
        # a gigabyte at a million tasks, spread over minutes by checkpoint_completion_target).
        await connection.execute("CHECKPOINT")
    finally:
        await connection.close()
    return World(dsn, url, workspace_id, user_id, secrets)


async def _copy(
    connection: asyncpg.Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    await connection.copy_records_to_table(table, records=rows, columns=list(columns))


@asynccontextmanager
async def _bulk_load(connection: asyncpg.Connection, tables: Sequence[str]) -> AsyncIterator[None]:
    """Without the tables' foreign keys and secondary indexes inside; recreated on the way out."""
    owned = await connection.fetch(
        """
        SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name,
               pg_get_constraintdef(oid) AS definition
        FROM pg_constraint
        WHERE conrelid = ANY($1::regclass[]) AND contype IN ('u', 'f')
        ORDER BY contype DESC  -- unique constraints first: foreign keys may need them
        """,
        tables,
    )
    indexes = await connection.fetch(
        """
        SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
        FROM pg_index
        WHERE indrelid = ANY($1::regclass[]) AND NOT EXISTS (
            SELECT FROM pg_constraint WHERE conindid = indexrelid AND contype IN ('p', 'u', 'x')
        )
        """,
        tables,
    )
    for row in reversed(owned):
        await connection.execute(f"ALTER TABLE {row['tbl']} DROP CONSTRAINT {row['name']}")
    for row in indexes:
        await connection.execute(f"DROP INDEX {row['name']}")
    yield
    for row in indexes:
        await connection.execute(row["definition"])
    for row in owned:
        await connection.execute(
            f"ALTER TABLE {row['tbl']} ADD CONSTRAINT {row['name']} {row['definition']}"
        )


async def _people(
    connection: asyncpg.Connection, now: datetime
) -> tuple[uuid.UUID, uuid.UUID, list[uuid.UUID]]:
    """The benchmark user, its workspace and MEMBERS colleagues; member ids, the owner first."""
    stamped = (1, now, now)
    user_ids = [new_id() for _ in range(MEMBERS + 1)]
    await _copy(
        connection,
        "user_account",
        ("id", "email", "name", "password_hash", "is_active", *STAMPED),
        [
            (uid, f"bench{i}@example.com", f"Bench User {i}", "!", True, *stamped)
            for i, uid in enumerate(user_ids)
        ],
    )
    workspace_id = new_id()
    await _copy(
        connection,
        "workspace",
        ("id", "name", "timezone", "week_start", *STAMPED),
        [(workspace_id, "Bench", "UTC", 1, *stamped)],
    )
    member_ids = [new_id() for _ in user_ids]
    await _copy(
        connection,
        "member",
        ("workspace_id", "id", "user_id", "role", "weekly_capacity_hours", *STAMPED),
        [
            (workspace_id, mid, uid, "owner" if i == 0 else "member", Decimal(40), *stamped)
            for i, (mid, uid) in enumerate(zip(member_ids, user_ids, strict=True))
        ],
    )
    return workspace_id, user_ids[0], member_ids


async def _labels(
    connection: asyncpg.Connection, workspace_id: uuid.UUID, now: datetime
) -> list[uuid.UUID]:
    label_ids = [new_id() for _ in range(LABELS)]
    await _copy(
        connection,
        "label",
        ("workspace_id", "id", "name", "color", *STAMPED),
        [
            (workspace_id, lid, f"label-{i:02d}", "#6b7280", 1, now, now)
            for i, lid in enumerate(label_ids)
        ],
    )
    return label_ids


def _project_key(index: int) -> str:
    """PRJAAA, PRJAAB, ...: unique, and a valid key (2-10 capital letters)."""
    letters = ""
    for _ in range(3):
        index, rem = divmod(index, 26)
        letters = chr(ord("A") + rem) + letters
    return "PRJ" + letters


async def _projects(
    connection: asyncpg.Connection,
    rng: random.Random,
    workspace_id: uuid.UUID,
    member_ids: list[uuid.UUID],
    count: int,
    now: datetime,
) -> list[_Project]:
    projects = [
        _Project(
            id=new_id(),
            statuses=tuple(new_id() for _ in STATUSES),
            team=tuple(rng.sample(member_ids, TEAM_SIZE)),
        )
        for _ in range(count)
    ]
    start = (now - HISTORY).date()
    await _copy(
        connection,
        "project",
        (
            "workspace_id",
            "id",
            "key",
            "name",
            "description",
            "kind",
            "phase",
            "status",
            "start_date",
            "target_date",
            "owner_id",
            "next_task_number",
            *STAMPED,
        ),
        [
            (
                workspace_id,
                p.id,
                _project_key(i),
                f"Project {i}",
                "",
                "project",
                "execution",
                "active",
                start,
                start + timedelta(days=1000),
                member_ids[0],
                1,
                1,
                now,
                now,
            )
            for i, p in enumerate(projects)
        ],
    )
    await _copy(
        connection,
        "workflow_status",
        ("workspace_id", "id", "project_id", "name", "category", "position", *STAMPED),
        [
            (workspace_id, status_id, p.id, name, category, float(position), 1, now, now)
            for p in projects
            for position, (status_id, (name, category, _)) in enumerate(
                zip(p.statuses, STATUSES, strict=True), start=1
            )
        ],
    )
    return projects


def _shape(rng: random.Random, label_ids: list[uuid.UUID]) -> _Shape:
    category = rng.choices(range(len(STATUSES)), weights=[w for _, _, w in STATUSES])[0]
    duration = rng.randrange(0, 10)
    scheduled = rng.random() < 0.7
    start_after = timedelta(days=rng.randrange(0, 30))
    return _Shape(
        category=category,
        title=f"{rng.choice(VERBS)} {rng.choice(NOUNS)}",
        description=rng.choice(DESCRIPTIONS),
        priority=rng.choice(PRIORITIES),
        start_after=start_after if scheduled else None,
        duration=duration,
        finish_after=start_after + timedelta(days=max(duration - 1, 0)) if scheduled else None,
        due_after=timedelta(days=rng.randrange(7, 60)) if rng.random() < 0.5 else None,
        estimate=Decimal(rng.randrange(1, 80)) / 2 if rng.random() < 0.6 else None,
        updated_after=timedelta(hours=rng.randrange(0, 24 * 30)),
        assignees=tuple(rng.sample(range(TEAM_SIZE), rng.randint(1, 2))),
        labels=tuple(rng.sample(label_ids, rng.randint(0, 2))),
    )


def _creation_times(tasks: int, now: datetime) -> Iterator[list[datetime]]:
    """Creation times of all tasks, evenly over HISTORY, oldest first, CHUNK at a time."""
    step = HISTORY / tasks
    first = now - HISTORY
    for offset in range(0, tasks, CHUNK):
        yield [first + step * i for i in range(offset, min(offset + CHUNK, tasks))]


async def _copy_tasks(
    connection: asyncpg.Connection,
    rng: random.Random,
    workspace_id: uuid.UUID,
    projects: list[_Project],
    shapes: list[_Shape],
    created: list[datetime],
    numbers: list[int],
) -> None:
    """COPY tasks created at `created`, with assignees and labels; `numbers` counts per project."""
    draw = rng.random
    tasks: list[tuple[Any, ...]] = []
    assignees: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]] = []
    labels: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID]] = []
    for created_at in created:
        index = int(draw() * len(projects))
        numbers[index] += 1
        project, shape, task_id = projects[index], shapes[int(draw() * SHAPES)], new_id()
        tasks.append(_task_row(workspace_id, project, shape, task_id, numbers[index], created_at))
        assignees += [(workspace_id, task_id, project.team[at]) for at in shape.assignees]
        labels += [(workspace_id, task_id, label_id) for label_id in shape.labels]
    await _copy(connection, "task", TASK_COLUMNS, tasks)
    await _copy(connection, "task_assignee", ("workspace_id", "task_id", "member_id"), assignees)
    await _copy(connection, "task_label", ("workspace_id", "task_id", "label_id"), labels)


def _task_row(
    workspace_id: uuid.UUID,
    project: _Project,
    shape: _Shape,
    task_id: uuid.UUID,
    number: int,
    created_at: datetime,
) -> tuple[Any, ...]:
    """One task, in TASK_COLUMNS order."""
    day = created_at.date()
    updated_at = created_at + shape.updated_after
    return (
        workspace_id,
        task_id,
        project.id,
        number,
        shape.title,
        shape.description,
        project.statuses[shape.category],
        shape.priority,
        day + shape.start_after if shape.start_after is not None else None,
        shape.duration,
        day + shape.finish_after if shape.finish_after is not None else None,
        day + shape.due_after if shape.due_after is not None else None,
        shape.estimate,
        "auto",
        float(number),
        updated_at if shape.category == DONE else None,
        1,
        created_at,
        updated_at,
    )


async def _set_next_numbers(
    connection: asyncpg.Connection,
    workspace_id: uuid.UUID,
    projects: list[_Project],
    numbers: list[int],
) -> None:
    await connection.execute(
        """
        UPDATE project SET next_task_number = counted.n + 1
        FROM unnest($2::uuid[], $3::int[]) AS counted(id, n)
        WHERE project.workspace_id = $1 AND project.id = counted.id
        """,
        workspace_id,
        [p.id for p in projects],
        numbers,
    )


async def _tokens(
    connection: asyncpg.Connection,
    workspace_id: uuid.UUID,
    member_id: uuid.UUID,
    count: int,
    now: datetime,
) -> tuple[str, ...]:
    """`count` API tokens of the benchmark user with scope tasks:read; answers the secrets."""
    secrets = tuple(new_api_token() for _ in range(count))
    await _copy(
        connection,
        "api_token",
        ("workspace_id", "id", "member_id", "name", "prefix", "digest", "scopes", *STAMPED),
        [
            (
                workspace_id,
                new_id(),
                member_id,
                f"bench {i}",
                secret[:12],
                digest(secret),
                '["tasks:read"]',
                1,
                now,
                now,
            )
            for i, secret in enumerate(secrets)
        ],
    )
    return secrets
