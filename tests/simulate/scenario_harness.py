"""Run a small world with chosen scenarios only, validate it, and read its truth back.

Scenario tests use this so that each checks its own typology or look-alike in a world that
is otherwise ordinary, through the real writer and the real reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from tipflow.ingest import IngestReport, validate_dataset
from tipflow.simulate import load_world_config, simulate
from tipflow.simulate.config import ScenarioPlan, WorldConfig

TABLES = ("parties", "accounts", "transactions", "account_parties", "labels", "watchlist")


@dataclass
class SmallWorld:
    path: Path
    report: IngestReport
    _con: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        """Run ``query`` over the dataset and truth tables (loaded once; named like the files,
        the truth ones truth_accounts, truth_transactions, truth_networks)."""
        if self._con is None:
            self._con = duckdb.connect()
            for table in (*TABLES, "truth/accounts", "truth/transactions", "truth/networks"):
                source = f"read_csv('{self.path / table}.csv', all_varchar = true)"
                self._con.execute(
                    f"CREATE TABLE {table.replace('/', '_')} AS SELECT * FROM {source}"
                )
        return self._con.execute(query).fetchall()


def world_config(
    typologies: dict[str, dict[str, Any]] | None = None,
    lookalikes: dict[str, dict[str, Any]] | None = None,
    *,
    customers: int = 1200,
    days: int = 60,
    seed: int = 11,
) -> WorldConfig:
    """The default world with only the given scenarios ({id: plan}); e.g.
    ``world_config({"sex_trafficking_hotel_circuit": {"per_100k": 0, "minimum": 2}})``."""
    base = load_world_config().with_overrides(customers=customers, days=days, seed=seed)
    return base.model_copy(
        update={
            "typologies": {
                k: ScenarioPlan.model_validate(v) for k, v in (typologies or {}).items()
            },
            "lookalikes": {
                k: ScenarioPlan.model_validate(v) for k, v in (lookalikes or {}).items()
            },
        }
    )


def small_world(out: Path, config: WorldConfig) -> SmallWorld:
    """Simulate ``config`` into ``out`` and validate it (any quarantined row fails the test)."""
    simulate(config, out / "world")
    report = validate_dataset(out / "world", out / "check")
    assert report.totals is not None and report.totals.quarantined == 0, report.tables
    return SmallWorld(out / "world", report)
