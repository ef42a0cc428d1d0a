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

SPARK_FOLDER = "spark"
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
