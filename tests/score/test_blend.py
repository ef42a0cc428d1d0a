"""The blend ``screen --model`` applies: a weighted geometric mean of rules and model,
decisive hits kept, explanations extended only where there is evidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.detect.dataset_builder import Dataset
from tipflow.detect.registry import load_library
from tipflow.detect.screen import WORKSPACE_NAME, screen_dataset
from tipflow.engine.duckdb import connect
from tipflow.score.blend import blend_learned_score
from tipflow.score.learned_features import feature_names
from tipflow.score.model import TrainingSet, load_model, train_model


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model on the library's columns that learned 'rules_risk high means involved'."""
    columns = feature_names(load_library(None))
    rng = np.random.default_rng(3)
    features = rng.random((4000, len(columns))) * 0.1
    labels = (rng.random(4000) < 0.1).astype(float)
    features[:, columns.index("rules_risk")] = labels * 0.6 + rng.random(4000) * 0.3
    folder = tmp_path_factory.mktemp("model")
    groups = [str(i) for i in range(4000)]
    train_model(TrainingSet(features, labels, groups, columns, ["arrays"]), folder)
    return folder


def _screen_and_blend(data: Dataset, folder: Path, model: Path) -> dict[str, tuple[float, ...]]:
    results = folder / "results"
    screen_dataset(data.write(folder / "data"), results)
    con = connect(results / WORKSPACE_NAME)
    try:
        before = dict(con.execute("SELECT account_id, risk_score FROM account_scores").fetchall())
        library = load_library(None)
        blend_learned_score(con, library, load_model(model, feature_names(library)))
        rows = con.execute(
            "SELECT account_id, risk_score, flagged, decisive, explanation FROM account_scores"
        ).fetchall()
    finally:
        con.close()
    return {
        a: (before[a], risk, flagged, decisive, text) for a, risk, flagged, decisive, text in rows
    }


def test_geometric_mean_and_decisive_hits_kept(tmp_path: Path, model: Path) -> None:
    data = Dataset()
    hub = data.person("hub", "Cole Marsh")
    listed = data.person("listed", "Ned Cole", phone="+13125550199")
    quiet = data.person("quiet", "Ann Lee")
    for i in range(6):
        leaf = data.person(f"l{i}", f"Leaf Person{i}")
        data.pay(day=10 + i * 0.5, amount=4000 + 900 * i, channel="wire", source=hub, target=leaf)
    data.watchlist.append({"entry_id": "W1", "kind": "phone", "value": "+13125550199"})
    scores = _screen_and_blend(data, tmp_path, model)
    rules, risk, flagged, decisive, text = scores[hub]
    learned = float(text.split("learned score ")[1].split(" ")[0])
    assert rules > 0.5 and risk == pytest.approx(rules**0.7 * learned**0.3, abs=0.01)
    assert "weighed most: " in text
    rules, risk, flagged, decisive, _ = scores[listed]
    assert decisive and flagged and risk == rules  # the model cannot overrule intelligence
    assert scores[quiet][1:3] == (0.0, False) and "learned" not in scores[quiet][4]


def test_a_world_without_evidence_blends_to_nothing(tmp_path: Path, model: Path) -> None:
    data = Dataset()
    quiet = data.person("quiet", "Ann Lee")
    data.pay(day=1, amount=20, channel="card", source=quiet, merchant_name="Shop",
             merchant_category_code="5411")  # fmt: skip
    scores = _screen_and_blend(data, tmp_path, model)
    assert scores[quiet][1:3] == (0.0, False)
