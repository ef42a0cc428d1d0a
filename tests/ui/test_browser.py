"""End to end in a real browser (Debian's Chromium, headless) against ``tipflow ui`` started
as the analyst starts it: open the queue, open the top alert and see its evidence, open a
network and see Cytoscape draw every node, click through to an account, close the alert
with a reason, and see its status and the counts change.

With ``TIPFLOW_UPDATE_SCREENSHOTS=1`` the screenshots go to ``docs/images/`` (ui-queue.png,
ui-account.png, ui-network.png) for docs/ui.md; otherwise to the test's temporary folder.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.browser import chromium, needs_chromium, screenshots
from tests.support.live_server import free_port
from tests.ui.conftest import flagged_rows, read_csv
from tipflow.network.subgraph import network_graph

LONELIEST_ACCOUNT = """() => {
  const all = tipflowNetwork.nodes();
  const gap = (n) => Math.min(...all.filter((m) => m !== n).map((m) => Math.hypot(
    m.renderedPosition().x - n.renderedPosition().x,
    m.renderedPosition().y - n.renderedPosition().y)));
  const best = tipflowNetwork.nodes('[kind = "account"]').max(gap).ele;
  return [best.renderedPosition().x, best.renderedPosition().y];
}"""

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def server(ui_results: Path, tmp_path: Path) -> Iterator[str]:
    """``tipflow ui RESULTS`` in its own process, on a free port of 127.0.0.1."""
    port = free_port()
    log = tmp_path / "case_actions.sqlite3"
    command = [sys.executable, "-m", "tipflow", "ui", str(ui_results), "--port", str(port),
               "--analyst", "e2e", "--action-log", str(log)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                out, err = process.communicate(timeout=5)
                pytest.fail(f"tipflow ui did not start: {out.decode()} {err.decode()}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_an_analyst_works_the_top_alert(
    browser: Any, server: str, ui_results: Path, tmp_path: Path
) -> None:
    shots = screenshots(tmp_path)
    alerts = flagged_rows(ui_results)
    top = alerts[0]["account_id"]
    flagged_networks = {
        n["network_id"]: n for n in read_csv(ui_results / "networks.csv") if n["flagged"] == "true"
    }
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.on("request", lambda r: r.url.startswith(server) or problems.append(r.url))
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    expect = sync_api.expect

    # The queue, riskiest first; the top alert opened from the keyboard.
    page.goto(server + "/")
    expect(page.locator("[data-kpi=open] .kpi-figure")).to_have_text(str(len(alerts)))
    page.screenshot(path=str(shots / "ui-queue.png"))
    first_link = page.locator("#queue tbody tr").first.get_by_role("link", name=top, exact=True)
    first_link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/accounts/{top}")

    # Its evidence: one row per indicator that fired, the proof linked, the timeline drawn.
    indicators = alerts[0]["indicators"].split(";")
    expect(page.locator("#evidence tbody tr")).to_have_count(len(indicators))
    for indicator in indicators:
        expect(page.locator(f"#evidence tr[data-indicator='{indicator}']")).to_be_visible()
    timeline = page.locator("#timeline img")
    expect(timeline).to_be_visible()
    assert timeline.evaluate("i => i.complete && i.naturalWidth") > 400

    # A network: the top alert's, or else the riskiest alert's that sits in a flagged network.
    in_network = next(r for r in alerts if r["network_id"] in flagged_networks)
    if in_network["account_id"] != top:
        page.goto(f"{server}/accounts/{in_network['account_id']}")
    page.locator("nav").get_by_role("link", name=f"Network {in_network['network_id']}").click()
    graph = page.locator("#graph[data-rendered=true]")
    expect(graph).to_be_attached()
    expected = network_graph(ui_results, in_network["network_id"])
    members = int(flagged_networks[in_network["network_id"]]["size"])
    drawn = page.evaluate(
        "() => [tipflowNetwork.nodes().length, tipflowNetwork.nodes('[kind = \"account\"]').length,"
        " tipflowNetwork.edges().length]"
    )
    assert drawn == [len(expected["nodes"]), members, len(expected["edges"])]
    assert int(graph.get_attribute("data-node-count") or 0) == drawn[0]
    page.screenshot(path=str(shots / "ui-network.png"))

    # A click on an account node (the one standing furthest from the others, so that no
    # other node covers it) opens that account.
    point = page.evaluate(LONELIEST_ACCOUNT)
    box = graph.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_url("**/accounts/**")
    opened = page.url.rsplit("/accounts/", 1)[1]
    assert opened in flagged_networks[in_network["network_id"]]["accounts"].split(";")

    # Close the top alert with a reason; the status and the counts follow.
    page.goto(f"{server}/accounts/{top}")
    page.get_by_label("True positive").check()
    page.get_by_label("Reason (required for “other”)").fill(
        "Controller of three victims; STR filed"
    )
    page.get_by_role("button", name="Close alert").click()
    expect(page.locator("#alert-status")).to_have_attribute("data-status", "closed")
    expect(page.locator("ol.history li[data-kind=close]")).to_contain_text("true positive")
    page.evaluate("window.scrollTo(0, 0)")  # sticky headings sit where they belong
    page.screenshot(path=str(shots / "ui-account.png"), full_page=True)
    page.get_by_role("link", name="Alert queue").click()
    expect(page.locator("[data-kpi=closed] .kpi-figure")).to_have_text("1")
    expect(page.locator("[data-kpi=true_positive] .kpi-figure")).to_have_text("1")
    expect(page.locator("[data-kpi=open] .kpi-figure")).to_have_text(str(len(alerts) - 1))
    row = page.locator(f"#queue tr[data-account='{top}'] [data-status]")
    expect(row).to_have_attribute("data-status", "closed")
    page.close()
    assert problems == []
