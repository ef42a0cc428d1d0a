"""Benchmark: screening a simulated world of about N transactions, against one DuckDB pass
that aggregates the same transactions per account.

Run from the repository root (after README command 2):

    .venv/bin/python -m benchmarks.bench_screen --transactions 10000000 --repeat 3

* dataset: ``tipflow simulate`` sized to about N transactions (CSV), written once to
  ``benchmarks/data/`` and reused.
* baseline: a fresh DuckDB process reads ``transactions.csv`` once and aggregates every column
  of it per account (both sides of every transaction: count, sums, first and last time,
  distinct channels, counterparties, categories, cities, devices, countries, memos): the least
  a screening that looks at every field of every transaction has to do.
* narrow baseline (reported, not the ratio's): the same pass reading only account, amount and
  time, which DuckDB's CSV reader does without parsing the other columns.
* tipflow: ``tipflow screen`` in its own process: read and check every table, build the
  features, measure every indicator, score, build ties, write the results.

Runs alternate; the report gives medians, the ratio, peak memory and whether two runs wrote
identical results, to stdout and to ``benchmarks/results/screen-<N>.json``.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from benchmarks.bench_ingest import timed
from benchmarks.bench_simulate import DAYS, TRANSACTIONS_PER_CUSTOMER_DAY
from benchmarks.report import machine, medians, peaks, save

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "benchmarks" / "data"

BASELINE = """
import duckdb, sys
con = duckdb.connect()
con.execute(f'''
    CREATE TABLE per_account AS
    SELECT account_id, count(*) AS n, sum(amount) AS total,
           sum(TRY_CAST(base AS DOUBLE)) AS base_total, min(ts) AS first, max(ts) AS last,
           count(DISTINCT channel) AS channels,
           count(DISTINCT counterparty) AS counterparties, count(DISTINCT mcc) AS categories,
           count(DISTINCT city) AS cities, count(DISTINCT device_id) AS devices,
           count(DISTINCT ip_address) AS ips, count(DISTINCT country) AS countries,
           count(DISTINCT description) AS memos, count(DISTINCT currency) AS currencies,
           max(transaction_id) AS last_id,
           count(DISTINCT counterparty_institution) AS institutions
    FROM (SELECT unnest([from_account_id, to_account_id]) AS account_id, amount,
                 base_amount AS base, "timestamp" AS ts, channel, currency, transaction_id,
                 coalesce(counterparty_account, counterparty_name, merchant_name) AS counterparty,
                 counterparty_institution, merchant_category_code AS mcc, city, device_id,
                 ip_address, coalesce(counterparty_country, country) AS country, description
          FROM read_csv('{sys.argv[1]}'))
    WHERE account_id IS NOT NULL GROUP BY account_id''')
"""
NARROW_BASELINE = """
import duckdb, sys
con = duckdb.connect()
con.execute(f'''
    CREATE TABLE per_account AS
    SELECT account_id, count(*) AS n, sum(amount) AS total, min(ts) AS first, max(ts) AS last
    FROM (SELECT unnest([from_account_id, to_account_id]) AS account_id, amount,
                 "timestamp" AS ts
          FROM read_csv('{sys.argv[1]}'))
    WHERE account_id IS NOT NULL GROUP BY account_id''')
"""


def ensure_world(transactions: int, seed: int) -> Path:
    folder = DATA / f"screen-world-{transactions}-{seed}"
    customers = round(transactions / TRANSACTIONS_PER_CUSTOMER_DAY / DAYS)
    return simulate_once(folder, customers, DAYS, seed)


def simulate_once(folder: Path, customers: int, days: int, seed: int) -> Path:
    """``tipflow simulate`` into ``folder`` unless an earlier run wrote it."""
    if (folder / "transactions.csv").exists():
        return folder
    print(f"simulating {customers:,} customers over {days} days into {folder} ...", flush=True)
    command = [sys.executable, "-m", "tipflow", "simulate", "--out", str(folder),
               "--customers", str(customers), "--days", str(days), "--seed", str(seed)]  # fmt: skip
    timed(command)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    world = ensure_world(args.transactions, args.seed)
    rows = sum(1 for _ in (world / "transactions.csv").open("rb")) - 1
    runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "narrow": [], "tipflow": []}
    identical = True
    with tempfile.TemporaryDirectory(prefix="tipflow-bench-") as scratch:
        previous: Path | None = None
        for attempt in range(1, args.repeat + 1):
            base = [sys.executable, "-c", BASELINE, str(world / "transactions.csv")]
            runs["baseline"].append(timed(base))
            narrow = [sys.executable, "-c", NARROW_BASELINE, str(world / "transactions.csv")]
            runs["narrow"].append(timed(narrow))
            out = Path(scratch) / f"results-{attempt}"
            screen = [sys.executable, "-m", "tipflow", "screen", str(world), "--out", str(out)]
            runs["tipflow"].append(timed(screen))
            if previous is not None:
                for name in ("accounts.csv", "networks.csv", "evidence.parquet"):
                    identical &= filecmp.cmp(previous / name, out / name, shallow=False)
            previous = out
            print(
                f"run {attempt}: baseline {runs['baseline'][-1]}, tipflow {runs['tipflow'][-1]}",
                flush=True,
            )
    median = medians(runs)
    result = {
        "machine": machine(),
        "transactions": rows,
        "repeat": args.repeat,
        "median_seconds": {k: round(v, 2) for k, v in median.items()},
        "ratio_tipflow_to_baseline": round(median["tipflow"] / median["baseline"], 2),
        "ratio_tipflow_to_narrow_baseline": round(median["tipflow"] / median["narrow"], 2),
        "peak_memory_gb": peaks(runs),
        "identical_results_run_to_run": identical,
        "runs": runs,
    }
    save(f"screen-{args.transactions}", result)


if __name__ == "__main__":
    main()
