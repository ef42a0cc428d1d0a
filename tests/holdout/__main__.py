"""python -m tests.holdout --out DIR [--customers N] [--days D] [--seed S] [--subtlety X]."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tests.holdout.generate import write_holdout_world


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m tests.holdout", description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--customers", type=int, default=3000)
    ap.add_argument("--days", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--subtlety", type=float, default=0.3)
    ap.add_argument("--format", choices=("csv", "parquet"), default="csv")
    args = ap.parse_args(argv)
    began = time.perf_counter()
    write_holdout_world(args.out, args.customers, args.days, args.seed, args.subtlety, args.format)
    print(f"wrote {args.out} in {time.perf_counter() - began:.1f}s")


if __name__ == "__main__":
    main()
