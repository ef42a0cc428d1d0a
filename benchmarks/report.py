"""What every timing benchmark reports: the machine, medians and peaks of its runs, and the
results file in ``benchmarks/results/``."""

from __future__ import annotations

import json
import os
import platform
import statistics
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parents[1] / "benchmarks" / "results"


def machine() -> str:
    return (
        f"{platform.machine()}, {platform.processor() or 'cpu'}, "
        f"{os.cpu_count() or 1} cores, {platform.python_version()}"
    )


def medians(runs: dict[str, list[tuple[float, float]]]) -> dict[str, float]:
    """Median wall seconds per contender of (seconds, peak GB) runs."""
    return {name: statistics.median(s for s, _ in values) for name, values in runs.items()}


def peaks(runs: dict[str, list[tuple[float, float]]]) -> dict[str, float]:
    """Largest peak memory (GB) per contender."""
    return {name: round(max(gb for _, gb in values), 2) for name, values in runs.items()}


def save(name: str, result: dict[str, Any]) -> None:
    """Write ``benchmarks/results/<name>.json`` and print it without the individual runs."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=2))
