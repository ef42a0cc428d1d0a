"""The alert queue's pages over HTTP, on the screened test world (about 200 alerts): walking
the links from the first page to the last keeps the filters and the order and shows every
alert once, while the counts and the filters' choices keep counting every alert."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.ui.conftest import flagged_rows
from tests.ui.http_client import client, kpi, page, queue_ids
from tipflow.ui.queue import PAGE_SIZE


@pytest.fixture
def http(ui_results: Path, action_log: Path) -> TestClient:
    return client(ui_results, action_log)


def link(document: Any, label: str) -> str | None:
    found = document.xpath(f"//nav[@aria-label='Pages']//a[@aria-label='{label}']/@href")
    return str(found[0]) if found else None


def walk(http: TestClient, url: str) -> list[list[str]]:
    """The alerts of each page, following the "next page" links from ``url``."""
    pages: list[list[str]] = []
    next_url: str | None = url
    while next_url is not None:
        document = page(http, next_url)
        pages.append(queue_ids(document))
        next_url = link(document, f"Next page, {len(pages) + 1}")
    return pages


def test_the_queue_shows_a_page_of_alerts_and_counts_them_all(
    http: TestClient, ui_results: Path
) -> None:
    rows = flagged_rows(ui_results)
    assert len(rows) > PAGE_SIZE, "the test world should need more than one page"
    pages = -(-len(rows) // PAGE_SIZE)
    document = page(http, "/")
    assert queue_ids(document) == [r["account_id"] for r in rows][:PAGE_SIZE]
    caption = document.xpath("//table[@id='queue']/caption")[0]
    assert caption.text_content() == (
        f"Alerts 1 to {PAGE_SIZE} of {len(rows)} matching · page 1 of {pages}"
    )
    assert kpi(document, "open") == len(rows)
    crimes = document.xpath("//select[@name='crime']/option/@value")
    second = page(http, link(document, "Next page, 2") or "")
    assert queue_ids(second) == [r["account_id"] for r in rows][PAGE_SIZE : 2 * PAGE_SIZE]
    assert kpi(second, "open") == len(rows)  # the counts are not those of the page
    assert second.xpath("//select[@name='crime']/option/@value") == crimes
    last = page(http, link(document, f"Last page, {pages}") or "")
    assert queue_ids(last) == [r["account_id"] for r in rows][(pages - 1) * PAGE_SIZE :]
    assert link(last, "First page") == "/" and link(last, f"Next page, {pages + 1}") is None


def test_walking_the_pages_keeps_the_filters_and_the_order(
    http: TestClient, ui_results: Path
) -> None:
    rows = flagged_rows(ui_results)
    institution = max(
        {r["institution_id"] for r in rows},
        key=lambda i: sum(r["institution_id"] == i for r in rows),
    )
    kept = sorted(r["account_id"] for r in rows if r["institution_id"] == institution)
    assert len(kept) > 25, "the test world's biggest bank should have more than 25 alerts"
    pages = walk(http, f"/?institution={institution}&sort=account&order=desc&per_page=25")
    assert [len(p) for p in pages[:-1]] == [25] * (len(pages) - 1)
    assert [a for p in pages for a in p] == kept[::-1]
    by_score = walk(http, "/?sort=score&order=asc&per_page=50")
    assert sorted(a for p in by_score for a in p) == sorted(r["account_id"] for r in rows)


def test_sorting_goes_back_to_the_first_page_with_the_same_page_size(http: TestClient) -> None:
    document = page(http, "/?per_page=25&page=3&crime=")
    heading = document.xpath("//th/a[@title='Sort by account']/@href")[0]
    assert heading == "/?sort=account&per_page=25"
    assert document.xpath("//select[@name='per_page']/option[@selected]/text()") == ["25"]


def test_a_page_past_the_end_shows_the_last_page_and_says_so(
    http: TestClient, ui_results: Path
) -> None:
    rows = flagged_rows(ui_results)
    document = page(http, "/?page=999")
    assert queue_ids(document) == [r["account_id"] for r in rows][-(len(rows) % PAGE_SIZE) :]
    assert "this is the last" in document.xpath("//p[@class='problem']")[0].text_content()
    none = page(http, "/?account=NO-SUCH-ACCOUNT&page=4")
    assert queue_ids(none) == [] and not none.xpath("//nav[@aria-label='Pages']")
    assert "No alert matches" in none.xpath("//table[@id='queue']")[0].text_content()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("/?page=abc", "Pages are numbered"),
        ("/?page=0", "Pages are numbered"),
        ("/?page=%D9%A3", "Pages are numbered"),  # an Arabic-Indic three
        ("/?per_page=1000", "A page holds 25, 50, 100 or 200 alerts"),
    ],
)
def test_nonsense_page_values_are_ignored_and_said(
    http: TestClient, ui_results: Path, url: str, problem: str
) -> None:
    document = page(http, url)
    assert problem in document.xpath("//p[@class='problem']")[0].text_content()
    expected = [r["account_id"] for r in flagged_rows(ui_results)][:PAGE_SIZE]
    assert queue_ids(document) == expected
