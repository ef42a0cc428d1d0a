"""The local results source against the files of the contract, read here independently."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from lxml import etree

from tests.ui.conftest import flagged_network, flagged_rows, read_csv
from tipflow.errors import DatasetError
from tipflow.ui.local_source import LocalResultsSource, check_results_folder


@pytest.fixture(scope="module")
def source(ui_results: Path) -> LocalResultsSource:
    return LocalResultsSource(ui_results)


def test_alerts_are_the_flagged_rows_of_accounts_csv(
    source: LocalResultsSource, ui_results: Path
) -> None:
    rows = flagged_rows(ui_results)
    alerts = source.alerts()
    assert [a.account_id for a in alerts] == [r["account_id"] for r in rows]
    for alert, row in zip(alerts, rows, strict=True):
        assert alert.rank == int(row["rank"])
        assert alert.risk_score == pytest.approx(float(row["risk_score"]))
        assert alert.network_id == (row["network_id"] or None)
        assert ";".join(alert.typologies) == row["typologies"]
        assert alert.explanation == row["explanation"]


def test_an_account_carries_every_evidence_row_of_evidence_parquet(
    source: LocalResultsSource, ui_results: Path
) -> None:
    top = flagged_rows(ui_results)[0]["account_id"]
    evidence = [
        r for r in pq.read_table(ui_results / "evidence.parquet").to_pylist()
        if r["account_id"] == top
    ]  # fmt: skip
    detail = source.account(top)
    assert detail is not None and detail.result.flagged
    assert [e.indicator_id for e in detail.evidence] == sorted(r["indicator_id"] for r in evidence)
    by_id = {r["indicator_id"]: r for r in evidence}
    for row in detail.evidence:
        assert row.value == pytest.approx(float(by_id[row.indicator_id]["value"]))
        assert row.threshold == pytest.approx(float(by_id[row.indicator_id]["threshold"]))
        assert list(row.transaction_ids) == list(by_id[row.indicator_id]["transaction_ids"] or [])
        assert row.indicator_name and row.indicator_name != row.indicator_id
    named = {t for e in evidence for t in e["transaction_ids"] or []}
    assert {t.transaction_id for t in detail.transactions} == named
    times = [t.timestamp for t in detail.transactions]
    assert times == sorted(times)


def test_an_account_case_is_its_flagged_network_or_itself(
    source: LocalResultsSource, ui_results: Path
) -> None:
    flagged_networks = {
        n["network_id"] for n in read_csv(ui_results / "networks.csv") if n["flagged"] == "true"
    }
    rows = read_csv(ui_results / "accounts.csv")
    lone = next(
        r for r in rows if r["flagged"] == "true" and r["network_id"] not in flagged_networks
    )
    member = next(r for r in rows if r["network_id"] in flagged_networks)
    unflagged = next(
        r for r in rows if r["flagged"] == "false" and r["network_id"] not in flagged_networks
    )
    assert source.account(lone["account_id"]).case_id == lone["account_id"]  # type: ignore[union-attr]
    assert source.account(member["account_id"]).case_id == member["network_id"]  # type: ignore[union-attr]
    assert source.account(unflagged["account_id"]).case_id is None  # type: ignore[union-attr]
    assert source.account("NO-SUCH-ACCOUNT") is None


def test_network_and_flows(source: LocalResultsSource, ui_results: Path) -> None:
    network = flagged_network(ui_results)
    graph = source.network(network["network_id"])
    assert graph is not None
    members = sorted(n["id"] for n in graph["nodes"] if n["kind"] == "account")
    assert members == sorted(network["accounts"].split(";"))
    assert source.network("NW-99999") is None
    top = flagged_rows(ui_results)[0]["account_id"]
    flows = source.account_flows(top)
    assert flows.transactions > 0 and flows.points
    assert any(p.evidence_count for p in flows.points)


def test_the_goaml_report_of_a_case_is_xml_naming_its_accounts(
    source: LocalResultsSource, ui_results: Path
) -> None:
    network = flagged_network(ui_results)
    xml = source.goaml_report(network["network_id"])
    assert xml is not None
    root = etree.fromstring(xml)
    assert root.tag == "report"
    text = xml.decode("utf-8")
    assert all(account in text for account in network["accounts"].split(";"))
    assert source.goaml_report("NO-SUCH-CASE") is None


@pytest.mark.parametrize("missing", ["accounts.csv", "workspace.duckdb"])
def test_a_folder_that_is_not_results_is_named_in_one_line(
    ui_results: Path, tmp_path: Path, missing: str
) -> None:
    fake = tmp_path / "fake"
    fake.mkdir()
    for name in ("accounts.csv", "networks.csv", "evidence.parquet", "workspace.duckdb"):
        if name != missing:
            (fake / name).write_text("x")
    with pytest.raises(DatasetError, match=f"not a results folder of tipflow screen.*{missing}"):
        check_results_folder(fake)
    with pytest.raises(DatasetError, match="no such folder"):
        check_results_folder(tmp_path / "nowhere")
