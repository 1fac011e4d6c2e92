"""The baseline of bench.tasks_list: the app's list query on a bare asyncpg pool.

Started by the benchmark as `python -m bench.serve bench.tasks_baseline:create_app ...` with
BENCH_DSN (a libpq URL) and BENCH_QUERY (a file holding a bench.tasks_query.ListQuery as JSON).
One GET on the same path as `tasks:list` runs the captured list SQL (which brings each task's
project key, assignee ids and label ids along) and answers the same `{items, next_cursor}`
JSON. No middleware, authentication, ORM or response validation: what the same answer costs on
the leanest stack.
"""

import base64
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from fastapi import FastAPI, Request, Response

from bench.tasks_query import Filters, ListQuery

# The app's pool: 20 connections, kept open (app/core/db.py).
POOL_MIN, POOL_MAX = 20, 20


def create_app() -> FastAPI:
    query = ListQuery.from_json(Path(os.environ["BENCH_QUERY"]).read_text())
    dsn = os.environ["BENCH_DSN"]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with asyncpg.create_pool(dsn, min_size=POOL_MIN, max_size=POOL_MAX) as pool:
            app.state.pool = pool
            yield

    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/api/v1/workspaces/{workspace_id}/tasks")
    async def list_tasks(
        request: Request,
        workspace_id: uuid.UUID,
        project_id: uuid.UUID,
        status_category: str,
        assignee: uuid.UUID,
        limit: int = 50,
    ) -> Response:
        filters = Filters(project_id, status_category, assignee)
        pool: asyncpg.Pool = request.app.state.pool
        async with pool.acquire() as connection:
            rows = await connection.fetch(query.sql, *query.args(workspace_id, filters))
        page = rows[:limit]
        body = {
            "items": [_item(row) for row in page],
            "next_cursor": _cursor(page[-1]) if len(rows) > limit else None,
        }
        return Response(json.dumps(body, default=_encode), media_type="application/json")

    return app


def _ids(aggregated: str) -> list[str]:
    return sorted(json.loads(aggregated))


def _item(row: asyncpg.Record) -> dict[str, Any]:
    """A task as app.tasks.schemas.Task serialises it, field for field."""
    hours = row["estimate_hours"]
    return {
        "id": row["id"],
        "key": row["key"],
        "project_id": row["project_id"],
        "parent_id": row["parent_id"],
        "title": row["title"],
        "description": row["description"],
        "status_id": row["status_id"],
        "priority": row["priority"],
        "assignee_ids": _ids(row["assignee_ids"]),
        "label_ids": _ids(row["label_ids"]),
        "start_date": row["start_date"],
        "duration_days": row["duration_days"],
        "finish_date": row["finish_date"],
        "due_date": row["due_date"],
        "estimate_hours": float(hours) if hours is not None else None,
        "scheduling_mode": row["scheduling_mode"],
        "constraint_type": row["constraint_type"],
        "constraint_date": row["constraint_date"],
        "leveling_delay_days": row["leveling_delay_days"],
        "position": row["position"],
        "completed_at": row["completed_at"],
        "version": row["version"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def _encode(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot encode {value!r}")


def _cursor(row: asyncpg.Record) -> str:
    """app.kit.pagination's cursor for the default sort (created_at, then id)."""
    payload = {"s": "created_at", "v": [row["created_at"].isoformat(), str(row["id"])]}
    text = json.dumps(payload, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
