"""The learned model on arrays: it learns a signal, calibrates, writes a card, and refuses a
folder that does not match the features or its own digest."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tipflow.errors import ConfigError
from tipflow.score.model import (
    CARD_FILE,
    MODEL_FILE,
    TrainingSet,
    load_model,
    split_of,
    split_parts,
    train_model,
)

COLUMNS = ["indicator_a", "indicator_b", "noise"]


def _data(rows: int = 6000, seed: int = 1) -> TrainingSet:
    rng = np.random.default_rng(seed)
    labels = (rng.random(rows) < 0.05).astype(float)
    signal = labels * rng.uniform(1.0, 3.0, rows) + rng.normal(0, 0.3, rows)
    features = np.column_stack([signal, signal * 0.5 + rng.normal(0, 0.5, rows), rng.random(rows)])
    groups = [f"g{i // 3}" for i in range(rows)]  # three accounts to a network
    return TrainingSet(features, labels, groups, COLUMNS, ["arrays"])


def test_learns_calibrates_and_writes_its_card(tmp_path: Path) -> None:
    data = _data()
    card = train_model(data, tmp_path / "model")
    assert card["metrics"]["test"]["average_precision"] > 0.9
    assert card["features"] == COLUMNS
    assert card["top_features_by_gain"][0]["feature"] == "indicator_a"
    assert json.loads((tmp_path / "model" / CARD_FILE).read_text("utf-8")) == card
    model = load_model(tmp_path / "model", COLUMNS)
    scores = model.predict(data.features)
    assert scores.min() >= 0.0 and scores.max() <= 1.0
    assert scores[data.labels == 1].mean() > 0.5 > scores[data.labels == 0].mean()
    contributions = model.contributions(data.features[:5])
    assert contributions.shape == (5, len(COLUMNS) + 1)  # and the bias


def test_a_network_is_never_split_across_train_and_test() -> None:
    data = _data()  # three accounts to a network
    parts, how = split_parts(data)
    assert how.startswith("by network")
    by_network: dict[str, set[str]] = {}
    for group, part in zip(data.groups, parts, strict=True):
        by_network.setdefault(group, set()).add(str(part))
    assert all(len(seen) == 1 for seen in by_network.values())
    shares = [split_of(f"g{i}") for i in range(5000)]
    assert abs(shares.count("train") / 5000 - 0.6) < 0.03
    assert abs(shares.count("test") / 5000 - 0.2) < 0.03


def test_refuses_other_features_and_a_tampered_model(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    train_model(_data(), folder)
    with pytest.raises(ConfigError, match="other features"):
        load_model(folder, [*COLUMNS, "new_indicator"])
    (folder / MODEL_FILE).write_text((folder / MODEL_FILE).read_text() + "\n", "utf-8")
    with pytest.raises(ConfigError, match="SHA-256"):
        load_model(folder, COLUMNS)
    (folder / CARD_FILE).unlink()
    with pytest.raises(ConfigError, match="missing"):
        load_model(folder, COLUMNS)


def test_a_split_without_both_classes_is_refused(tmp_path: Path) -> None:
    data = _data()
    flat = TrainingSet(data.features, np.zeros_like(data.labels), data.groups, COLUMNS, [])
    with pytest.raises(ConfigError, match="both involved and uninvolved"):
        train_model(flat, tmp_path / "model")
    assert not (tmp_path / "model" / CARD_FILE).exists()


def test_dated_labels_split_in_time_whole_days(tmp_path: Path) -> None:
    data = _data()
    days = np.sort(np.random.default_rng(2).integers(19000, 19200, len(data.labels))).astype(float)
    dated = TrainingSet(data.features, data.labels, data.groups, COLUMNS, [], days)
    parts, how = split_parts(dated)
    assert how.startswith("in time")
    last_train = days[parts == "train"].max()
    assert last_train < days[parts == "calibration"].min()
    assert days[parts == "calibration"].max() < days[parts == "test"].min()
    assert 0.5 < (parts == "train").mean() < 0.7
    card = train_model(dated, tmp_path / "model")
    assert card["training_data"]["split"].startswith("in time")
    undated = TrainingSet(data.features, data.labels, data.groups, COLUMNS, [], days * np.nan)
    assert split_parts(undated)[1].startswith("by network")
