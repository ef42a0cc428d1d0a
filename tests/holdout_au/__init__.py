"""Independent Australian synthetic-world generator (hold-out for tipflow's detection).

Written only from the input contract and the indicator catalogue; see README.md.
"""

from __future__ import annotations

from pathlib import Path

from .build import build_world
from .writer import write

__all__ = ["write_holdout_world"]


def write_holdout_world(
    out: Path, customers: int, days: int, seed: int, subtlety: float, fmt: str = "csv"
) -> dict[str, int]:
    """Generate one world and write it to ``out``; returns the row count of each table."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}: use csv or parquet")
    if not 0.0 <= subtlety <= 1.0:
        raise ValueError("subtlety must be within 0..1")
    world = build_world(customers=customers, days=days, seed=seed, subtlety=subtlety)
    return write(world, Path(out), fmt)
