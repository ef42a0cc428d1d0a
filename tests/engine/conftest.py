"""The ``backend`` fixture: each engine test runs on DuckDB and on local Spark.

Spark's cases share one session (started once per test process with the test settings:
``local[1]``, two shuffle partitions, no UI) and each gets a database of its own, dropped after.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.support.spark import BACKENDS, SPARK_TEST_SETTINGS, skip_without_spark
from tipflow.engine.duckdb import connect
from tipflow.engine.spark import SparkSettings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


@pytest.fixture(scope="session")
def spark_settings() -> SparkSettings:
    return SPARK_TEST_SETTINGS


@pytest.fixture(scope="session")
def spark(spark_settings: SparkSettings) -> SparkSession:
    """The process's Spark session (started on first use; it lives as long as the process)."""
    skip_without_spark()
    from tipflow.engine.spark import spark_session

    return spark_session(spark_settings)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A fresh, empty workspace on the engine the case names (``backend.dialect`` on Spark)."""
    if request.param == "duckdb":
        con = connect(None)
        yield con
        con.close()
        return
    session = request.getfixturevalue("spark")
    from tipflow.engine.spark import SparkWorkspace

    workspace = SparkWorkspace(session, f"test_{uuid.uuid4().hex[:12]}", tmp_path / "spark")
    try:
        yield workspace
    finally:
        for table in session.catalog.listTables(workspace.name):
            if table.isTemporary:  # views of register() and CREATE VIEW are the session's
                session.catalog.dropTempView(table.name)
        workspace.drop()
        session.catalog.setCurrentDatabase("default")
