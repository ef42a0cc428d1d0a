"""The learned score: a LightGBM model over ``account_features``, calibrated, with its card.

Training splits accounts in time when every label has a date (the contract's ``label_date``:
tested on what was labelled after what it learned from), else by network (a network's
members are never on both sides, so the model cannot learn a ring from its own members); it
fits on 60 %, calibrates with isotonic regression on 20 % and reports on the last 20 %. A
model folder holds ``model.txt`` (LightGBM's own text format), ``calibration.json`` and
``model_card.json`` (data, features, parameters, metrics, date, version and the model's
SHA-256); nothing is pickled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lightgbm
import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import average_precision_score, f1_score

from tipflow import __version__
from tipflow.errors import ConfigError

MODEL_FILE = "model.txt"
CALIBRATION_FILE = "calibration.json"
CARD_FILE = "model_card.json"
#: Fixed so that a model is reproducible from its card; deterministic on 2 cores.
PARAMETERS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    # Small trees on large leaves, each seeing half the features: the model must carry to
    # generators it never saw, so it is kept from learning the simulator's particulars.
    "num_leaves": 7,
    "min_child_samples": 50,
    "feature_fraction": 0.5,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "deterministic": True,
    "force_row_wise": True,
    "seed": 7,
    "verbose": -1,
}
ROUNDS = 150
#: Share of groups in (train, calibration); the rest is the test set.
SPLIT = (0.6, 0.2)


@dataclass(frozen=True)
class TrainingSet:
    """Features (rows x columns), labels (1 = involved) and a group per row (its network)."""

    features: np.ndarray
    labels: np.ndarray
    groups: list[str]
    columns: list[str]
    sources: list[str]
    # When every label has a date (the contract's ``label_date``), the split is in time:
    # the model is tested on what was labelled after what it learned from.
    label_days: np.ndarray | None = None


@dataclass(frozen=True)
class LearnedModel:
    booster: lightgbm.Booster
    columns: list[str]
    calibration_x: np.ndarray
    calibration_y: np.ndarray

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Calibrated probability of involvement per row."""
        raw = np.asarray(self.booster.predict(features), dtype=float)
        return np.asarray(np.interp(raw, self.calibration_x, self.calibration_y), dtype=float)

    def contributions(self, features: np.ndarray) -> np.ndarray:
        """Per row, each feature's SHAP contribution (log-odds), LightGBM's ``pred_contrib``;
        the last column is the bias."""
        return np.asarray(self.booster.predict(features, pred_contrib=True), dtype=float)


def split_of(group: str) -> str:
    """``train``, ``calibration`` or ``test``, stable per group (a hash, not a draw)."""
    share = (zlib.crc32(group.encode()) % 1000) / 1000
    if share < SPLIT[0]:
        return "train"
    return "calibration" if share < SPLIT[0] + SPLIT[1] else "test"


def split_parts(data: TrainingSet) -> tuple[np.ndarray, str]:
    """Per row ``train``, ``calibration`` or ``test``, and how: in time (whole days of
    ``label_days``, about 60/20/20 of the rows) when every row has a date, else by network."""
    days = data.label_days
    if days is not None and days.size and np.isfinite(days).all():
        ordered = np.sort(days)
        first = ordered[min(int(SPLIT[0] * len(ordered)), len(ordered) - 1)]
        second = ordered[min(int(sum(SPLIT) * len(ordered)), len(ordered) - 1)]
        parts = np.where(days < first, "train", np.where(days < second, "calibration", "test"))
        return parts, "in time by label date: 60 % train, 20 % calibration, 20 % test (whole days)"
    parts = np.array([split_of(g) for g in data.groups])
    return parts, "by network: 60 % train, 20 % calibration, 20 % test (stable hash)"


