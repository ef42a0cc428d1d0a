"""A small simulated world screened once per test session, for the analyst interface's tests.

Tests that record case actions keep their own action log (``action_log`` below), so the
results folder itself stays as screening wrote it and tests never see each other's actions.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tipflow.detect.screen import screen_dataset
from tipflow.simulate.config import load_world_config
from tipflow.simulate.simulator import simulate

#: Every request the tests make is addressed to this machine by name, as a browser's would be.
BASE_URL = "http://127.0.0.1"


@pytest.fixture(scope="session")
def ui_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RESULTS of ``tipflow screen`` on a 1000-customer, 45-day world (seed 5)."""
    root = tmp_path_factory.mktemp("ui-world")
    config = load_world_config(None).with_overrides(customers=1000, days=45, seed=5)
    simulate(config, root / "world")
    screen_dataset(root / "world", root / "results")
    return root / "results"


@pytest.fixture
def action_log(tmp_path: Path) -> Path:
    return tmp_path / "case_actions.sqlite3"


def read_csv(path: Path) -> list[dict[str, str]]:
    """A results file read with the standard library, independently of tipflow's readers."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def flagged_rows(results: Path) -> list[dict[str, str]]:
    return [r for r in read_csv(results / "accounts.csv") if r["flagged"] == "true"]


def flagged_network(results: Path) -> dict[str, str]:
    """The riskiest flagged network with more than one account (the graph tests need one)."""
    networks = [
        n
        for n in read_csv(results / "networks.csv")
        if n["flagged"] == "true" and int(n["size"]) > 1
    ]
    assert networks, "the test world should hold a flagged network of several accounts"
    return networks[0]
