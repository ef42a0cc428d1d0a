"""The queue's filters, order, pages and counts, on hand-made alerts (no server, no world)."""

from __future__ import annotations

import pytest

from tipflow.ui.actions import AlertState
from tipflow.ui.queue import PAGE_SIZE, kpis, parse_query, select
from tipflow.ui.source import AccountResult


def alert(rank: int, score: float, **fields: object) -> AccountResult:
    values: dict[str, object] = {
        "account_id": f"A{rank}",
        "institution_id": "BANK_A",
        "risk_score": score,
        "flagged": True,
        "rank": rank,
        "crime": "sex_trafficking",
        "role": "victim",
        "typologies": ("HT-SEX-T01",),
        "indicators": ("HT-SEX-03",),
        "network_id": None,
        "explanation": "",
    } | fields
    return AccountResult(**values)  # type: ignore[arg-type]


ALERTS = [
    alert(1, 0.97, crime="labour_trafficking", typologies=("HT-LAB-T01",)),
    alert(2, 0.91, institution_id="BANK_B"),
    alert(3, 0.80, account_id="Azz"),
    alert(4, 0.72, crime=None, typologies=()),
]
STATES = {
    "A1": AlertState(status="closed", outcome="true_positive", assignee="robin"),
    "A2": AlertState(status="escalated", assignee="Alex"),
    "A4": AlertState(status="closed", outcome="false_positive"),
}


def ids(params: dict[str, str]) -> list[str]:
    return [row.alert.account_id for row in select(ALERTS, STATES, parse_query(params)).rows]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["A1", "A2", "Azz", "A4"]),
        ({"min_score": "0.9"}, ["A1", "A2"]),
        ({"crime": "sex_trafficking"}, ["A2", "Azz"]),
        ({"typology": "HT-LAB-T01"}, ["A1"]),
        ({"institution": "BANK_B"}, ["A2"]),
        ({"status": "open"}, ["Azz"]),
        ({"status": "closed"}, ["A1", "A4"]),
        ({"account": "ZZ"}, ["Azz"]),
        ({"sort": "score", "order": "asc"}, ["A4", "Azz", "A2", "A1"]),
        ({"sort": "account"}, ["A1", "A2", "A4", "Azz"]),
        ({"sort": "institution", "order": "desc"}, ["A2", "A1", "Azz", "A4"]),
        ({"sort": "status"}, ["Azz", "A2", "A1", "A4"]),
        ({"sort": "assignee"}, ["Azz", "A4", "A2", "A1"]),
        ({"status": "closed", "min_score": "0.8"}, ["A1"]),
    ],
)  # fmt: skip
def test_filters_and_order(params: dict[str, str], expected: list[str]) -> None:
    assert ids(params) == expected


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"min_score": "lots"}, "minimum score"),
        ({"min_score": "1.5"}, "minimum score"),
        ({"status": "pending"}, "no status"),
        ({"sort": "holder"}, "cannot sort"),
    ],
)
def test_nonsense_in_the_url_is_ignored_and_said(params: dict[str, str], problem: str) -> None:
    query = parse_query(params)
    assert any(problem in p for p in query.problems)
    assert len(ids(params)) == len(ALERTS)


def test_params_round_trip_and_leave_out_defaults() -> None:
    query = parse_query({"sort": "account", "order": "desc", "crime": "x", "page": "1"})
    assert query.params() == {"crime": "x", "sort": "account", "order": "desc"}
    assert parse_query(query.params()) == query
    assert parse_query({}).params() == {}
    assert parse_query({}).params(page=2) == {"page": "2"}


def test_pages() -> None:
    many = [alert(n, 1 - n / 1000) for n in range(1, PAGE_SIZE + 8)]
    first = select(many, {}, parse_query({}))
    last = select(many, {}, parse_query({"page": "2"}))
    beyond = select(many, {}, parse_query({"page": "99"}))
    assert (first.matching, first.pages, len(first.rows), len(last.rows)) == (
        len(many), 2, PAGE_SIZE, 7,
    )  # fmt: skip
    assert beyond.page == 2 and beyond.rows == last.rows
    assert {r.alert.rank for r in first.rows + last.rows} == {a.rank for a in many}


def test_kpis_count_every_alert_once() -> None:
    counts = kpis(ALERTS, STATES | {"NOT-AN-ALERT": AlertState(status="closed")})
    assert (counts.alerts, counts.open, counts.escalated, counts.closed) == (4, 1, 1, 2)
    assert (counts.true_positive, counts.false_positive, counts.other) == (1, 1, 0)
