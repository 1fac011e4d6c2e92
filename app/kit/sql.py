"""SQL constructs that read the same on PostgreSQL and SQLite."""

from typing import Any

from sqlalchemy import JSON
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class json_array_agg(FunctionElement[Any]):  # noqa: N801 - reads like the SQL function it is
    """The aggregated values as a JSON array (`json_agg` / `json_group_array`), read back as a
    list: empty, not NULL, where there is nothing to aggregate."""

    type = JSON()
    inherit_cache = True


@compiles(json_array_agg, "postgresql")
def _json_agg_postgresql(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    return f"coalesce(json_agg({compiler.process(element.clauses, **kw)}), '[]'::json)"


@compiles(json_array_agg, "sqlite")
def _json_agg_sqlite(element: json_array_agg, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"
