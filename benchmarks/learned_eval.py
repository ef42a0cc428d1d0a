"""Learned scoring, measured honestly: a model trained only on ``tipflow simulate`` worlds,
applied to worlds of the two independent generators (docs/evaluation.md).

Run from the repository root (after README command 2):

    .venv/bin/python -m benchmarks.learned_eval

Trains on tipflow worlds (seeds 11-13 x subtlety 0 and 0.6, 8000 customers, 180 days), then
for each of 5 model seeds scores the holdout worlds (UK ``tests/holdout`` and Australian
``tests/holdout_au``, seeds 7-9 x subtlety 0.3 and 0.7, 3000 customers, 120 days) three ways:
the rules alone (``tipflow screen``), the learned score alone, and the blend ``tipflow screen
--model`` writes (the real code path, on a copy of each screened workspace). Reports mean and
spread of average precision and F1 per generator, the features the models lean on, what the
blend gets wrong, and the scoring throughput. Writes ``benchmarks/results/learned-eval.json``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
from sklearn.metrics import average_precision_score, f1_score

from benchmarks.eval_matrix import write_world
from tipflow.detect.registry import load_library
from tipflow.detect.screen import WORKSPACE_NAME, screen_dataset
from tipflow.engine.duckdb import connect
from tipflow.score.blend import blend_learned_score
from tipflow.score.model import load_model, train_model
from tipflow.score.training import labelled_rows, training_set

RESULTS = Path(__file__).parent / "results"
HOLDOUTS = {"holdout": "UK holdout", "holdout_au": "AU holdout"}
NOT_INVOLVED = (False, "-", "ordinary customer")


def screened(generator: str, seed: int, subtlety: float, size: tuple[int, int], work: Path) -> Path:
    world = work / f"{generator}-{seed}-{subtlety}"
    write_world(generator, seed, subtlety, size[0], size[1], world)
    screen_dataset(world, world / "results")
    return world


def blended(world: Path, model_dir: Path, scratch: Path) -> list[tuple[str, float, bool]]:
    """(account_id, risk, flagged) after ``screen --model``'s blend, on a workspace copy."""
    copy = scratch / "workspace.duckdb"
    shutil.copy(world / "results" / WORKSPACE_NAME, copy)
    library = load_library(None)
    con = connect(copy)
    try:
        card = json.loads((model_dir / "model_card.json").read_text("utf-8"))
        blend_learned_score(con, library, load_model(model_dir, card["features"]))
        rows = con.execute(
            "SELECT account_id, risk_score, flagged FROM account_scores ORDER BY account_id"
        ).fetchall()
    finally:
        con.close()
    return [(str(a), float(r), bool(f)) for a, r, f in rows]


def measure(world: Path, model_dir: Path, scratch: Path) -> dict[str, Any]:
    library = load_library(None)
    card = json.loads((model_dir / "model_card.json").read_text("utf-8"))
    model = load_model(model_dir, card["features"])
    x, y, _, columns, _ = labelled_rows(world / "results" / WORKSPACE_NAME, world, library)
    rules = x[:, columns.index("rules_risk")]
    learned = model.predict(x)
    truth = _truth(world)
    blend = blended(world, model_dir, scratch)
    involved = np.array([truth.get(a, NOT_INVOLVED)[0] for a, _, _ in blend])
    risk = np.array([r for _, r, _ in blend])
    flagged = np.array([f for _, _, f in blend])
    wrong = Counter(
        f"missed {truth[a][1]}" if truth[a][0] else f"false alert: {truth[a][2]}"
        for a, _, f in blend
        if f != truth.get(a, NOT_INVOLVED)[0]
    )
    return {
        "ap": {
            "rules": average_precision_score(y, rules),
            "learned": average_precision_score(y, learned),
            "blend": average_precision_score(involved, risk),
        },
        "f1": {
            "rules": f1_score(y, rules >= 0.5),
            "learned": f1_score(y, learned >= 0.5),
            "blend": f1_score(involved, flagged),
        },
        "wrong": dict(wrong),
    }


def _truth(world: Path) -> dict[str, tuple[bool, str, str]]:
    rows = duckdb.execute(
        f"SELECT account_id, involved, typology, lookalike FROM "
        f"read_csv('{world / 'truth' / 'accounts.csv'}', all_varchar = true)"
    ).fetchall()
    return {
        str(a): (i == "true", str(t or "-"), str(lk or "ordinary customer")) for a, i, t, lk in rows
    }


