"""The embedded DuckDB engine: how tipflow opens a workspace and runs SQL on it.

Settings that the pipeline's correctness depends on are set here, once:

* ``preserve_insertion_order`` must stay on: the reader numbers rows by their ``rowid`` in a
  table created straight from a file scan, which DuckDB documents as keeping file order.
* ``TimeZone`` is UTC so that casts of zoned Parquet timestamps do not depend on the machine.
* progress tracking is on but never printed, so that :mod:`tipflow.engine.progress` can poll
  ``query_progress()`` and draw its own bar;
* memory is capped at ``DEFAULT_MEMORY_LIMIT`` unless ``TIPFLOW_MEMORY_LIMIT`` says otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

Connection = duckdb.DuckDBPyConnection

#: DuckDB's own default is 80 % of the machine's memory, and it uses it: screening 10 M
#: transactions peaked at 6.4 GB. With 4 GB it spills a little to disk, peaks at 4.2 GB and ran
#: no slower (docs/benchmarks.md). Raise it with TIPFLOW_MEMORY_LIMIT on a bigger machine.
DEFAULT_MEMORY_LIMIT = "4GB"


@dataclass(frozen=True)
class EngineSettings:
    """Resource limits for one DuckDB connection (``None`` keeps DuckDB's default)."""

    memory_limit: str | None = None
    threads: int | None = None
    temp_directory: Path | None = None

    @classmethod
    def from_environment(cls) -> EngineSettings:
        """Read ``TIPFLOW_MEMORY_LIMIT`` (e.g. ``8GB``; ``DEFAULT_MEMORY_LIMIT`` when unset) and
        ``TIPFLOW_THREADS``."""
        threads = os.environ.get("TIPFLOW_THREADS")
        return cls(
            memory_limit=os.environ.get("TIPFLOW_MEMORY_LIMIT") or DEFAULT_MEMORY_LIMIT,
            threads=int(threads) if threads else None,
        )


def connect(database: Path | None, settings: EngineSettings | None = None) -> Connection:
    """Open (or create) a DuckDB database file, or an in-memory one when ``database`` is None."""
    settings = settings or EngineSettings.from_environment()
    con = duckdb.connect(str(database) if database is not None else ":memory:")
    con.execute("SET preserve_insertion_order = true")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    if settings.memory_limit:
        con.execute(f"SET memory_limit = {sql_string(settings.memory_limit)}")
    if settings.threads:
        con.execute(f"SET threads = {int(settings.threads)}")
    if settings.temp_directory:
        con.execute(f"SET temp_directory = {sql_string(str(settings.temp_directory))}")
    return con


def quote_identifier(name: str) -> str:
    """Quote a column or table name for SQL, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def sql_string(value: str) -> str:
    """A SQL string literal holding exactly ``value``."""
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: Iterable[str]) -> str:
    """The literals of ``values`` for an ``IN (...)`` list, comma-separated (empty for none)."""
    return ", ".join(sql_string(value) for value in values)


def first_row(con: Connection, sql: str, parameters: list[Any] | None = None) -> tuple[Any, ...]:
    """The first row of a query that returns exactly one (an aggregate, a count).

    Fetches the whole result: DuckDB 2 keeps a partly fetched result open on the connection,
    and then refuses other work on it (``register`` among others).
    """
    rows = con.execute(sql, parameters or []).fetchall()
    if len(rows) != 1:
        raise ValueError(f"expected one row, got {len(rows)}: {sql}")
    return tuple(rows[0])


def scalar(con: Connection, sql: str, parameters: list[Any] | None = None) -> Any:
    """The single value of a one-row, one-column query."""
    return first_row(con, sql, parameters)[0]


def row_count(con: Connection, table: str) -> int:
    return int(scalar(con, f"SELECT count(*) FROM {quote_identifier(table)}"))


def table_exists(con: Connection, name: str) -> bool:
    sql = "SELECT count(*) FROM duckdb_tables() WHERE table_name = ? AND NOT temporary"
    return bool(scalar(con, sql, [name]))
