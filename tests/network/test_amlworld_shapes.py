"""AMLworld's laundering shapes, injected into simulated everyday traffic, are found by rules
never trained on them (issue 5): every pattern type whose attempts have a shape, with few
false alerts among the ordinary customers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.simulate.scenario_harness import world_config
from tipflow.detect.evaluate import evaluate_results
from tipflow.detect.screen import screen_dataset
from tipflow.simulate import simulate

HI_SMALL = "data/amlworld-patterns/HI-Small_Patterns.txt"
#: Attempts of fewer transfers are fragments in the file (a "fan-in" of one payment, a
#: "bipartite" of disjoint pairs): one ordinary-looking payment each, no shape to see.
SHAPED = 5
#: Bipartite attempts in the file are disjoint pairs however many there are, so they are
#: fragments too (docs/networks.md).
SHAPES = ("fan_in", "fan_out", "gather_scatter", "scatter_gather", "stack", "random", "cycle")


@pytest.fixture(scope="module")
def screened(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    patterns = shared_dir / HI_SMALL
    if not patterns.exists():
        pytest.skip(f"{patterns} is not there")
    out = tmp_path_factory.mktemp("amlworld-shapes")
    simulate(
        world_config(customers=3000, days=90, seed=5),
        out / "world",
        "parquet",
        inject_patterns=patterns,
        inject_limit=140,
    )
    screen_dataset(out / "world", out / "results")
    return out


def test_few_ordinary_customers_are_alerted(screened: Path) -> None:
    metrics = evaluate_results(screened / "results", screened / "world" / "truth")
    assert metrics["accounts"]["precision"] >= 0.95, metrics["accounts"]


def test_every_shaped_pattern_type_is_found(screened: Path) -> None:
    truth = screened / "world" / "truth"
    rows = duckdb.sql(
        f"""
        WITH size AS (
          SELECT network_id, count(*) AS transfers
          FROM read_csv('{truth / "transactions.csv"}') GROUP BY network_id
        )
        SELECT replace(t.typology, 'amlworld_', '') AS pattern, count(*) AS accounts,
               avg((r.flagged = 'true')::INT) AS recall
        FROM read_csv('{truth / "accounts.csv"}', all_varchar = true) t
        JOIN size USING (network_id)
        JOIN read_csv('{screened / "results" / "accounts.csv"}', all_varchar = true) r
          USING (account_id)
        WHERE t.typology LIKE 'amlworld_%' AND size.transfers >= {SHAPED}
        GROUP BY ALL
        """
    ).fetchall()
    recall = {pattern: value for pattern, _, value in rows}
    assert set(SHAPES) <= set(recall), recall
    low = {pattern: round(recall[pattern], 2) for pattern in SHAPES if recall[pattern] < 0.9}
    assert not low, f"shaped AMLworld patterns found below 0.9: {low} (all: {rows})"
