"""The pages in a real browser (Debian's Chromium, headless): pictures load and show, nothing
is fetched from anywhere, the print layout drops the navigation.

With ``TIPFLOW_UPDATE_SCREENSHOTS=1`` the full-page screenshots are written to
``docs/images/`` (case-index.png, case-report.png) for docs/reports.md; otherwise to the
test's temporary folder, so that a normal run leaves the checkout alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import chromium, needs_chromium, screenshots
from tipflow.report.cases import Case, case_file_stem

pytestmark = needs_chromium
sync_api = pytest.importorskip("playwright.sync_api")

BROKEN_IMAGES = "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0)" \
    ".map(i => i.getAttribute('src'))"  # fmt: skip


def _shown_case(cases: list[Case]) -> Case:
    """The docs' example: the smallest network case (a short page that still has a network)."""
    networks = [c for c in cases if c.network_id] or cases
    return min(networks, key=lambda c: (len(c.transactions) + len(c.evidence), c.case_id))


@pytest.fixture(scope="module")
def browser() -> Any:
    with chromium() as launched:
        yield launched


def _open(browser: Any, path: Path, problems: list[str]) -> Any:
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.on("request", lambda r: r.url.startswith("file://") or problems.append(r.url))
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    return page


def test_index_and_case_pages_show_their_pictures(
    browser: Any, html_report: Path, cases: list[Case], tmp_path: Path
) -> None:
    shots = screenshots(tmp_path)
    problems: list[str] = []
    index = _open(browser, html_report / "index.html", problems)
    assert index.locator("table.cases tbody tr").count() == len(cases)
    index.screenshot(path=str(shots / "case-index.png"), full_page=True)
    index.close()

    shown = _shown_case(cases)
    page = _open(browser, html_report / "cases" / f"{case_file_stem(shown.case_id)}.html", problems)
    assert page.evaluate(BROKEN_IMAGES) == []
    for section in ("#network", "#timeline"):
        picture = page.locator(f"{section} img")
        sync_api.expect(picture).to_be_visible()
        box = picture.bounding_box()
        assert box is not None and box["width"] > 400 and box["height"] > 200, section
        assert picture.evaluate("i => i.naturalWidth") > 400
    page.screenshot(path=str(shots / "case-report.png"), full_page=True)

    page.emulate_media(media="print")
    sync_api.expect(page.locator("nav")).to_be_hidden()
    sync_api.expect(page.locator(".confidential").first).to_be_visible()
    page.close()
    assert problems == []


def test_every_case_page_loads_its_pictures(
    browser: Any, html_report: Path, cases: list[Case]
) -> None:
    problems: list[str] = []
    page = browser.new_page()
    page.on("request", lambda r: r.url.startswith("file://") or problems.append(r.url))
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    for case in cases:
        page.goto((html_report / "cases" / f"{case_file_stem(case.case_id)}.html").as_uri())
        assert page.evaluate(BROKEN_IMAGES) == [], case.case_id
        assert page.locator("img").count() == 2
    page.close()
    assert problems == []
