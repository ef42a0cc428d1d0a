"""Benchmark: the same world screened on DuckDB and on Spark, how far the results agree, and
how Spark's time falls as its local cores rise.

Run from the repository root (after README command 2):

    .venv/bin/python -m benchmarks.bench_engines --transactions 1000000 --spark-cores 1 2

* dataset: ``tipflow simulate`` sized to about N transactions (CSV), written once to
  ``benchmarks/data/`` and reused (the same world as ``bench_screen``'s).
* DuckDB: ``tipflow screen WORLD --out R`` in its own process (the baseline of the ratio).
* Spark: ``tipflow screen WORLD --out R --engine spark --spark-master local[k]`` for each k of
  ``--spark-cores``, each in its own process (a new JVM each time, as a user would start it).
* agreement: ``tipflow compare`` of each Spark result with DuckDB's (same flags, networks,
  typologies and evidence; scores within 1e-6).

Runs alternate; the report gives medians, ratios to DuckDB, peak memory (of the whole process
tree: a Spark run's JVM included) and the agreement, to stdout and
``benchmarks/results/engines-<N>.json`` (written after every run, so a long session that is
cut short keeps what it measured).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_screen import ensure_world
from benchmarks.report import machine, medians, peaks, save, timed_tree
from tipflow.detect.agreement import compare_results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--spark-cores", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    world = ensure_world(args.transactions, args.seed)
    rows = sum(1 for _ in (world / "transactions.csv").open("rb")) - 1
    engines = ["duckdb", *(f"spark-local[{k}]" for k in args.spark_cores)]
    runs: dict[str, list[tuple[float, float]]] = {engine: [] for engine in engines}
    agreement: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="tipflow-engines-") as scratch:
        for attempt in range(1, args.repeat + 1):
            for engine in engines:
                # no brackets in the folder: Spark reads them as a file pattern
                out = Path(scratch) / f"{engine.replace('[', '').replace(']', '')}-{attempt}"
                command = [sys.executable, "-m", "tipflow", "screen", str(world), "--out", str(out)]
                if engine != "duckdb":
                    master = engine.removeprefix("spark-")
                    command += ["--engine", "spark", "--spark-master", master]
                runs[engine].append(timed_tree(command))
                print(f"run {attempt} {engine}: {runs[engine][-1]}", flush=True)
                if engine != "duckdb":
                    duckdb_out = Path(scratch) / f"duckdb-{attempt}"
                    agreement[engine] = compare_results(duckdb_out, out).as_dict()
                _save(args, rows, runs, agreement)


def _save(
    args: argparse.Namespace,
    rows: int,
    runs: dict[str, list[tuple[float, float]]],
    agreement: dict[str, dict[str, object]],
) -> None:
    """The report of the runs so far (every engine with at least one run)."""
    done = {engine: values for engine, values in runs.items() if values}
    median = medians(done)
    result = {
        "machine": machine(),
        "transactions": rows,
        "repeat": args.repeat,
        "spark_driver_memory": os.environ.get("TIPFLOW_SPARK_DRIVER_MEMORY", "4g"),
        "median_seconds": {k: round(v, 2) for k, v in median.items()},
        "ratio_to_duckdb": {k: round(v / median["duckdb"], 2) for k, v in median.items()},
        "peak_memory_gb": peaks(done),
        "agreement_with_duckdb": agreement,
        "runs": done,
    }
    save(f"engines-{args.transactions}", result)


if __name__ == "__main__":
    main()