def throughput(world: Path, model_dir: Path, rows: int = 1_000_000) -> dict[str, float]:
    """Accounts scored per second by the model (calibrated prediction; and with SHAP
    contributions), on a matrix of ``rows`` holdout feature rows."""
    card = json.loads((model_dir / "model_card.json").read_text("utf-8"))
    model = load_model(model_dir, card["features"])
    x, *_ = labelled_rows(world / "results" / WORKSPACE_NAME, world, load_library(None))
    big = np.tile(x, (rows // len(x) + 1, 1))[:rows]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        model.predict(big)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    model.contributions(big[:100_000])
    shap_seconds = time.perf_counter() - started
    return {
        "accounts_per_second": round(rows / statistics.median(timings)),
        "with_contributions_per_second": round(100_000 / shap_seconds),
    }


def _spread(values: list[float]) -> str:
    return f"{statistics.mean(values):.3f} ± {statistics.pstdev(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-seeds", type=int, nargs="+", default=[11, 12, 13])
    parser.add_argument("--train-subtlety", type=float, nargs="+", default=[0.0, 0.6])
    parser.add_argument("--holdout-seeds", type=int, nargs="+", default=[7, 8, 9])
    parser.add_argument("--holdout-subtlety", type=float, nargs="+", default=[0.3, 0.7])
    parser.add_argument("--model-seeds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tipflow-learned-") as scratch:
        work = Path(scratch)
        train = [
            screened("tipflow", s, t, (8000, 180), work)
            for s in args.train_seeds
            for t in args.train_subtlety
        ]
        holdouts = {
            g: [
                screened(g, s, t, (3000, 120), work)
                for s in args.holdout_seeds
                for t in args.holdout_subtlety
            ]
            for g in HOLDOUTS
        }
        data = training_set(
            [(w / "results" / WORKSPACE_NAME, w) for w in train], load_library(None)
        )
        runs: dict[str, list[dict[str, Any]]] = {g: [] for g in HOLDOUTS}
        cards = []
        for seed in range(1, args.model_seeds + 1):
            model_dir = work / f"model-{seed}"
            cards.append(train_model(data, model_dir, seed=seed))
            for generator, worlds in holdouts.items():
                runs[generator].extend(measure(w, model_dir, work) for w in worlds)
        speed = throughput(holdouts["holdout"][0], work / "model-1")
    report = _report(runs, cards, speed)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "learned-eval.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    _print(report)


def _report(
    runs: dict[str, list[dict[str, Any]]], cards: list[dict[str, Any]], speed: dict[str, float]
) -> dict[str, Any]:
    gains: Counter[str] = Counter()
    for card in cards:
        for item in card["top_features_by_gain"]:
            gains[item["feature"]] += item["gain"] / len(cards)
    summary = {}
    for generator, measured in runs.items():
        wrong: Counter[str] = Counter()
        for m in measured:
            wrong.update(m["wrong"])
        summary[HOLDOUTS[generator]] = {
            metric: {
                way: _spread([m[metric][way] for m in measured])
                for way in ("rules", "learned", "blend")
            }
            for metric in ("ap", "f1")
        } | {
            "runs": len(measured),
            "blend_wrong_per_world": {
                k: round(v / len(measured), 1) for k, v in wrong.most_common(10)
            },
        }
    return {
        "training": cards[0]["training_data"],
        "held_out_test": [c["metrics"]["test"] for c in cards],
        "holdouts": summary,
        "top_features_by_mean_gain": [[k, round(v, 1)] for k, v in gains.most_common(12)],
        "throughput": speed,
    }


def _print(report: dict[str, Any]) -> None:
    print("| generator | metric | rules only | learned only | blended |")
    print("|---|---|---|---|---|")
    for name, row in report["holdouts"].items():
        for metric in ("ap", "f1"):
            cells = " | ".join(row[metric][w] for w in ("rules", "learned", "blend"))
            print(f"| {name} | {metric.upper()} | {cells} |")
    print(json.dumps({k: v for k, v in report.items() if k != "holdouts"}, indent=1))
    for name, row in report["holdouts"].items():
        print(name, "blend wrong per world:", row["blend_wrong_per_world"])


if __name__ == "__main__":
    main()
