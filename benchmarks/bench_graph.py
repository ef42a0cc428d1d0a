"""Benchmark: the graph stage (entity resolution, ties, network context, networks) on a world
of about N transactions and M accounts.

Run from the repository root (after README command 2):

    .venv/bin/python -m benchmarks.bench_graph --transactions 10000000 --accounts 1000000

* dataset: ``tipflow simulate`` with enough customers for M accounts (about 2.1 accounts per
  customer) over enough days for N transactions, written once to ``benchmarks/data/``.
* ``tipflow screen`` in its own process under ``/usr/bin/time``; the graph stage is the sum of
  the ``entities`` and ``network`` stage seconds in ``run.json`` (resolution with Splink;
  ties, the network-context scoring rounds, communities, network summaries). Peak memory is
  the whole process's, an upper bound for the graph stage's.

Issue 5's goal: the graph stage within 10 minutes and 8 GB on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_ingest import timed
from benchmarks.bench_screen import simulate_once
from benchmarks.bench_simulate import TRANSACTIONS_PER_CUSTOMER_DAY
from benchmarks.report import machine, save

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"
ACCOUNTS_PER_CUSTOMER = 2.1
GRAPH_STAGES = ("entities", "network")


def ensure_world(transactions: int, accounts: int, seed: int) -> Path:
    folder = DATA / f"graph-world-{transactions}-{accounts}-{seed}"
    customers = round(accounts / ACCOUNTS_PER_CUSTOMER)
    days = max(7, round(transactions / TRANSACTIONS_PER_CUSTOMER_DAY / customers))
    return simulate_once(folder, customers, days, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=10_000_000)
    parser.add_argument("--accounts", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    world = ensure_world(args.transactions, args.accounts, args.seed)
    rows = {
        name: sum(1 for _ in (world / f"{name}.csv").open("rb")) - 1
        for name in ("transactions", "accounts", "parties")
    }
    with tempfile.TemporaryDirectory(prefix="tipflow-bench-") as scratch:
        out = Path(scratch) / "results"
        screen = [sys.executable, "-m", "tipflow", "screen", str(world), "--out", str(out)]
        seconds, peak = timed(screen)
        run = json.loads((out / "run.json").read_text("utf-8"))
        networks = sum(1 for _ in (out / "networks.csv").open("rb")) - 1
    stages = run["stage_seconds"]
    result = {
        "machine": machine(),
        "rows": rows,
        "screen_seconds": seconds,
        "graph_seconds": round(sum(stages.get(name, 0.0) for name in GRAPH_STAGES), 2),
        "stage_seconds": stages,
        "peak_memory_gb": round(peak, 2),
        "networks": networks,
    }
    save(f"graph-{args.transactions}-{args.accounts}", result)


if __name__ == "__main__":
    main()
