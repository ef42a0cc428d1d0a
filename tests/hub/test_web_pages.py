"""The FIU's pages over HTTP on SQLite: the triage queue's filters and order, a report's
content (JSON and goAML), the actions and what they change (status, history, disclosures,
feedback, audit chain, the API's answers), networks, disclosures and the KPI dashboard."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.hub.conftest import Hub, json_report, running_hub
from tests.hub.token_files import token_file, upload_path
from tests.hub.web_client import logged_in, page, post_form, texts
from tipflow.hub.audit import verify_chain
from tipflow.hub.intake import read_goaml_bytes
from tipflow.hub.models import AuditEntry
from tipflow.hub.models_triage import ReportStatusChange
from tipflow.hub.web.charts import bar_chart

MARIA = "+13125550199"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    """A populated hub on SQLite (the access tests run on PostgreSQL too)."""
    with running_hub("sqlite", tmp_path, None) as running:
        yield running


def _file(hub: Hub, org: str, reference: str, indicators: tuple[str, ...] = ("HT-01",)) -> int:
    body = json_report(reference, indicators)
    response = hub.client.post("/reports/json", json=body, headers=hub.as_(org))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _actions(hub: Hub) -> list[str]:
    with hub.state.sessions() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def _queue(client: object, query: str = "") -> list[str]:
    document = page(client, f"/ui/triage{query}")  # type: ignore[arg-type]
    return [str(v) for v in document.xpath("//table[@id='queue']/tbody/tr/@data-report")]


def test_the_triage_queue_filters_and_sorts(hub: Hub) -> None:
    first = _file(hub, "bank_a", "Q-1", ("HT-01", "LT-02"))
    second = _file(hub, "bank_b", "Q-2")
    third = _file(hub, "bank_a", "Q-3", ("MS-01",))
    triaged = {"status": "triaged", "reason": "seen"}
    hub.client.put(f"/reports/{second}/status", json=triaged, headers=hub.as_("fiu"))
    client = logged_in(hub, "fiu")
    assert _queue(client) == [str(first), str(third)]  # received ones, oldest first
    assert _queue(client, "?status=") == [str(first), str(second), str(third)]
    assert _queue(client, "?status=&institution=Bank+B") == [str(second)]
    assert _queue(client, "?status=&indicator=HT-01") == [str(first), str(second)]
    assert _queue(client, "?status=&sort=received&order=desc") == [str(third), str(second),
                                                                    str(first)]  # fmt: skip
    assert _queue(client, "?status=&sort=institution")[-1] == str(second)
    document = page(client, "/ui/triage?status=lost&sort=colour")
    assert len(document.xpath("//*[@class='problem']")) == 2
    assert len(document.xpath("//table[@id='queue']/tbody/tr[@data-report]")) == 3
    figures = {k: int(v) for k, v in zip(document.xpath("//a[@data-kpi]/@data-kpi"),
               document.xpath("//a[@data-kpi]/span[1]/text()"), strict=True)}  # fmt: skip
    assert figures == {"received": 2, "triaged": 1, "disclosed": 0, "closed": 0}
    assert _actions(hub).count("list_triage_queue") == 7  # every view is an audited read


def test_a_report_page_shows_its_summary_indicators_and_transactions(
    hub: Hub, goaml_reports: list[bytes]
) -> None:
    report_id = _file(hub, "bank_a", "R-1", ("HT-SEX-01", "XX-9"))
    xml = {"Content-Type": "application/xml", **hub.as_("bank_b")}
    filed = hub.client.post("/reports/goaml", content=goaml_reports[0], headers=xml)
    goaml_id = filed.json()["id"]
    client = logged_in(hub, "fiu")
    document = page(client, f"/ui/reports/{report_id}")
    assert texts(document, "//*[@id='reason']/text()") == [
        "several indicators of labour exploitation"
    ]
    assert document.xpath("//*[@id='indicator-list']/li/@data-indicator") == ["HT-SEX-01", "XX-9"]
    named = texts(document, "//li[@data-indicator='HT-SEX-01']//text()")
    assert len(" ".join(named)) > len("HT-SEX-01 — ")  # a tipflow id is named; XX-9 as it is
    rows = document.xpath("//table[@id='transaction-table']/tbody/tr")
    assert [r.xpath("string(td[2])") for r in rows] == ["T1"]
    assert "950.00 USD" in rows[0].xpath("string(td[5])")
    goaml = page(client, f"/ui/reports/{goaml_id}")
    expected = read_goaml_bytes(goaml_reports[0]).transactions
    shown = goaml.xpath("//table[@id='transaction-table']/tbody/tr/td[2]/text()")
    assert shown == [t.transaction_id for t in expected][: len(shown)] and shown
    assert _actions(hub).count("read_report") == 2
    assert page(client, "/ui/reports/999", 404) is not None
    for odd in ("abc", "99999999999", "²"):
        assert client.get(f"/ui/reports/{odd}").status_code == 404


def test_the_fiu_acts_on_a_report_through_the_apis_functions(hub: Hub) -> None:
    report_id = _file(hub, "bank_a", "A-1")
    client = logged_in(hub, "fiu")
    url = f"/ui/reports/{report_id}"
    reason = "Two <b>victims</b> named; <script>alert(1)</script>"
    missing = post_form(client, f"{url}/status", url, status="triaged", reason=" ")
    assert missing.status_code == 422 and "reason" in missing.text
    done = post_form(client, f"{url}/status", url, status="triaged", reason=reason)
    assert done.status_code == 303 and done.headers["location"] == f"{url}#history"
    document = page(client, url)
    assert document.get_element_by_id("report-status").get("data-status") == "triaged"
    assert texts(document, "//*[@id='history']//blockquote/text()") == [reason]
    assert "<script>alert(1)</script>" not in client.get(url).text
    api = hub.client.get(f"/reports/{report_id}", headers=hub.as_("fiu")).json()
    assert api["status"] == "triaged"
    with hub.state.sessions() as session:
        change = session.scalars(select(ReportStatusChange)).one()
    assert (change.from_status, change.to_status, change.reason) == ("received", "triaged", reason)

    wrong = post_form(client, f"{url}/disclosures", url,
                      to_organisation_id=str(hub.orgs["bank_b"]), note="x")  # fmt: skip
    assert wrong.status_code == 422 and "law-enforcement" in wrong.text
    police = str(hub.orgs["police"])
    disclosed = post_form(client, f"{url}/disclosures", url, to_organisation_id=police,
                          note="urgent: two victims")  # fmt: skip
    assert disclosed.status_code == 303
    document = page(client, url)
    assert document.get_element_by_id("report-status").get("data-status") == "disclosed"
    assert texts(document, "//li[@data-disclosure]/strong/text()") == ["Police"]

    too_useful = post_form(client, f"{url}/feedback", url, usefulness="9", notes="")
    assert too_useful.status_code == 422 and "usefulness" in too_useful.text
    sent = post_form(client, f"{url}/feedback", url, usefulness="4", notes="clear narrative")
    assert sent.status_code == 303
    assert page(client, url).xpath("//li[@data-usefulness]/@data-usefulness") == ["4"]
    bank = page(logged_in(hub, "bank_a"), "/ui/reports")
    assert texts(bank, "//table[@id='feedback-table']/tbody/tr/td[4]/text()") == ["clear narrative"]
    assert bank.xpath("//table[@id='reports']//@data-status") == ["disclosed"]
    # the bank reads its report, without the FIU's history or actions
    own = page(logged_in(hub, "bank_a"), url)
    assert not own.xpath("//*[@id='history'] | //*[@id='actions']")

    actions = _actions(hub)
    for action in ("set_report_status", "create_disclosure", "send_feedback", "list_feedback"):
        assert actions.count(action) == 1, action
    with hub.state.sessions() as session:
        assert verify_chain(session).ok


def test_networks_across_institutions_as_a_list_and_a_graph(hub: Hub) -> None:
    octet = {"Content-Type": "application/octet-stream"}
    for org, phones in (("bank_a", {"m": MARIA}), ("bank_b", {"m2": MARIA, "x": MARIA})):
        data = token_file(org.upper(), phones)
        response = hub.client.post(upload_path(len(phones)), content=data,
                                   headers={**hub.as_(org), **octet})  # fmt: skip
        assert response.status_code == 201, response.text
    client = logged_in(hub, "fiu")
    listing = page(client, "/ui/networks")
    assert listing.xpath("//table[@id='networks']/tbody/tr/@data-network") == ["XN-00001"]
    assert texts(listing, "//tr[@data-network='XN-00001']/td[1]/text()") == ["3"]
    document = page(client, "/ui/networks/XN-00001")
    graph = document.get_element_by_id("graph")
    assert graph.get("data-node-count") == "3" and graph.get("data-edge-count") == "3"
    elements = json.loads(document.get_element_by_id("network-data").text)
    colours = {n["data"]["institution"]: n["data"]["colour"] for n in elements["nodes"]}
    assert sorted(colours) == ["BANK_A", "BANK_B"] and len(set(colours.values())) == 2
    assert all(n["data"]["flagged"] for n in elements["nodes"])
    assert {e["data"]["label"] for e in elements["edges"]} == {"phone"}
    assert len(document.xpath("//table[@id='records']/tbody/tr")) == 3
    assert page(client, "/ui/networks/XN-00009", 404) is not None
    assert _actions(hub).count("read_networks") == 3


def test_disclosures_for_the_fiu_and_for_the_police(hub: Hub) -> None:
    report_id = _file(hub, "bank_a", "D-1")
    package = {"to_organisation_id": hub.orgs["police"], "report_ids": [report_id], "note": "n1"}
    hub.client.post("/disclosures", json=package, headers=hub.as_("fiu"))
    fiu = page(logged_in(hub, "fiu"), "/ui/disclosures")
    assert texts(fiu, "//tr[@data-disclosure]/td[2]/text()") == ["Police"]
    assert fiu.xpath("//tr[@data-disclosure]/td[3]/a/@href") == [f"/ui/reports/{report_id}"]
    police = page(logged_in(hub, "police"), "/ui/disclosures")
    assert texts(police, "//tr[@data-disclosure]/td[4]/text()") == ["n1"]
    assert _actions(hub).count("list_disclosures") == 2  # one a page


def test_the_kpi_dashboard_shows_the_apis_figures_and_follows_them(hub: Hub) -> None:
    for reference, org in (("K-1", "bank_a"), ("K-2", "bank_a"), ("K-3", "bank_b")):
        _file(hub, org, reference, ("HT-01", "LT-02") if org == "bank_b" else ("HT-01",))
    client = logged_in(hub, "supervisor")
    document = page(client, "/ui/kpis")
    kpis = hub.client.get("/kpis", headers=hub.as_("supervisor")).json()
    for key, values in (("reports_by_institution", kpis["reports_by_institution"]),
                        ("reports_by_indicator", kpis["reports_by_indicator"])):  # fmt: skip
        bars = document.xpath(f"//figure[@data-chart='{key}']//*[@data-label]")
        assert {b.get("data-label"): int(b.get("data-value")) for b in bars} == values, key
    lengths = [float(r) for r in document.xpath("//figure[@data-chart='reports_by_indicator']"
                                                "//rect/@width")]  # fmt: skip
    assert lengths[0] == max(lengths) and lengths[1] == pytest.approx(lengths[0] / 3, abs=0.2)
    figure = "//*[@data-kpi='disclosures']/span[1]/text()"
    assert document.xpath(figure) == ["0"]
    package = {"to_organisation_id": hub.orgs["police"], "report_ids": [1, 2]}
    hub.client.post("/disclosures", json=package, headers=hub.as_("fiu"))
    after = page(client, "/ui/kpis")
    assert after.xpath(figure) == ["1"]
    status_bars = after.xpath("//figure[@data-chart='reports_by_status']//*[@data-label]")
    assert {b.get("data-label"): b.get("data-value") for b in status_bars} == {
        "Received": "1",
        "Disclosed": "2",
    }
    hours = after.xpath("//figure[@data-chart='median_hours']//*[@data-label]/@data-label")
    assert hours == ["from receipt to first disclosure"]  # no tactical answer yet: no bar


def test_pages_carry_the_security_headers_and_unknown_paths_a_page(hub: Hub) -> None:
    client = logged_in(hub, "fiu")
    for url in ("/ui/login", "/ui/triage", "/ui/static/ui.css", "/ui/nowhere"):
        response = client.get(url)
        assert "default-src 'none'" in response.headers["content-security-policy"], url
        assert response.headers["cache-control"] == "no-store", url
    assert client.get("/ui/nowhere").status_code == 404
    assert re.search(r"no such page", client.get("/ui/nowhere").text)


def test_a_bar_chart_scales_to_its_largest_value_and_skips_the_unknown() -> None:
    chart = bar_chart(
        "k", "K", {"a": 4, "b": 1, "c": None, "a very long institution name, inc.": 2}
    )
    assert [bar.full_label for bar in chart.bars] == [
        "a",
        "b",
        "a very long institution name, inc.",
    ]
    assert chart.bars[0].length == chart.plot_width
    assert chart.bars[1].length == pytest.approx(chart.plot_width / 4, abs=0.1)
    assert chart.bars[2].label.endswith("…") and len(chart.bars[2].label) <= 28
    assert chart.height == chart.gap + 3 * (chart.bar_height + chart.gap)
    assert bar_chart("e", "E", {"zero": 0}).bars[0].length == 0
