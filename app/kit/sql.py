"""SQL constructs that read the same on PostgreSQL and SQLite, and a lean way to run a read."""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, Date, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
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


class week_after(FunctionElement[date]):  # noqa: N801 - reads like the SQL it renders
    """The day seven days after a date: the day after the week that starts on it."""

    type = Date()
    inherit_cache = True


@compiles(week_after, "postgresql")
def _week_after_postgresql(element: week_after, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} + 7)"


@compiles(week_after, "sqlite")
def _week_after_sqlite(element: week_after, compiler: SQLCompiler, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '+7 days')"


async def plain_rows(
    session: AsyncSession, statement: Select[Any], values: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The rows of a statement of plain columns, as dicts by column key.

    A page of a list is a few rows, and SQLAlchemy's machinery around one execution (greenlet
    hand-offs, cursor adaptation, result objects) costs more CPU than asyncpg needs for the
    whole query (docs/performance.md, "Task list"). So a read in autocommit on PostgreSQL
    runs the statement, compiled once, as asyncpg's prepared statement, with the bind and
    result processors SQLAlchemy would apply; the first run of each statement, any other
    connection (SQLite, or a transaction, which SQLAlchemy's adapter begins lazily) and
    statements with expanding parameters go through SQLAlchemy.
    """
    connection = await session.connection()
    prepared = _driver_statement(statement, connection.dialect)
    if prepared is None or prepared.results is None or not _autocommit(connection):
        result = await connection.execute(statement, values)
        if prepared is not None and prepared.results is None:
            prepared.learn_results(result.cursor.description)
        return [row._asdict() for row in result]
    driver = (await connection.get_raw_connection()).driver_connection
    assert driver is not None  # a checked-out connection
    try:
        records = await driver.fetch(prepared.sql, *prepared.arguments(values))
    except Exception:
        # The driver's errors bypass SQLAlchemy, which would tell a lost connection (a
        # restarted or killed backend: 503, and the pool's other connections replaced) from a
        # failed statement. So the statement, a read, runs again through SQLAlchemy, which
        # raises the error it makes of it (or answers, if the failure has passed).
        result = await connection.execute(statement, values)
        return [row._asdict() for row in result]
    return [prepared.row(record) for record in records]


def _autocommit(connection: AsyncConnection) -> bool:
    options = (
        connection.sync_connection.get_execution_options() if connection.sync_connection else {}
    )
    return bool(options.get("isolation_level") == "AUTOCOMMIT")


Processor = Callable[[Any], Any]


class _DriverStatement:
    """A statement compiled once for asyncpg: its SQL, its positional parameters with their
    bind processors, and (after a first run through SQLAlchemy) its result processors."""

    def __init__(self, statement: Select[Any], compiled: SQLCompiler, dialect: Dialect) -> None:
        binds = compiled.binds
        self.sql = compiled.string
        self.parameters: tuple[tuple[str, Processor | None], ...] = tuple(
            (name, binds[name].type.bind_processor(dialect)) for name in compiled.positiontup or ()
        )
        self.constants = {name: bind.value for name, bind in binds.items() if not bind.required}
        self.columns = [(str(column.key), column.type) for column in statement.selected_columns]
        self.dialect = dialect
        self.results: list[tuple[str, Processor]] | None = None

    def learn_results(self, description: Sequence[Sequence[Any]]) -> None:
        """The result processors SQLAlchemy picks for the type codes the driver reported."""
        processors = [
            (key, type_.dialect_impl(self.dialect).result_processor(self.dialect, column[1]))
            for (key, type_), column in zip(self.columns, description, strict=True)
        ]
        self.results = [(key, process) for key, process in processors if process is not None]

    def arguments(self, values: Mapping[str, Any]) -> list[Any]:
        arguments = []
        for name, process in self.parameters:
            value = values[name] if name in values else self.constants[name]
            arguments.append(value if process is None or value is None else process(value))
        return arguments

    def row(self, record: Any) -> dict[str, Any]:
        row = dict(record.items())
        for key, process in self.results or ():
            row[key] = process(row[key])
        return row


@lru_cache(maxsize=1024)
def _driver_statement(statement: Select[Any], dialect: Dialect) -> _DriverStatement | None:
    if dialect.driver != "asyncpg":
        return None
    compiled = statement.compile(dialect=dialect)
    if compiled.post_compile_params or compiled.literal_execute_params:
        return None  # expanding parameters: their SQL changes with the values
    return _DriverStatement(statement, compiled, dialect)
