"""The Spark engine: the pipeline's workspace as a Spark SQL database (``tipflow[spark]``).

A :class:`SparkWorkspace` answers the same calls as a DuckDB connection (``execute`` with
parameters, ``fetchall``, ``register`` of an Arrow table, ``unregister``, ``close``), so every
stage runs on it unchanged: each statement, written in DuckDB's dialect, is translated by
:mod:`tipflow.engine.spark_dialect`. Tables are Parquet tables of one Spark database per
workspace.

PySpark is imported only here and only when a Spark workspace is opened: the embedded default
never needs it.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipflow.engine.spark_dialect import to_spark
from tipflow.errors import TipflowError

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

DEFAULT_MASTER = "local[*]"


@dataclass(frozen=True)
class SparkSettings:
    """How tipflow starts its Spark session (ignored when one is already running)."""

    master: str = DEFAULT_MASTER
    shuffle_partitions: int = 8
    driver_memory: str = "4g"
    local_directory: Path | None = None

    @classmethod
    def from_environment(cls, master: str | None = None) -> SparkSettings:
        """``TIPFLOW_SPARK_MASTER``, ``TIPFLOW_SPARK_SHUFFLE_PARTITIONS`` and
        ``TIPFLOW_SPARK_DRIVER_MEMORY`` override the defaults; ``master`` overrides all."""
        partitions = os.environ.get("TIPFLOW_SPARK_SHUFFLE_PARTITIONS")
        return cls(
            master=master or os.environ.get("TIPFLOW_SPARK_MASTER") or DEFAULT_MASTER,
            shuffle_partitions=int(partitions) if partitions else cls.shuffle_partitions,
            driver_memory=os.environ.get("TIPFLOW_SPARK_DRIVER_MEMORY") or cls.driver_memory,
        )


def spark_session(settings: SparkSettings | None = None) -> SparkSession:
    """The process's Spark session, started on first use with tipflow's settings."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise TipflowError(
            "the Spark engine needs PySpark: pip install 'tipflow[spark]'"
        ) from error
    settings = settings or SparkSettings.from_environment()
    # Spark's Python workers run tipflow's own functions: the same interpreter as this one
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(settings.master)
        .appName("tipflow")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(settings.shuffle_partitions))
        .config("spark.driver.memory", settings.driver_memory)
        .config("spark.sql.session.timeZone", "UTC")
        # DuckDB's semantics: NULL for a division by zero, not an error
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.legacy.createHiveTableByDefault", "false")
    )
    jars = _splink_jars()
    if jars:
        builder = builder.config("spark.jars", jars)
    if settings.local_directory is not None:
        builder = builder.config("spark.local.dir", str(settings.local_directory))
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    session.udf.register("tipflow_strip_accents", _strip_accents, "string")
    return session


def _splink_jars() -> str:
    """Splink's similarity functions (Jaro-Winkler...) for Spark, shipped in its wheel."""
    try:
        from splink.internals.spark.jar_location import similarity_jar_location
    except ImportError:  # pragma: no cover
        return ""
    return str(similarity_jar_location())


def _strip_accents(text: str | None) -> str | None:
    """DuckDB's ``strip_accents``: the letters without their combining marks."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class SparkWorkspace:
    """A workspace on Spark: one database (``name``), its tables stored under ``location``."""

    dialect = "spark"

    def __init__(self, session: SparkSession, name: str, location: Path | None = None) -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise TipflowError(f"a Spark workspace name is lower-case letters, digits, _: {name}")
        self.session = session
        self.name = name
        self.location = location
        where = f" LOCATION '{location.resolve().as_uri()}'" if location is not None else ""
        session.sql(f"CREATE DATABASE IF NOT EXISTS {name}{where}")
        session.catalog.setCurrentDatabase(name)
        self._result: DataFrame | None = None

    def execute(self, query: str, parameters: Any = None) -> SparkWorkspace:
        """Run one DuckDB-dialect statement (its rows are read with :meth:`fetchall`)."""
        self.session.catalog.setCurrentDatabase(self.name)
        frame = None
        for statement in to_spark(query, parameters).statements:
            try:
                frame = self.session.sql(statement)
            except Exception as error:
                error.add_note(f"Spark SQL translated from the workspace's SQL:\n{statement}")
                raise
        self._result = frame
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        if self._result is None:
            return []
        rows = [tuple(row) for row in self._result.collect()]
        self._result = None
        return rows

    def arrow(self, query: str) -> pa.Table:
        """A query's rows as an Arrow table (results leave Spark this way)."""
        self.execute(query)
        assert self._result is not None
        table = self._result.toArrow()
        self._result = None
        return table

    def register(self, view_name: str, python_object: pa.Table) -> SparkWorkspace:
        """Make an Arrow table readable under ``view_name`` (a temporary view)."""
        self.session.createDataFrame(python_object).createOrReplaceTempView(view_name)
        return self

    def unregister(self, view_name: str) -> SparkWorkspace:
        self.session.catalog.dropTempView(view_name)
        return self

    def table_exists(self, name: str) -> bool:
        return bool(self.session.catalog.tableExists(f"{self.name}.{name}"))

    def tables(self) -> list[str]:
        """The workspace's tables (not its temporary views), by name."""
        return sorted(
            table.name
            for table in self.session.catalog.listTables(self.name)
            if not table.isTemporary and table.tableType != "VIEW"
        )

    def table_kind(self, name: str) -> str | None:
        """``BASE TABLE``, ``VIEW`` or None, as DuckDB's information schema names them."""
        for table in self.session.catalog.listTables(self.name):
            if table.name == name:
                return "VIEW" if table.isTemporary or table.tableType == "VIEW" else "BASE TABLE"
        return None

    def drop(self) -> None:
        """Remove the workspace's database and its tables."""
        self.session.sql(f"DROP DATABASE IF EXISTS {self.name} CASCADE")

    def close(self) -> None:
        """Nothing to close: the session is the process's and outlives a workspace."""
        self._result = None
