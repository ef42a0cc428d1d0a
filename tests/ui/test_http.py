"""The pages over HTTP: the queue's filters and order, an account's evidence, case actions
that change the status and the counts, the STR download, and what is refused (forms from
elsewhere, other hosts, unknown ids)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from tests.ui.conftest import flagged_network, flagged_rows, read_csv
from tests.ui.http_client import account_url, act, client, kpi, page, queue_ids, status_of, token
from tipflow.network.subgraph import network_graph
from tipflow.ui.queue import PAGE_SIZE
from tipflow.ui.rendering import path_part


@pytest.fixture
def http(ui_results: Path, action_log: Path) -> TestClient:
    return client(ui_results, action_log)


def test_the_queue_lists_every_alert_riskiest_first_with_its_counts(
    http: TestClient, ui_results: Path
) -> None:
    rows = flagged_rows(ui_results)
    response = http.get("/")
    assert response.status_code == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    document = page(http, "/")
    assert queue_ids(document) == [r["account_id"] for r in rows][:PAGE_SIZE]
    assert kpi(document, "open") == len(rows)
    assert kpi(document, "closed") == kpi(document, "escalated") == 0
    labels = document.xpath("//form[@role='search']//label/@for")
    assert set(labels) == set(document.xpath("//form[@role='search']//*[@name]/@id"))


def test_queue_filters_and_sorting_follow_the_url(http: TestClient, ui_results: Path) -> None:
    rows = flagged_rows(ui_results)
    crime = rows[0]["crime"]
    institution = rows[-1]["institution_id"]
    typology = next(r["typologies"].split(";")[0] for r in rows if r["typologies"])

    def shown(url: str) -> list[str]:
        return queue_ids(page(http, url))

    def first_page(kept: list[dict[str, str]]) -> list[str]:
        return [r["account_id"] for r in kept][:PAGE_SIZE]

    assert shown("/?min_score=0.9") == first_page(
        [r for r in rows if float(r["risk_score"]) >= 0.9]
    )
    assert shown(f"/?crime={crime}") == first_page([r for r in rows if r["crime"] == crime])
    assert shown(f"/?institution={institution}") == first_page(
        [r for r in rows if r["institution_id"] == institution]
    )
    assert shown(f"/?typology={typology}") == first_page(
        [r for r in rows if typology in r["typologies"].split(";")]
    )
    assert shown("/?sort=account&order=asc") == sorted(r["account_id"] for r in rows)[:PAGE_SIZE]
    ascending = page(http, "/?sort=score&order=asc")
    lowest = min(float(r["risk_score"]) for r in rows)
    assert (
        float(next(r for r in rows if r["account_id"] == queue_ids(ascending)[0])["risk_score"])
        == lowest
    )
    assert ascending.xpath("//th[@aria-sort]/@aria-sort") == ["ascending"]
    odd = page(http, "/?min_score=high&sort=holder")
    assert len(odd.xpath("//p[@class='problem']")) == 2


def test_the_account_page_shows_evidence_figures_and_transactions(
    http: TestClient, ui_results: Path
) -> None:
    top = flagged_rows(ui_results)[0]
    document = page(http, account_url(top["account_id"]))
    rows = document.xpath("//table[@id='evidence']/tbody/tr")
    assert [r.get("data-indicator") for r in rows] == sorted(top["indicators"].split(";"))
    explanation = document.xpath("//p[@id='explanation']/text()")[0]
    assert explanation == top["explanation"]
    proof = document.xpath("//td[@class='proof']/a/@href")
    assert proof and all(document.xpath(f"//tr[@id='{href[1:]}']") for href in proof), (
        "every evidence link should reach a row of the transaction table"
    )
    timeline = document.xpath("//section[@id='timeline']//img/@src")[0]
    picture = http.get(timeline)
    assert picture.headers["content-type"] == "image/svg+xml"
    assert etree.fromstring(picture.content).tag.endswith("svg")


def test_case_actions_change_the_status_the_queue_and_the_counts(
    http: TestClient, ui_results: Path
) -> None:
    first, second = (r["account_id"] for r in flagged_rows(ui_results)[:2])
    assert act(http, first, kind="assign", assignee="Robin").status_code == 303
    assert act(http, first, kind="comment", text="Cash in, wires out").status_code == 303
    assert act(http, first, kind="escalate", text="Controller").status_code == 303
    closed = act(http, second, kind="close", outcome="false_positive", text="Payroll")
    assert closed.status_code == 303 and closed.headers["location"].endswith("#actions")
    queue = page(http, "/")
    assert status_of(queue, first) == "escalated" and status_of(queue, second) == "closed"
    assert (kpi(queue, "escalated"), kpi(queue, "closed"), kpi(queue, "false_positive")) == (
        1,
        1,
        1,
    )
    assert queue_ids(page(http, "/?status=closed")) == [second]
    assert queue_ids(page(http, "/?status=escalated")) == [first]
    account = page(http, account_url(first))
    assert account.xpath("//ol[@class='history']/li/@data-kind") == [
        "escalate", "comment", "assign",
    ]  # fmt: skip
    assert "Robin" in account.xpath("string(//section[@id='summary'])")
    refused = act(http, second, kind="escalate")
    assert refused.status_code == 409
    assert "only an open alert can be escalated" in refused.text.lower()
    incomplete = act(http, first, kind="close", outcome="other", text="")
    assert incomplete.status_code == 409 and "reason in words" in incomplete.text


def test_what_the_analyst_writes_is_shown_as_text(http: TestClient, ui_results: Path) -> None:
    account = flagged_rows(ui_results)[0]["account_id"]
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    assert act(http, account, kind="comment", text=hostile).status_code == 303
    html = http.get(account_url(account)).text
    assert hostile not in html and "&lt;script&gt;" in html


def test_forms_from_elsewhere_are_refused(
    http: TestClient, ui_results: Path, action_log: Path
) -> None:
    account = flagged_rows(ui_results)[0]["account_id"]
    url = f"/actions/{path_part(account)}"
    good = token(http, account)
    close = {"kind": "close", "outcome": "true_positive"}
    assert http.post(url, data=close).status_code == 403  # no token
    assert http.post(url, data=close | {"csrf": "0" * 64}).status_code == 403
    other_site = {"origin": "http://evil.example"}
    assert http.post(url, data=close | {"csrf": good}, headers=other_site).status_code == 403
    stranger = client(ui_results, action_log)  # another browser: its own session cookie
    assert stranger.post(url, data=close | {"csrf": good}).status_code == 403
    as_json = http.post(url, json=close | {"csrf": good})
    assert as_json.status_code == 415
    assert kpi(page(http, "/"), "closed") == 0
    assert http.post(url, data=close | {"csrf": good}).status_code == 303


def test_requests_for_another_host_are_refused(ui_results: Path, action_log: Path) -> None:
    rebound = client(ui_results, action_log, base_url="http://attacker.example")
    assert rebound.get("/").status_code == 400


def test_unknown_ids_and_paths_are_404_pages(http: TestClient, ui_results: Path) -> None:
    for url in (
        "/accounts/NO-SUCH",
        "/networks/NW-99999",
        "/timelines/NO-SUCH",
        "/nowhere",
        "/static/report.css",
        "/static/..%2F..%2Fpyproject.toml",
    ):
        response = http.get(url)
        assert response.status_code == 404, url
    unflagged = next(
        r["account_id"] for r in read_csv(ui_results / "accounts.csv") if r["flagged"] == "false"
    )
    assert http.get(account_url(unflagged)).status_code == 200
    alert = flagged_rows(ui_results)[0]["account_id"]
    assert act(http, unflagged, token_from=alert, kind="escalate").status_code == 404


def test_the_str_download_is_the_case_report_and_the_log_keeps_its_digest(
    http: TestClient, ui_results: Path
) -> None:
    network = flagged_network(ui_results)
    member = network["accounts"].split(";")[0]
    response = http.post(f"/reports/{path_part(member)}", data={"csrf": token(http, member)})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        f'attachment; filename="{network["network_id"]}.xml"'
    )
    assert etree.fromstring(response.content).tag == "report"
    history = page(http, account_url(member)).xpath("//li[@data-kind='report']")
    assert hashlib.sha256(response.content).hexdigest() in history[0].text_content()


def test_the_network_page_carries_the_graph_of_tipflow_network(
    http: TestClient, ui_results: Path
) -> None:
    network = flagged_network(ui_results)
    graph = network_graph(ui_results, network["network_id"])
    document = page(http, f"/networks/{network['network_id']}")
    container = document.xpath("//div[@id='graph']")[0]
    assert int(container.get("data-node-count")) == len(graph["nodes"])
    assert int(container.get("data-account-count")) == int(network["size"])
    elements = json.loads(document.xpath("//script[@id='network-data']/text()")[0])
    assert {n["data"]["id"] for n in elements["nodes"]} == {n["id"] for n in graph["nodes"]}
    assert len(elements["edges"]) == len(graph["edges"])
    links = document.xpath("//section[@id='members']//tbody//a/@href")
    assert sorted(links) == sorted(account_url(a) for a in network["accounts"].split(";"))
    scripts = document.xpath("//script/@src")
    assert scripts == ["/static/cytoscape.min.js", "/static/network.js"]


def test_cytoscape_is_served_from_the_package_as_vendored(http: TestClient) -> None:
    readme = Path(__file__).resolve().parents[2] / "tipflow/ui/static/vendor/README.md"
    response = http.get("/static/cytoscape.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert hashlib.sha256(response.content).hexdigest() in readme.read_text("utf-8")
    assert "MIT" in readme.read_text("utf-8")
    assert http.get("/static/cytoscape.LICENSE").text.startswith("Copyright")