def train_model(data: TrainingSet, out: Path, seed: int = PARAMETERS["seed"]) -> dict[str, Any]:
    """Fit, calibrate, evaluate and write the model folder ``out``; returns the card."""
    parameters = {**PARAMETERS, "seed": seed}
    parts, split = split_parts(data)
    for part in ("train", "calibration", "test"):
        labels = data.labels[parts == part]
        if labels.size == 0 or labels.min() == labels.max():
            raise ConfigError(
                f"the {part} split needs both involved and uninvolved accounts; "
                "train on more data (more worlds, or a larger one)"
            )
    train = parts == "train"
    booster = lightgbm.train(
        parameters,
        lightgbm.Dataset(data.features[train], data.labels[train], feature_name=data.columns),
        num_boost_round=ROUNDS,
    )
    calibrate = parts == "calibration"
    raw = np.asarray(booster.predict(data.features[calibrate]), dtype=float)
    isotonic = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
    isotonic.fit(raw, data.labels[calibrate])
    model = LearnedModel(
        booster,
        data.columns,
        np.asarray(isotonic.X_thresholds_, dtype=float),
        np.asarray(isotonic.y_thresholds_, dtype=float),
    )
    test = parts == "test"
    metrics = {
        "test": _metrics(data.labels[test], model.predict(data.features[test])),
        "calibration": _metrics(data.labels[calibrate], model.predict(data.features[calibrate])),
    }
    return _write(model, data, (parts, split), metrics, parameters, out)


def _metrics(labels: np.ndarray, scores: np.ndarray) -> dict[str, float | int]:
    return {
        "accounts": int(labels.size),
        "involved": int(labels.sum()),
        "average_precision": round(float(average_precision_score(labels, scores)), 4),
        "f1_at_0_5": round(float(f1_score(labels, scores >= 0.5)), 4),
    }


def _write(
    model: LearnedModel,
    data: TrainingSet,
    split: tuple[np.ndarray, str],
    metrics: dict[str, Any],
    parameters: dict[str, Any],
    out: Path,
) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    model.booster.save_model(str(out / MODEL_FILE))
    calibration = {"x": model.calibration_x.tolist(), "y": model.calibration_y.tolist()}
    (out / CALIBRATION_FILE).write_text(json.dumps(calibration) + "\n", encoding="utf-8")
    gain = model.booster.feature_importance(importance_type="gain")
    importance = sorted(zip(data.columns, gain.tolist(), strict=True), key=lambda x: -x[1])
    card = {
        "model": "LightGBM gradient-boosted trees, isotonic calibration",
        "tipflow_version": __version__,
        "lightgbm_version": lightgbm.__version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sha256": model_digest(out),
        "training_data": {
            "sources": data.sources,
            "accounts": int(data.labels.size),
            "involved": int(data.labels.sum()),
            "split": split[1],
            "rows": {p: int((split[0] == p).sum()) for p in ("train", "calibration", "test")},
        },
        "parameters": {**parameters, "rounds": ROUNDS},
        "features": data.columns,
        "metrics": metrics,
        "top_features_by_gain": [
            {"feature": name, "gain": round(value, 1)} for name, value in importance[:20]
        ],
    }
    (out / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


def model_digest(folder: Path) -> str:
    """SHA-256 of the model file: the card names it, a screen's run.json records it."""
    return hashlib.sha256((folder / MODEL_FILE).read_bytes()).hexdigest()


def load_model(folder: Path, columns: list[str]) -> LearnedModel:
    """Read a model folder; refuses one trained on other features than ``columns``."""
    for name in (MODEL_FILE, CALIBRATION_FILE, CARD_FILE):
        if not (folder / name).is_file():
            raise ConfigError(f"{folder / name}: missing (not a tipflow model folder)")
    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    if model_digest(folder) != card.get("sha256"):
        raise ConfigError(f"{folder / MODEL_FILE}: does not match the SHA-256 of its model card")
    if card.get("features") != columns:
        raise ConfigError(
            f"{folder}: trained on other features than this library computes; retrain it "
            "with this version (`tipflow train`)"
        )
    calibration = json.loads((folder / CALIBRATION_FILE).read_text(encoding="utf-8"))
    booster = lightgbm.Booster(model_file=str(folder / MODEL_FILE))
    return LearnedModel(
        booster, columns, np.array(calibration["x"], float), np.array(calibration["y"], float)
    )
