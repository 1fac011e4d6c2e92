"""The list query both servers run, as the app issues it: SQL text plus parameter roles.

bench.tasks_probe captures the statement `tasks:list` sends for one request; each parameter
that carried one of that request's values (workspace, project, status category, assignee)
becomes a role, any other one stays the literal it was. `args` fills the roles for another
request, so the baseline replays the app's exact SQL whatever the app's code turns it into.
"""

import json
import uuid
from dataclasses import dataclass
from typing import Any

LITERALS = (int, float, str, bool, type(None))


@dataclass(frozen=True)
class Filters:
    """One request of the benchmark: `?project_id=&status_category=&assignee=`."""

    project_id: uuid.UUID
    category: str
    assignee_id: uuid.UUID

    def path(self, workspace_id: uuid.UUID, limit: int) -> str:
        return (
            f"/api/v1/workspaces/{workspace_id}/tasks?project_id={self.project_id}"
            f"&status_category={self.category}&assignee={self.assignee_id}&limit={limit}"
        )


@dataclass(frozen=True)
class Param:
    role: str | None  # workspace, project, category or assignee; None for a literal
    value: Any = None


@dataclass(frozen=True)
class ListQuery:
    sql: str
    params: tuple[Param, ...]

    @classmethod
    def from_capture(
        cls, sql: str, values: tuple[Any, ...], workspace_id: uuid.UUID, filters: Filters
    ) -> "ListQuery":
        by_value = {
            workspace_id: "workspace",
            filters.project_id: "project",
            filters.category: "category",
            filters.assignee_id: "assignee",
        }
        params = []
        for value in values:
            role = by_value.get(value)
            if role is None and not isinstance(value, LITERALS):
                raise ValueError(f"cannot replay the parameter {value!r} of the list query")
            params.append(Param(role, None if role else value))
        return cls(sql, tuple(params))

    def args(self, workspace_id: uuid.UUID, filters: Filters) -> list[Any]:
        values = {
            "workspace": workspace_id,
            "project": filters.project_id,
            "category": filters.category,
            "assignee": filters.assignee_id,
        }
        return [values[p.role] if p.role else p.value for p in self.params]

    def to_json(self) -> str:
        return json.dumps({"sql": self.sql, "params": [[p.role, p.value] for p in self.params]})

    @classmethod
    def from_json(cls, text: str) -> "ListQuery":
        data = json.loads(text)
        return cls(data["sql"], tuple(Param(role, value) for role, value in data["params"]))
