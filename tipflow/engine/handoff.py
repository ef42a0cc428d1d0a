"""Hand the checked tables of a DuckDB workspace to a Spark workspace, as Parquet.

The reader (checks, quarantine, line numbers) runs on DuckDB; what it accepted is written to
``RESULTS/spark/input/<table>/`` as Parquet and becomes the Spark workspace's tables (external
tables over those files: nothing is copied twice). The Spark workspace's own tables are stored
under ``RESULTS/spark/workspace/``.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tipflow.engine.duckdb import EngineSettings, connect
from tipflow.engine.spark import SparkSettings, SparkWorkspace, spark_session
from tipflow.engine.sql import quote_identifier, sql_string
from tipflow.errors import TipflowError

SPARK_FOLDER = "spark"
#: Characters Spark's file listing (Hadoop's) takes for a pattern, not a name.
_HADOOP_PATTERN_CHARACTERS = "[]{}*?"
#: Tables of the reader's that the detection stages do not read.
_NOT_HANDED = ("ingest_runs",)


def workspace_name(out: Path) -> str:
    """The Spark database of a results folder: one per folder, whatever the working directory."""
    digest = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    return f"tipflow_{digest}"


def open_spark_workspace(
    duckdb_workspace: Path,
    out: Path,
    settings: SparkSettings | None = None,
    engine: EngineSettings | None = None,
) -> SparkWorkspace:
    """A fresh Spark workspace for ``out`` holding the accepted tables of ``duckdb_workspace``."""
    folder = out / SPARK_FOLDER
    if any(c in str(folder.resolve()) for c in _HADOOP_PATTERN_CHARACTERS):
        raise TipflowError(
            f"the results folder {out} has one of {_HADOOP_PATTERN_CHARACTERS} in its path,"
            " which Spark reads as a file pattern: choose another folder for --engine spark"
        )
    session = spark_session(settings)
    name = workspace_name(out)
    session.sql(f"DROP DATABASE IF EXISTS {name} CASCADE")
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "input").mkdir(parents=True)
    workspace = SparkWorkspace(session, name, folder / "workspace")
    con = connect(duckdb_workspace, engine)
    try:
        tables = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name"
            ).fetchall()
        ]
        for table in tables:
            if table in _NOT_HANDED or table.startswith("quarantine_"):
                continue
            target = folder / "input" / table
            target.mkdir()
            con.execute(
                f"COPY {quote_identifier(table)} TO "
                f"{sql_string(str(target / 'part-0.parquet'))} (FORMAT parquet)"
            )
            session.sql(
                f"CREATE TABLE {name}.{table} USING PARQUET LOCATION '{target.resolve().as_uri()}'"
            )
    finally:
        con.close()
    return workspace


def attach_spark_tables(workspace: SparkWorkspace, duckdb_workspace: Path) -> list[str]:
    """Make the Spark workspace's tables readable in the DuckDB workspace, as views over their
    Parquet files (nothing is copied), so that the commands that read a results folder's
    workspace (``ui``, ``report``, ``network``) work after a Spark run. Tables the reader
    handed over are there already. Returns the tables attached."""
    folder = workspace.location
    if folder is None:
        raise ValueError("only a workspace with a location can be attached")
    con = connect(duckdb_workspace)
    attached: list[str] = []
    try:
        present = {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary"
            ).fetchall()
        }
        for table in workspace.tables():
            if table in present:
                continue
            files = sorted((folder / table).glob("*.parquet"))
            if files:
                source = f"read_parquet({sql_string(str(folder / table / '*.parquet'))})"
                con.execute(
                    f"CREATE OR REPLACE VIEW {quote_identifier(table)} AS SELECT * FROM {source}"
                )
            else:  # an empty table: Spark wrote no file, only the schema knows its columns
                con.register("_empty", workspace.arrow(f"SELECT * FROM {table} LIMIT 0"))
                con.execute(
                    f"CREATE OR REPLACE TABLE {quote_identifier(table)} AS SELECT * FROM _empty"
                )
                con.unregister("_empty")
            attached.append(table)
    finally:
        con.close()
    return attached
