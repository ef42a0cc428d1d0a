"""How the tests start Spark: one local session per test process, small and quiet.

The session is the process's (the first caller's settings win), so every test that touches
Spark, directly or through ``screen_dataset(engine="spark")``, passes these same settings.
"""

from __future__ import annotations

import shutil

import pytest

from tipflow.engine.spark import SparkSettings

#: One core, two shuffle partitions (the test data are tiny: more only adds tasks), 2 GB.
SPARK_TEST_SETTINGS = SparkSettings(master="local[1]", shuffle_partitions=2, driver_memory="2g")

#: The backends the engine tests run on; Spark's cases carry the ``spark`` marker.
BACKENDS = ["duckdb", pytest.param("spark", marks=pytest.mark.spark)]


def skip_without_spark() -> None:
    """Skip (with the reason) where Spark cannot start: no PySpark, or no Java."""
    pytest.importorskip("pyspark", reason="the Spark engine needs PySpark (tipflow[spark])")
    if shutil.which("java") is None:
        pytest.skip("the Spark engine needs Java 17 or newer on the PATH")
