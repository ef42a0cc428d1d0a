"""The network and timeline pictures: what they are drawn from, and that any data draws."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from tipflow.network.subgraph import OUTSIDE_SHOWN
from tipflow.report.cases import Case
from tipflow.report.html.network_picture import draw_case_network, lone_account_graph
from tipflow.report.html.timeline import draw_timeline
from tipflow.report.html.workspace import AGGREGATE_ABOVE, CaseFlows, FlowPoint, read_case_flows


def _is_svg(path: Path) -> bool:
    return ET.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_a_lone_account_is_drawn_with_its_counterparties(cases: list[Case], tmp_path: Path) -> None:
    case = max(cases, key=lambda c: len(c.transactions))
    account = case.accounts[0].account_id
    lone = case.model_copy(update={"network_id": None, "accounts": case.accounts[:1]})
    graph = lone_account_graph(lone)
    kinds = [n["kind"] for n in graph["nodes"]]
    assert kinds[0] == "account" and graph["nodes"][0]["id"] == account
    assert 1 <= kinds.count("outside") <= OUTSIDE_SHOWN
    ids = {n["id"] for n in graph["nodes"]}
    for edge in graph["edges"]:
        assert account in (edge["source"], edge["target"])
        assert {edge["source"], edge["target"]} <= ids
        assert edge["kind"] == "money" and edge["total"] > 0
    draw_case_network(graph, tmp_path / "network.svg")
    assert _is_svg(tmp_path / "network.svg")


def test_an_account_without_transactions_is_still_drawn(cases: list[Case], tmp_path: Path) -> None:
    quiet = cases[-1].model_copy(update={"network_id": None, "transactions": ()})
    graph = lone_account_graph(quiet)
    assert [n["kind"] for n in graph["nodes"]] == ["account"] * len(quiet.accounts)
    assert graph["edges"] == []
    draw_case_network(graph, tmp_path / "network.svg")
    assert _is_svg(tmp_path / "network.svg")


def test_busy_cases_are_drawn_per_day(screened_results: Path, cases: list[Case]) -> None:
    flows = read_case_flows(screened_results, cases)
    assert set(flows) == {c.case_id for c in cases}
    busy = [f for f in flows.values() if f.aggregated]
    quiet = [f for f in flows.values() if not f.aggregated and f.transactions]
    assert busy and quiet, "the fixture world should have both kinds of case"
    for flow in busy:
        assert flow.transactions > AGGREGATE_ABOVE
        assert sum(p.count for p in flow.points) == flow.transactions
        assert len(flow.points) < flow.transactions
        assert len({p.when.date() for p in flow.points}) == len({p.when for p in flow.points})
    for flow in quiet:
        assert len(flow.points) == flow.transactions <= AGGREGATE_ABOVE
    for case in cases:  # every transaction the evidence names is marked as evidence
        marked = sum(p.evidence_count for p in flows[case.case_id].points)
        assert marked == len(case.transactions)


def test_a_timeline_draws_whatever_it_is_given(tmp_path: Path) -> None:
    when = dt.datetime(2024, 1, 1, 9)
    odd = CaseFlows(
        points=(
            FlowPoint(when, 0.0, "cash", "in"),  # no room on a log scale: left out
            FlowPoint(when, 12.5, "$x^$ <script>", "out", evidence_count=1),
            FlowPoint(when + dt.timedelta(days=400), 1e7, "carrier pigeon", "within"),
        ),
        aggregated=False,
        transactions=3,
        currencies=("EUR", "USD"),
    )
    empty = CaseFlows(points=(), aggregated=False, transactions=0, currencies=())
    for name, flows in (("odd", odd), ("empty", empty)):
        draw_timeline(flows, tmp_path / f"{name}.svg", lone=False)
        svg = (tmp_path / f"{name}.svg").read_text("utf-8")
        assert _is_svg(tmp_path / f"{name}.svg")
        assert "<script" not in svg and "<!DOCTYPE" not in svg
