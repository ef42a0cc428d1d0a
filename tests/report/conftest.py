"""A small simulated world screened once per test session: the results every report test reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipflow.detect.screen import screen_dataset
from tipflow.report.cases import Case, load_cases
from tipflow.simulate.config import load_world_config
from tipflow.simulate.simulator import simulate


@pytest.fixture(scope="session")
def screened_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RESULTS of ``tipflow screen`` on a 1500-customer, 60-day world (seed 5)."""
    root = tmp_path_factory.mktemp("report-world")
    config = load_world_config(None).with_overrides(customers=1500, days=60, seed=5)
    simulate(config, root / "world")
    screen_dataset(root / "world", root / "results")
    return root / "results"


@pytest.fixture(scope="session")
def cases(screened_results: Path) -> list[Case]:
    return load_cases(screened_results)
