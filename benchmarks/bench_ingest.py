"""Benchmark: loading a dataset with N transactions, against DuckDB's bare read_csv of its file.

Run from the repository root (after README command 2):

    .venv/bin/python -m benchmarks.bench_ingest --transactions 10000000 --repeat 3

The dataset is written once by the independent contract writer of the tests
(``tests/support/contract_writer.py``) into ``benchmarks/data/`` and reused. Each measurement
runs in its own process under ``/usr/bin/time``, alternating baseline and tipflow, so the two
share the machine's state; the report gives medians, the ratio of medians and peak memory
(maximum resident set size of the process). Results go to stdout and, as JSON, to
``benchmarks/results/ingest-<N>.json``.

* baseline: ``CREATE TABLE t AS SELECT * FROM read_csv('transactions.csv')`` into a new DuckDB
  file: DuckDB reading the transactions file with its own type detection, nothing checked.
* tipflow: ``tipflow load DATASET --workspace W.duckdb`` reading all six tables, checking every
  row and writing the typed workspace.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.report import machine, medians, peaks, save

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"

BASELINE = (
    "import duckdb, sys; con = duckdb.connect(sys.argv[2]); "
    "con.execute(f\"CREATE TABLE t AS SELECT * FROM read_csv('{sys.argv[1]}')\"); con.close()"
)


def ensure_dataset(transactions: int, seed: int) -> Path:
    folder = DATA / f"world-{transactions}-{seed}"
    if (folder / "transactions.csv").exists():
        return folder
    sys.path.insert(0, str(REPO))
    from tests.support.contract_writer import write_dataset

    print(f"writing a dataset with {transactions:,} transactions to {folder} ...", flush=True)
    write_dataset(folder, transactions=transactions, seed=seed, fmt="csv")
    return folder


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (GB) of one process."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", report.name, *command],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds, kilobytes = report.read().split()[-2:]
    return float(seconds), int(kilobytes) / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    dataset = ensure_dataset(args.transactions, args.seed)
    size_gb = sum(p.stat().st_size for p in dataset.glob("*.csv")) / 1e9
    tipflow = [sys.executable, "-m", "tipflow"]
    runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "tipflow": []}
    with tempfile.TemporaryDirectory(prefix="tipflow-bench-") as scratch:
        workspace = Path(scratch) / "w.duckdb"
        baseline_db = Path(scratch) / "baseline.duckdb"
        for attempt in range(1, args.repeat + 1):
            baseline_db.unlink(missing_ok=True)
            base = [
                sys.executable,
                "-c",
                BASELINE,
                str(dataset / "transactions.csv"),
                str(baseline_db),
            ]
            runs["baseline"].append(timed(base))
            load = [*tipflow, "load", str(dataset), "--workspace", str(workspace), "--replace"]
            runs["tipflow"].append(timed(load))
            print(
                f"run {attempt}: baseline {runs['baseline'][-1]}, tipflow {runs['tipflow'][-1]}",
                flush=True,
            )

    median = medians(runs)
    result = {
        "machine": machine(),
        "transactions": args.transactions,
        "dataset_csv_gb": round(size_gb, 2),
        "repeat": args.repeat,
        "median_seconds": {k: round(v, 2) for k, v in median.items()},
        "ratio_tipflow_to_baseline": round(median["tipflow"] / median["baseline"], 2),
        "peak_memory_gb": peaks(runs),
        "runs": runs,
    }
    save(f"ingest-{args.transactions}", result)


if __name__ == "__main__":
    main()
