"""Typology scores on hand-written evidence: the customer-level view of one holder's accounts."""

from __future__ import annotations

import duckdb
import pytest

from tipflow.detect.registry import load_library
from tipflow.score.typologies import score_accounts

# Smuggling organiser (alert_at 2.5): MS-02 0.7 + ML-05 0.3 + ML-15 0.3 on one account,
# GEO-01 0.5 + GEN-08 0.7 on the same man's account at another bank: 1.3 and 1.2 apart,
# 2.5 together.
EVIDENCE = [
    ("LB-1", "MS-02", 4.0, 3.0),
    ("LB-1", "ML-05", 1.0, 1.0),
    ("LB-1", "ML-15", 21800.0, 5000.0),
    ("HW-1", "GEO-01", 3.0, 3.0),
    ("HW-1", "GEN-08", 4.6, 4.0),
    ("HW-1", "ML-05", 1.0, 1.0),
    # A stranger with LB-1's evidence alone stays below the bar.
    ("ZZ-9", "MS-02", 4.0, 3.0),
    ("ZZ-9", "ML-05", 1.0, 1.0),
    ("ZZ-9", "ML-15", 21800.0, 5000.0),
]
# account, entity: LB-1 and HW-1 are one resolved person; SAV-1 is his idle savings account.
PROFILE = [("LB-1", "E1"), ("HW-1", "E1"), ("SAV-1", "E1"), ("ZZ-9", "E9")]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE account_profile (account_id VARCHAR, institution_id VARCHAR, "
        "entity_id VARCHAR)"
    )
    con.executemany("INSERT INTO account_profile VALUES (?, 'BANK', ?)", PROFILE)
    con.execute(
        "CREATE TABLE evidence (account_id VARCHAR, indicator_id VARCHAR, value DOUBLE, "
        "threshold DOUBLE, detail VARCHAR)"
    )
    con.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, 'x')", EVIDENCE)
    score_accounts(con, load_library())
    return con


@pytest.fixture
def scores(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[float, bool]]:
    rows = con.execute("SELECT account_id, risk_score, flagged FROM account_scores").fetchall()
    return {account: (risk, flagged) for account, risk, flagged in rows}


def test_a_trail_split_over_two_banks_adds_up(scores: dict[str, tuple[float, bool]]) -> None:
    assert scores["LB-1"][1] and scores["HW-1"][1]
    assert scores["LB-1"][0] == scores["HW-1"][0] >= 0.5


def test_the_explanation_names_the_other_account(con: duckdb.DuckDBPyConnection) -> None:
    (explanation,) = con.execute(
        "SELECT explanation FROM account_scores WHERE account_id = 'LB-1'"
    ).fetchone() or ("",)
    assert explanation.endswith("Scored with the evidence of the same holder's accounts HW-1.")


def test_the_same_evidence_on_one_account_alone_does_not_alert(
    scores: dict[str, tuple[float, bool]],
) -> None:
    assert not scores["ZZ-9"][1] and scores["ZZ-9"][0] < 0.5


def test_an_idle_account_of_the_holder_is_not_flagged_for_its_siblings(
    scores: dict[str, tuple[float, bool]],
) -> None:
    assert scores["SAV-1"] == (0.0, False)


def test_indicators_restating_one_fact_count_once() -> None:
    """Flatmates: sharing an address (GEN-02), opening accounts with address-sharers (HT-LAB-07)
    and sharing it with an alert (NET-02) are one fact in the network-member typology, so they
    do not add up to an alert; with a sweep of its own (HT-SEX-14) the account does alert."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE account_profile (account_id VARCHAR, institution_id VARCHAR, "
        "entity_id VARCHAR)"
    )
    con.executemany(
        "INSERT INTO account_profile VALUES (?, 'BANK', ?)", [("F1", "E1"), ("V1", "E2")]
    )
    con.execute(
        "CREATE TABLE evidence (account_id VARCHAR, indicator_id VARCHAR, value DOUBLE, "
        "threshold DOUBLE, detail VARCHAR)"
    )
    shared = [("GEN-02", 3.0, 2.0), ("HT-LAB-07", 4.0, 3.0), ("NET-02", 4.0, 1.0)]
    rows = [(account, *row) for account in ("F1", "V1") for row in shared]
    con.executemany(
        "INSERT INTO evidence VALUES (?, ?, ?, ?, 'x')", [*rows, ("V1", "HT-SEX-14", 0.9, 0.7)]
    )
    score_accounts(con, load_library())
    scores = dict(
        con.execute(
            "SELECT account_id, score FROM typology_scores WHERE typology_id = 'network_member'"
        ).fetchall()
    )
    # NET-02 saturates at 4 (weight 1.0 -> 2.0 at value 4) and is counted alone: 2.0, not 3.4+
    assert scores["F1"] == pytest.approx(2.0)
    assert scores["V1"] > scores["F1"]
    flagged = dict(con.execute("SELECT account_id, flagged FROM account_scores").fetchall())
    assert flagged == {"F1": False, "V1": True}
