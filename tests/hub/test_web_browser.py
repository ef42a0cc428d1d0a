"""End to end in a real browser (Debian's Chromium, headless) against the hub served on
127.0.0.1: an FIU analyst logs in, opens the triage queue and the oldest report, sees its
indicators and transactions, marks it triaged with a reason and discloses it to the police,
opens the cross-institution networks and sees Cytoscape draw every record of the largest, and
finds the KPIs changed. Two banks filed the reports and uploaded tokens that link.

With ``TIPFLOW_UPDATE_SCREENSHOTS=1`` the screenshots go to ``docs/images/``
(hub-ui-queue.png, hub-ui-report.png, hub-ui-network.png, hub-ui-kpis.png) for docs/ui.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.hub.conftest import PASSWORD, hub_settings
from tests.hub.token_files import token_file, upload_path
from tests.support.browser import chromium, needs_chromium, screenshots
from tests.support.live_server import serve_in_thread
from tipflow.hub import create_app
from tipflow.hub.admin import create_organisation, create_user, issue_token
from tipflow.hub.vocabulary import OrgType, Role, TokenKind

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api")

FIU_USER = "ana@fiu.example"
#: (bank, reference, indicators, transactions (from, to, amount)), filed in this order.
REPORTS = (
    ("north", "N-2024-0117", ["HT-SEX-01", "HT-SEX-03", "FLOW-01"],
     [("N-1001", "N-1002", 940.0), ("N-1002", "S-2001", 1800.0), ("N-1003", "N-1002", 620.0)]),
    ("south", "S-77-A", ["HT-SEX-03"], [("S-2001", "S-2002", 450.0)]),
    ("north", "N-2024-0131", ["FLOW-01"], [("N-1004", "N-1005", 12000.0)]),
)  # fmt: skip
#: Records by the phone they hold: the first phone ties four records of the two banks.
TOKENS = {
    "north": {"maria": "+13125550199", "carla": "+13125550199", "tom": "+13125550123"},
    "south": {"ines": "+13125550199", "mia": "+13125550199", "joe": "+13125550123"},
}
LARGEST = 4  # records in XN-00001 (the networks are numbered largest first)


@dataclass
class Hub:
    url: str
    report_ids: list[int]


def _seed(app: Any, url: str) -> list[int]:
    """Organisations and users, then the banks' reports and tokens through the API."""
    state = app.state.hub
    bearer: dict[str, dict[str, str]] = {}
    with state.sessions() as session:
        for key, org_type in (("north", OrgType.REPORTING_ENTITY),
                              ("south", OrgType.REPORTING_ENTITY), ("fiu", OrgType.FIU),
                              ("police", OrgType.LAW_ENFORCEMENT)):  # fmt: skip
            name = {"fiu": "Financial Intelligence Unit", "police": "National Police"}.get(
                key, f"Bank {key.title()}"
            )
            organisation = create_organisation(session, name, org_type)
            email = FIU_USER if key == "fiu" else f"analyst@{key}.example"
            user = create_user(session, organisation, email, Role.ANALYST, PASSWORD,
                               state.passwords)  # fmt: skip
            token, _ = issue_token(session, user, state.secret, TokenKind.API)
            bearer[key] = {"Authorization": f"Bearer {token}"}
        session.commit()
    ids = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for bank, reference, indicators, moves in REPORTS:
            transactions = [
                {"transaction_id": f"{reference}-T{day}", "timestamp": f"2024-03-0{day}T10:00:00Z",
                 "amount": str(amount), "currency": "USD", "from_account": a, "to_account": b}
                for day, (a, b, amount) in enumerate(moves, start=1)
            ]  # fmt: skip
            body = {"entity_reference": reference, "indicators": indicators,
                    "reason": "Payments for online adverts, hotels and rides for several young "
                    "women; cash in from many payers late at night.",
                    "transactions": transactions}  # fmt: skip
            filed = client.post("/reports/json", json=body, headers=bearer[bank])
            assert filed.status_code == 201, filed.text
            ids.append(int(filed.json()["id"]))
        for bank, phones in TOKENS.items():
            data = token_file(f"BANK_{bank.upper()}", phones)
            headers = {**bearer[bank], "Content-Type": "application/octet-stream"}
            uploaded = client.post(upload_path(len(phones)), content=data, headers=headers)
            assert uploaded.status_code == 201, uploaded.text
    return ids


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    app = create_app(hub_settings(tmp_path, f"sqlite:///{tmp_path / 'hub.sqlite3'}"))
    with serve_in_thread(app) as url:
        yield Hub(url, _seed(app, url))


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_an_fiu_analyst_works_the_oldest_report(browser: Any, hub: Hub, tmp_path: Path) -> None:
    shots = screenshots(tmp_path)
    expect = sync_api.expect
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.on("request", lambda r: r.url.startswith(hub.url) or problems.append(r.url))
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))

    # Log in; the hub sends the FIU to its triage queue.
    page.goto(hub.url + "/ui/")
    page.wait_for_url("**/ui/login?next=*")
    page.get_by_label("E-mail").fill(FIU_USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/ui/triage")

    # The KPIs before: nothing disclosed, every report received.
    page.get_by_role("link", name="KPIs").click()
    expect(page.locator("[data-kpi=disclosures] .kpi-figure")).to_have_text("0")
    received = page.locator("[data-chart=reports_by_status] [data-label=Received]")
    expect(received).to_have_attribute("data-value", str(len(REPORTS)))

    # The queue, oldest first; the top report opened from the keyboard.
    page.get_by_role("link", name="Triage queue").click()
    rows = page.locator("#queue tbody tr")
    expect(rows).to_have_count(len(REPORTS))
    page.screenshot(path=str(shots / "hub-ui-queue.png"))
    top = hub.report_ids[0]
    link = rows.first.get_by_role("link", name=f"Report {top}", exact=True)
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ui/reports/{top}")

    # Its evidence: the indicators it names and its transactions.
    _bank, reference, indicators, moves = REPORTS[0]
    expect(page.locator("#indicator-list li")).to_have_count(len(indicators))
    for code in indicators:
        expect(page.locator(f"#indicator-list li[data-indicator='{code}']")).to_be_visible()
    expect(page.locator("#transaction-table tbody tr")).to_have_count(len(moves))
    expect(page.locator("h1 + .subtitle")).to_contain_text(reference)

    # Triaged with a reason, then disclosed to the police with a note.
    page.get_by_label("Triaged").check()
    page.get_by_label("Reason").fill("Three victims paid through one controller; disclose.")
    page.get_by_role("button", name="Set status").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "triaged")
    expect(page.locator("#history blockquote").first).to_have_text(
        "Three victims paid through one controller; disclose."
    )
    page.get_by_label("To", exact=True).select_option(label="National Police")
    page.get_by_label("Note for the recipient").fill(
        "Controller's accounts at two banks; see network XN-00001."
    )
    page.get_by_role("button", name="Disclose").click()
    expect(page.locator("#report-status")).to_have_attribute("data-status", "disclosed")
    expect(page.locator("li[data-disclosure] strong")).to_have_text("National Police")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "hub-ui-report.png"), full_page=True)

    # The networks across the two banks; the largest drawn with every record.
    page.get_by_role("link", name="Cross-institution networks").click()
    expect(page.locator("#networks tbody tr")).to_have_count(2)
    page.get_by_role("link", name="XN-00001").click()
    graph = page.locator("#graph[data-rendered=true]")
    expect(graph).to_be_attached()
    drawn = page.evaluate("() => [tipflowNetwork.nodes().length, tipflowNetwork.edges().length]")
    assert drawn == [LARGEST, LARGEST * (LARGEST - 1) // 2]  # one phone: every pair tied
    assert graph.get_attribute("data-node-count") == str(LARGEST)
    ringed = page.evaluate("() => tipflowNetwork.nodes('[?flagged]').length")
    assert ringed == LARGEST
    page.screenshot(path=str(shots / "hub-ui-network.png"))

    # The KPIs after: one disclosure, one report disclosed, the others still received.
    page.get_by_role("link", name="KPIs").click()
    expect(page.locator("[data-kpi=disclosures] .kpi-figure")).to_have_text("1")
    expect(received).to_have_attribute("data-value", str(len(REPORTS) - 1))
    disclosed = page.locator("[data-chart=reports_by_status] [data-label=Disclosed]")
    expect(disclosed).to_have_attribute("data-value", "1")
    page.screenshot(path=str(shots / "hub-ui-kpis.png"), full_page=True)
    page.get_by_role("link", name="Triage queue").click()
    expect(page.locator("#queue tbody tr")).to_have_count(len(REPORTS) - 1)
    page.close()
    assert problems == []
