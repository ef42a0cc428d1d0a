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
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tipflow.engine.sql import sql_string

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
