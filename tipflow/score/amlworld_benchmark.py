"""``tipflow benchmark amlworld FILE``: the published protocol on an AMLworld transaction file.

Altman et al. (NeurIPS 2023) split each dataset in time: the first 60 % of transactions train,
the next 20 % validate, the last 20 % test, and report the minority-class (laundering) F1 on
the test set. Here the cuts fall on whole days (a day is never on both sides), the decision
threshold is the one with the best F1 on validation, and the model is LightGBM on the
transaction features of ``transaction_features.py``, trained with 5 seeds (mean and spread are
reported). Anyone holding HI-Small can compare the figure with the papers' (graph features +
LightGBM 62.9; Multi-PNA 68.2; FraudGT 76.4, minority-class F1 on HI-Small).
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import lightgbm
import numpy as np
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve

from tipflow.engine.duckdb import connect
from tipflow.errors import DatasetError
from tipflow.score.amlworld_reader import read_amlworld
from tipflow.score.model import PARAMETERS
from tipflow.score.transaction_features import (
    CATEGORICAL,
    TRANSACTION_FEATURES,
    build_transaction_features,
)

#: Shares of transactions in (train, validation); the rest is the test set.
SPLIT = (0.6, 0.2)
ROUNDS = 300
#: Laundering is about 0.1 % of AMLworld's transactions: bigger trees than the account model.
TRANSACTION_PARAMETERS = {**PARAMETERS, "num_leaves": 63, "min_child_samples": 20}


def day_cuts(days: np.ndarray, path: Path) -> tuple[int, int]:
    """The first day of validation and of test: whole days, at about 60 % and 80 % of the
    transactions in time order."""
    ordered = np.sort(days)
    cuts = []
    for share in (SPLIT[0], SPLIT[0] + SPLIT[1]):
        cuts.append(int(ordered[min(int(share * len(ordered)), len(ordered) - 1)]))
    if not cuts[0] < cuts[1] or cuts[0] == ordered[0]:
        raise DatasetError(
            path, "too few days to split in time (train, validation and test need a day each)"
        )
    return cuts[0], cuts[1]


def run_benchmark(path: Path, seeds: int = 5) -> dict[str, Any]:
    """Read, featurise, split, train ``seeds`` models; the protocol's figures."""
    con = connect(None)
    try:
        rows = read_amlworld(con, path)
        build_transaction_features(con)
        table = con.sql(
            f"SELECT day, is_laundering, {', '.join(TRANSACTION_FEATURES)} FROM aml_features "
            "ORDER BY row_number"
        ).to_arrow_table()
    finally:
        con.close()
    days = table["day"].to_numpy()
    labels = table["is_laundering"].to_numpy().astype(float)
    features = np.column_stack(
        [table[c].to_numpy(zero_copy_only=False).astype(float) for c in TRANSACTION_FEATURES]
    )
    validation_day, test_day = day_cuts(days, path)
    parts = np.where(days < validation_day, 0, np.where(days < test_day, 1, 2))
    for part, name in enumerate(("train", "validation", "test")):
        if labels[parts == part].sum() == 0:
            raise DatasetError(path, f"the {name} period holds no laundering transaction")
    runs = [_one_seed(features, labels, parts, seed) for seed in range(1, seeds + 1)]
    return {
        "file": str(path),
        "transactions": rows,
        "laundering": int(labels.sum()),
        "split_days": {"validation_from": validation_day, "test_from": test_day},
        "split_transactions": {
            name: int((parts == part).sum())
            for part, name in enumerate(("train", "validation", "test"))
        },
        "seeds": seeds,
        "minority_f1": _spread([r["f1"] for r in runs]),
        "average_precision": _spread([r["ap"] for r in runs]),
        "runs": runs,
    }


def _one_seed(
    features: np.ndarray, labels: np.ndarray, parts: np.ndarray, seed: int
) -> dict[str, float]:
    train, validation, test = (parts == 0), (parts == 1), (parts == 2)
    booster = lightgbm.train(
        {**TRANSACTION_PARAMETERS, "seed": seed},
        lightgbm.Dataset(
            features[train],
            labels[train],
            feature_name=TRANSACTION_FEATURES,
            categorical_feature=CATEGORICAL,
        ),
        num_boost_round=ROUNDS,
    )
    scored = np.asarray(booster.predict(features[validation]), dtype=float)
    precision, recall, thresholds = precision_recall_curve(labels[validation], scored)
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    threshold = float(thresholds[int(np.argmax(f1[:-1]))])
    tested = np.asarray(booster.predict(features[test]), dtype=float)
    return {
        "seed": seed,
        "threshold": round(threshold, 6),
        "f1": round(float(f1_score(labels[test], tested >= threshold)), 4),
        "ap": round(float(average_precision_score(labels[test], tested)), 4),
    }


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "mean": round(statistics.mean(values), 4),
        "stdev": round(statistics.pstdev(values), 4),
    }
