"""What a run of the reader found, as written to ``run.json`` (``shared/contract/output.md``).

The same record serves ``validate``, ``load`` and, later, ``screen``: version, configuration and
its hash, rows read / accepted / quarantined per table with reasons, a summary of the dataset,
the wall-clock seconds of each stage, and the outcome.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from tipflow import __version__


class TableReport(BaseModel):
    """One input table: its file and how many of its rows were accepted or quarantined."""

    table: str
    file: str | None = None
    format: Literal["csv", "csv.gz", "parquet"] | None = None
    read: int = 0
    accepted: int = 0
    quarantined: int = 0
    quarantine_reasons: dict[str, int] = Field(default_factory=dict)
    warnings: dict[str, int] = Field(default_factory=dict)
    extra_columns: list[str] = Field(default_factory=list)


class Totals(BaseModel):
    read: int
    accepted: int
    quarantined: int
    quarantined_share: float


class DatasetSummary(BaseModel):
    """What an analyst checks first: is this the period, the institutions and the mix I expect?"""

    first_transaction: str | None = None
    last_transaction: str | None = None
    days: int | None = None
    institutions: dict[str, int] = Field(
        default_factory=dict, description="accounts per institution"
    )
    channels: dict[str, int] = Field(default_factory=dict, description="transactions per channel")
    currencies: dict[str, int] = Field(
        default_factory=dict, description="transactions per currency"
    )
    party_types: dict[str, int] = Field(default_factory=dict, description="parties per type")


class IngestReport(BaseModel):
    """The record of one run of the reader."""

    tipflow_version: str = __version__
    command: str
    dataset: str
    started_at: str = Field(default_factory=lambda: _now())
    finished_at: str | None = None
    status: Literal["ok", "failed"] = "ok"
    message: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    config_hash: str = ""
    tables: dict[str, TableReport] = Field(default_factory=dict)
    totals: Totals | None = None
    summary: DatasetSummary = Field(default_factory=DatasetSummary)
    stage_seconds: dict[str, float] = Field(default_factory=dict)

    def finish(self) -> None:
        """Fill the totals and the configuration hash, and stamp the end time."""
        read = sum(t.read for t in self.tables.values())
        quarantined = sum(t.quarantined for t in self.tables.values())
        self.totals = Totals(
            read=read,
            accepted=sum(t.accepted for t in self.tables.values()),
            quarantined=quarantined,
            quarantined_share=quarantined / read if read else 0.0,
        )
        canonical = json.dumps(self.config, sort_keys=True, default=str).encode()
        self.config_hash = "sha256:" + hashlib.sha256(canonical).hexdigest()
        self.finished_at = _now()

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
