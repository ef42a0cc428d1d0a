"""Evaluation metrics on a results/truth pair small enough to check by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipflow.detect.evaluate import evaluate_results
from tipflow.errors import DatasetError

RESULTS = """\
account_id,institution_id,risk_score,flagged,rank,crime,role,typologies,indicators,\
network_id,explanation
a1,B,0.9,true,1,sex_trafficking,victim,,,X1,
a2,B,0.8,true,2,sex_trafficking,controller,,,X1,
a3,B,0.7,true,3,laundering,funnel,,,X2,
a4,B,0.4,false,4,,,,,,
a5,B,0.1,false,5,,,,,,
a6,B,0.0,false,6,,,,,,
"""
TRUTH = """account_id,involved,crime,role,typology,network_id,lookalike
a1,true,sex_trafficking,victim,t1,N1,
a2,true,sex_trafficking,victim,t1,N1,
a3,false,,,,,landlord
a4,true,labour_trafficking,victim,t4,N2,
a5,false,,,,,landlord
a6,false,,,,,
"""


def test_metrics_by_hand(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "t").mkdir()
    (tmp_path / "r" / "accounts.csv").write_text(RESULTS, "utf-8")
    (tmp_path / "t" / "accounts.csv").write_text(TRUTH, "utf-8")
    metrics = evaluate_results(tmp_path / "r", tmp_path / "t")
    accounts = metrics["accounts"]
    assert (accounts["true_positives"], accounts["false_positives"]) == (2, 1)
    assert accounts["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert accounts["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert accounts["f1"] == pytest.approx(2 / 3, abs=1e-3)
    # positives at ranks 1, 2 and 4: AP = (1/1 + 2/2 + 3/4) / 3
    assert accounts["average_precision"] == pytest.approx((1 + 1 + 0.75) / 3, abs=1e-4)
    assert accounts["false_positive_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert metrics["recall_by_typology"]["t1"]["share"] == 1.0
    assert metrics["recall_by_typology"]["t4"]["share"] == 0.0
    assert metrics["false_positive_rate_by_lookalike"]["landlord"]["share"] == 0.5
    # N1 (a1, a2) is all of results network X1: found whole; N2 (a4) is in no network.
    assert metrics["networks"] == {
        "networks": 2,
        "found": 1,
        "recall": 0.5,
        "mean_member_recall": 0.5,
        "found_whole": 0.5,
        "trafficking_smuggling_found_whole": 0.5,
        "found_whole_by_typology": {
            "t1": {"networks": 1, "whole": 1, "share": 1.0},
            "t4": {"networks": 1, "whole": 0, "share": 0.0},
        },
    }
    assert metrics["attribution"] == {"crime_accuracy": 1.0, "role_accuracy": 0.5}


def test_a_network_diluted_below_80_percent_is_not_whole(tmp_path: Path) -> None:
    (tmp_path / "r").mkdir()
    (tmp_path / "t").mkdir()
    # a1, a2 (N1) and a3, a5 (not involved) all in X1: N1 holds only half of X1.
    diluted = RESULTS.replace(",X2,", ",X1,").replace(
        "a5,B,0.1,false,5,,,,,,", "a5,B,0.1,false,5,,,,,X1,"
    )
    (tmp_path / "r" / "accounts.csv").write_text(diluted, "utf-8")
    (tmp_path / "t" / "accounts.csv").write_text(TRUTH, "utf-8")
    networks = evaluate_results(tmp_path / "r", tmp_path / "t")["networks"]
    assert networks["found_whole_by_typology"]["t1"]["whole"] == 0


def test_missing_truth_is_one_message(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"accounts\.csv"):
        evaluate_results(tmp_path, tmp_path)


def test_baseline_flags_any_account_with_one_signal(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tipflow.detect.baseline import write_baseline

    results = tmp_path / "r"
    results.mkdir()
    (results / "accounts.csv").write_text(RESULTS, "utf-8")
    pq.write_table(
        pa.table(
            {
                "account_id": ["a4", "a4", "a5", "a6"],
                "indicator_id": ["HT-SEX-03", "ML-02", "HT-SEX-08", "NET-02"],
                "value": [5.0, 3.0, 9.0, 1.0],
                "threshold": [4.0, 3.0, 6.0, 1.0],
                "transaction_ids": [[], [], [], []],
                "detail": ["", "", "", ""],
            }
        ),
        results / "evidence.parquet",
    )
    write_baseline(results, tmp_path / "b")
    rows = {
        line.split(",")[0]: line.split(",")
        for line in (tmp_path / "b" / "accounts.csv").read_text("utf-8").splitlines()[1:]
    }
    # a4: two signals; a5: a context indicator only; a6: network context only (not a rule)
    assert rows["a4"][3] == "true" and rows["a4"][4] == "1"
    assert rows["a5"][3] == "false" and rows["a6"][3] == "false"
