"""python -m tests.holdout_au --out DIR --customers 3000 --days 120 --seed 7 --subtlety 0.3"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from . import write_holdout_world


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m tests.holdout_au", description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--customers", type=int, default=3000)
    ap.add_argument("--days", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--subtlety", type=float, default=0.3)
    ap.add_argument("--format", dest="fmt", choices=["csv", "parquet"], default="csv")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = write_holdout_world(a.out, a.customers, a.days, a.seed, a.subtlety, a.fmt)
    rows = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(f"wrote {a.out} in {time.perf_counter() - t0:.1f} s: {rows}")


if __name__ == "__main__":
    main()
