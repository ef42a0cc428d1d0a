"""Cases read back from a results folder agree with the files the screening wrote."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tipflow.errors import DatasetError
from tipflow.report.cases import Case, case_file_stem, load_cases


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_flagged_account_is_in_exactly_one_case(
    screened_results: Path, cases: list[Case]
) -> None:
    flagged = {
        r["account_id"] for r in _csv(screened_results / "accounts.csv") if r["flagged"] == "true"
    }
    in_cases = [a.account_id for c in cases for a in c.accounts if a.flagged]
    assert flagged, "the fixture world must flag something"
    assert sorted(in_cases) == sorted(flagged)


def test_network_cases_hold_the_whole_network(screened_results: Path, cases: list[Case]) -> None:
    networks = {
        r["network_id"]: r
        for r in _csv(screened_results / "networks.csv")
        if r["flagged"] == "true"
    }
    by_network = {c.network_id: c for c in cases if c.network_id}
    assert set(by_network) == set(networks)
    for network_id, row in networks.items():
        case = by_network[network_id]
        assert sorted(a.account_id for a in case.accounts) == sorted(row["accounts"].split(";"))
        assert case.risk_score == pytest.approx(float(row["risk_score"]))
        assert set(case.institutions) == set(row["institutions"].split(";"))


def test_lone_cases_are_flagged_accounts_outside_flagged_networks(cases: list[Case]) -> None:
    in_networks = {a.account_id for c in cases if c.network_id for a in c.accounts}
    lone = [c for c in cases if c.network_id is None]
    for case in lone:
        assert [a.account_id for a in case.accounts] == [case.case_id]
        assert case.case_id not in in_networks


def test_cases_come_riskiest_first(cases: list[Case]) -> None:
    keys = [(-c.risk_score, c.case_id) for c in cases]
    assert keys == sorted(keys)


def test_evidence_and_its_transactions_are_complete(
    screened_results: Path, cases: list[Case]
) -> None:
    evidence = pq.read_table(screened_results / "evidence.parquet").to_pylist()
    for case in cases[:5]:
        members = {a.account_id for a in case.accounts}
        expected = [e for e in evidence if e["account_id"] in members]
        assert len(case.evidence) == len(expected)
        named = {t for e in expected for t in e["transaction_ids"] or []}
        assert {t.transaction_id for t in case.transactions} == named
        times = [t.timestamp for t in case.transactions]
        assert times == sorted(times)
        assert all(e.indicator_name for e in case.evidence)


def test_every_holder_and_related_party_is_in_the_case(cases: list[Case]) -> None:
    for case in cases:
        party_ids = {p.party_id for p in case.parties}
        for account in case.accounts:
            assert account.holder_party_id in party_ids
            assert {r.party_id for r in account.relations} <= party_ids
            assert case.account(account.account_id) is account
        assert all(case.party(p) is not None for p in party_ids)


def test_choosing_cases_by_id_and_top(screened_results: Path, cases: list[Case]) -> None:
    chosen = load_cases(screened_results, case_ids=[cases[-1].case_id, cases[0].case_id])
    assert [c.case_id for c in chosen] == [cases[0].case_id, cases[-1].case_id]
    assert [c.case_id for c in load_cases(screened_results, top=2)] == [
        c.case_id for c in cases[:2]
    ]
    with pytest.raises(DatasetError, match="no such case"):
        load_cases(screened_results, case_ids=["NW-does-not-exist"])


def test_missing_workspace_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="results folder of tipflow screen"):
        load_cases(tmp_path)


def test_case_file_stems_are_safe_and_distinct() -> None:
    assert case_file_stem("NW-00001") == "NW-00001"
    assert case_file_stem("BANK_A-001") == "BANK_A-001"
    unsafe = [case_file_stem(i) for i in ("a/b", "a_b", "a\\b", "..", "Ωmega")]
    assert len(set(unsafe)) == len(unsafe)
    assert all(s.isascii() and "/" not in s and "\\" not in s and s.strip(".") for s in unsafe)
