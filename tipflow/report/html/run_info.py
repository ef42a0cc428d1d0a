"""What the index says about the screening run behind the cases, from ``RESULTS/run.json``.

A results folder without run.json (or with an unreadable one) still gets a report: the index
then says the run is not recorded rather than failing, since the cases themselves are intact.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RunSummary:
    recorded: bool
    dataset: str | None = None
    screened_at: str | None = None
    engine: str | None = None
    configuration_hash: str | None = None
    model: str | None = None
    counts: tuple[tuple[str, int], ...] = ()  # (label, number) in reading order


def read_run_summary(results: Path) -> RunSummary:
    path = results / "run.json"
    try:
        run = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return RunSummary(recorded=False)
    if not isinstance(run, dict):
        return RunSummary(recorded=False)
    model = run.get("model")
    return RunSummary(
        recorded=True,
        dataset=_text(run.get("dataset")),
        screened_at=_moment(run.get("started_at")),
        engine=_text(run.get("engine")),
        configuration_hash=_text(run.get("configuration_hash")),
        model=_text(model.get("sha256")) if isinstance(model, dict) else None,
        counts=_counts(run),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _moment(value: Any) -> str | None:
    """``2026-12-05T03:44:11+00:00`` -> ``2026-12-05 03:44 UTC`` (other text as it is)."""
    if not isinstance(value, str):
        return _text(value)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.utcoffset() == dt.timedelta(0):
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.isoformat(sep=" ", timespec="minutes")


def _counts(run: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    tables: dict[str, Any] = run["tables"] if isinstance(run.get("tables"), dict) else {}
    rows: list[tuple[str, Any]] = [
        ("parties read", _table(tables, "parties", "read")),
        ("accounts screened", run.get("accounts")),
        ("transactions read", _table(tables, "transactions", "read")),
        ("transactions quarantined", _table(tables, "transactions", "quarantined")),
        ("flagged accounts", run.get("flagged_accounts")),
        ("flagged networks", run.get("flagged_networks")),
        ("evidence rows", run.get("evidence_rows")),
    ]
    return tuple((label, int(value)) for label, value in rows if isinstance(value, int))


def _table(tables: dict[str, Any], name: str, key: str) -> Any:
    table = tables.get(name)
    return table.get(key) if isinstance(table, dict) else None
