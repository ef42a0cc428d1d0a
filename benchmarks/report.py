"""What every timing benchmark reports: the machine, medians and peaks of its runs, and the
results file in ``benchmarks/results/``."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import time
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


def timed_tree(command: list[str], every: float = 0.5) -> tuple[float, float]:
    """Wall seconds and the peak resident memory (GB) of a process and all it starts (a Spark
    run's JVM is the Python driver's child: ``/usr/bin/time`` sees only the driver), sampled
    from /proc every ``every`` seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_resident_bytes(process.pid))
        time.sleep(every)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return round(seconds, 2), peak / 1024**3


def _tree_resident_bytes(root: int) -> int:
    """Resident memory of ``root`` and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    resident: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
        resident[int(entry.name)] = pages * page
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += resident.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total
