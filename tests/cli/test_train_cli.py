"""``tipflow train`` and ``tipflow screen --model`` as a user runs them: a model learned from
two simulated worlds, applied to a third; its card, its blend, its one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tests.cli.test_screen_cli import tipflow


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("train")
    made = {}
    for seed in (4, 5, 6):
        world = folder / f"w{seed}"
        run = tipflow(
            "simulate", "--out", str(world), "--customers", "2000", "--days", "60",
            "--seed", str(seed),
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        made[seed] = world
    return made


@pytest.fixture(scope="module")
def model(worlds: dict[int, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("model") / "m"
    run = tipflow("train", str(worlds[4]), str(worlds[5]), "--out", str(folder), "--json")
    assert run.returncode == 0, run.stderr
    card = json.loads(run.stdout)
    assert card["training_data"]["involved"] > 0
    assert card["metrics"]["test"]["accounts"] > 0
    return folder


def test_the_model_card_names_data_features_metrics_and_digest(model: Path) -> None:
    card = json.loads((model / "model_card.json").read_text("utf-8"))
    assert {"created", "tipflow_version", "sha256", "features", "parameters"} <= set(card)
    assert len(card["training_data"]["sources"]) == 2
    assert "rules_risk" in card["features"]


def test_screen_with_the_model_blends_and_explains(
    model: Path, worlds: dict[int, Path], tmp_path: Path
) -> None:
    results = tmp_path / "results"
    run = tipflow("screen", str(worlds[6]), "--out", str(results), "--model", str(model))
    assert run.returncode == 0, run.stderr
    record = json.loads((results / "run.json").read_text("utf-8"))
    card = json.loads((model / "model_card.json").read_text("utf-8"))
    assert record["model"]["sha256"] == card["sha256"]
    flagged = duckdb.sql(
        f"SELECT explanation FROM read_csv('{results / 'accounts.csv'}') WHERE flagged"
    ).fetchall()
    assert flagged and all("learned score" in text for (text,) in flagged)
    assert all("weighed most:" in text for (text,) in flagged)


def test_a_folder_that_is_not_a_model_is_one_clear_error(
    worlds: dict[int, Path], tmp_path: Path
) -> None:
    run = tipflow("screen", str(worlds[6]), "--out", str(tmp_path / "r"), "--model", str(tmp_path))
    assert run.returncode != 0
    assert "not a tipflow model folder" in run.stderr and "Traceback" not in run.stderr
