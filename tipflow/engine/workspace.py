"""The engine interface: a workspace is where a run's tables live and its SQL runs.

The pipeline's SQL is written once, in DuckDB's dialect. Two engines run it:

* DuckDB, embedded, the default: a workspace is a DuckDB connection (:mod:`.duckdb`);
* Apache Spark, for scale: a :class:`tipflow.engine.spark.SparkWorkspace` answers the same calls
  and translates each statement (:mod:`.spark_dialect`).

Stages take a :class:`Workspace` and use only these calls; what SQL cannot say the same way on
both (does a table exist, what kind is it) goes through the functions below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from tipflow.engine.sql import quote_identifier

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

ENGINES = ("duckdb", "spark")


class Workspace(Protocol):
    """The calls a stage makes on its workspace (a DuckDB connection has them all)."""

    def execute(self, query: str, parameters: Any = None) -> Any:
        """Run one statement; its rows are read by ``fetchall`` on what this returns."""

    def register(self, view_name: str, python_object: Any) -> Any:
        """Make an Arrow table readable under ``view_name`` until ``unregister``."""

    def unregister(self, view_name: str) -> Any: ...

    def close(self) -> None: ...


def engine_of(workspace: Workspace) -> str:
    """``duckdb`` or ``spark``."""
    return str(getattr(workspace, "dialect", "duckdb"))


def table_kind(workspace: Workspace, name: str) -> str | None:
    """``BASE TABLE``, ``VIEW`` or None when the workspace has no table or view ``name``."""
    own = getattr(workspace, "table_kind", None)
    if own is not None:
        kind: str | None = own(name)
        return kind
    rows = workspace.execute(
        "SELECT table_type FROM information_schema.tables "
        "WHERE table_name = ? AND table_schema = 'main'",
        [name],
    ).fetchall()
    return str(rows[0][0]) if rows else None


def table_exists(workspace: Workspace, name: str) -> bool:
    """Whether the workspace holds a (non-temporary) table ``name``."""
    own = getattr(workspace, "table_exists", None)
    if own is not None:
        return bool(own(name))
    sql = "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary"
    return bool(workspace.execute(sql, [name]).fetchall()[0][0])


def first_row(con: Workspace, sql: str, parameters: list[Any] | None = None) -> tuple[Any, ...]:
    """The first row of a query that returns exactly one (an aggregate, a count).

    Fetches the whole result: DuckDB 2 keeps a partly fetched result open on the connection,
    and then refuses other work on it (``register`` among others).
    """
    rows = con.execute(sql, parameters or []).fetchall()
    if len(rows) != 1:
        raise ValueError(f"expected one row, got {len(rows)}: {sql}")
    return tuple(rows[0])


def scalar(con: Workspace, sql: str, parameters: list[Any] | None = None) -> Any:
    """The single value of a one-row, one-column query."""
    return first_row(con, sql, parameters)[0]


def row_count(con: Workspace, table: str) -> int:
    return int(scalar(con, f"SELECT count(*) FROM {quote_identifier(table)}"))


def fetch_arrow(workspace: Workspace, sql: str) -> pa.Table:
    """A query's rows as an Arrow table, on either engine."""
    own = getattr(workspace, "arrow", None)
    if own is not None and engine_of(workspace) == "spark":
        table: pa.Table = own(sql)
        return table
    result: pa.Table = workspace.sql(sql).to_arrow_table()  # type: ignore[attr-defined]
    return result
