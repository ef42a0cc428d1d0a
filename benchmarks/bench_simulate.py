"""Benchmark: generating a world of about N transactions, against writing the same rows.

Run from the repository root (after README command 2):

    .venv/bin/python -m benchmarks.bench_simulate --transactions 10000000 --repeat 3

* tipflow: ``tipflow simulate`` in its own process (everything: population, everyday activity,
  scenarios, formatting, writing every table and the truth), sized to about N transactions.
* baselines: the dataset tipflow wrote, read back into memory as Arrow tables (not timed), then
  written again as CSV by PyArrow (``pyarrow.csv.write_csv``) and by DuckDB (``COPY``): the
  time it takes just to write the same number of rows of the same width.

Runs alternate; the report gives medians, ratios and peak memory, to stdout and to
``benchmarks/results/simulate-<N>.json``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from benchmarks.bench_ingest import timed
from benchmarks.report import machine, save

REPO = Path(__file__).resolve().parents[1]
#: Transactions per customer per day in the default world (measured: about 1.2).
TRANSACTIONS_PER_CUSTOMER_DAY = 1.2
DAYS = 180
TABLES = ("parties", "accounts", "transactions", "account_parties", "labels", "watchlist")


def simulate_command(out: Path, customers: int) -> list[str]:
    return [sys.executable, "-m", "tipflow", "simulate", "--out", str(out),
            "--customers", str(customers), "--days", str(DAYS)]  # fmt: skip


def read_back(world: Path) -> dict[str, pa.Table]:
    con = duckdb.connect()
    try:
        return {
            t: con.sql(
                f"SELECT * FROM read_csv('{world / t}.csv', all_varchar = true)"
            ).to_arrow_table()
            for t in TABLES
        }
    finally:
        con.close()


def write_pyarrow(tables: dict[str, pa.Table], folder: Path) -> float:
    started = time.perf_counter()
    for name, table in tables.items():
        pacsv.write_csv(table, folder / f"{name}.csv")
    return time.perf_counter() - started


def write_duckdb(tables: dict[str, pa.Table], folder: Path) -> float:
    con = duckdb.connect()
    try:
        for name, table in tables.items():
            con.register(name, table)
        started = time.perf_counter()
        for name in tables:
            con.execute(f"COPY {name} TO '{folder / name}.csv' (HEADER)")
        return time.perf_counter() - started
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    customers = round(args.transactions / TRANSACTIONS_PER_CUSTOMER_DAY / DAYS)
    runs: dict[str, list[float]] = {"tipflow": [], "pyarrow": [], "duckdb": []}
    peak_gb: list[float] = []
    rows = 0
    with tempfile.TemporaryDirectory(prefix="tipflow-bench-") as scratch:
        world = Path(scratch) / "world"
        for attempt in range(1, args.repeat + 1):
            seconds, gb = timed(simulate_command(world, customers))
            runs["tipflow"].append(seconds)
            peak_gb.append(gb)
            tables = read_back(world)
            rows = tables["transactions"].num_rows
            again = Path(scratch) / "again"
            again.mkdir(exist_ok=True)
            runs["pyarrow"].append(write_pyarrow(tables, again))
            runs["duckdb"].append(write_duckdb(tables, again))
            del tables
            latest = ", ".join(f"{k} {v[-1]:.1f}s" for k, v in runs.items())
            print(f"run {attempt}: {latest}", flush=True)
    median = {name: statistics.median(values) for name, values in runs.items()}
    result = {
        "machine": machine(),
        "customers": customers,
        "days": DAYS,
        "transactions": rows,
        "median_seconds": {k: round(v, 2) for k, v in median.items()},
        "ratio_to_pyarrow_write": round(median["tipflow"] / median["pyarrow"], 2),
        "ratio_to_duckdb_write": round(median["tipflow"] / median["duckdb"], 2),
        "peak_memory_gb_tipflow": round(max(peak_gb), 2),
        "runs": runs,
    }
    save(f"simulate-{args.transactions}", result)


if __name__ == "__main__":
    main()
