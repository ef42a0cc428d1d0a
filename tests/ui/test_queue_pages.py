"""The queue's pages on hand-made alerts: the slice after filtering and sorting, the counts
text, the links between pages (which keep the filters and the order, in the alert queue and
in the hub's triage queue that shares them) and page numbers that make no sense."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import lxml.html
import pytest

from tests.ui.test_queue import alert
from tipflow.hub.web import triage_queue
from tipflow.ui.actions import AlertState
from tipflow.ui.queue import PAGE_SIZE, PAGE_SIZES, QueuePage, kpis, parse_query, select
from tipflow.ui.rendering import environment

MANY = [
    alert(n, 1 - n / 10_000, institution_id="BANK_A" if n % 3 else "BANK_B") for n in range(1, 235)
]  # 234 alerts, ranked by risk; every third at BANK_B


def shown(params: dict[str, str], alerts: list[Any] = MANY) -> QueuePage:
    return select(alerts, {}, parse_query(params))


def ranks(page: QueuePage) -> list[int]:
    return [row.alert.rank for row in page.rows]


def test_the_page_size_is_a_hundred_unless_the_url_asks_for_another_offered_one() -> None:
    assert PAGE_SIZE == 100 and PAGE_SIZE in PAGE_SIZES
    assert [parse_query({"per_page": str(n)}).per_page for n in PAGE_SIZES] == list(PAGE_SIZES)
    assert len(shown({}).rows) == 100
    assert len(shown({"per_page": "25"}).rows) == 25
    assert len(shown({"per_page": "200"}).rows) == 200


@pytest.mark.parametrize(
    ("params", "page", "pages", "expected"),
    [
        ({}, 1, 3, list(range(1, 101))),
        ({"page": "2"}, 2, 3, list(range(101, 201))),
        ({"page": "3"}, 3, 3, list(range(201, 235))),
        ({"page": "4", "per_page": "25"}, 4, 10, list(range(76, 101))),
        ({"page": "2", "per_page": "200"}, 2, 2, list(range(201, 235))),
    ],
)
def test_a_page_is_its_slice_of_the_matching_alerts(
    params: dict[str, str], page: int, pages: int, expected: list[int]
) -> None:
    queue = shown(params)
    assert (queue.page, queue.pages, queue.matching) == (page, pages, len(MANY))
    assert ranks(queue) == expected
    assert (queue.first, queue.last) == (expected[0], expected[-1])


def test_pages_are_cut_after_filtering_and_sorting() -> None:
    bank_b = [a.rank for a in MANY if a.institution_id == "BANK_B"]  # 78 alerts
    second = shown({"institution": "BANK_B", "per_page": "25", "page": "2"})
    assert (second.matching, second.pages) == (len(bank_b), 4)
    assert ranks(second) == bank_b[25:50]
    lowest_first = shown({"sort": "score", "order": "asc", "page": "3"})
    assert ranks(lowest_first) == list(range(34, 0, -1))  # the riskiest, last of all
    every = [r for n in (1, 2, 3) for r in ranks(shown({"sort": "account", "page": str(n)}))]
    assert sorted(every) == list(range(1, 235))  # each alert on exactly one page


@pytest.mark.parametrize(
    ("count", "params", "summary"),
    [
        (0, {}, "No alert matches"),
        (1, {}, "1 alert matches"),
        (4, {}, "4 alerts match"),
        (100, {}, "100 alerts match"),
        (234, {"page": "2"}, "Alerts 101 to 200 of 234 matching"),
        (1234, {"page": "13"}, "Alerts 1,201 to 1,234 of 1,234 matching"),
        (1234, {"page": "3", "per_page": "50"}, "Alerts 101 to 150 of 1,234 matching"),
    ],
)
def test_the_counts_text_says_which_alerts_the_page_shows(
    count: int, params: dict[str, str], summary: str
) -> None:
    alerts = [alert(n, 0.5) for n in range(1, count + 1)]
    assert shown(params, alerts).summary == summary


def test_a_page_past_the_end_shows_the_last_one() -> None:
    beyond = shown({"page": "99"})
    assert (beyond.page, beyond.past_the_end, ranks(beyond)) == (
        3,
        True,
        ranks(shown({"page": "3"})),
    )
    huge = parse_query({"page": "9" * 5000})  # no problem, and no 5000-digit int()
    assert huge.problems == () and shown({"page": "9" * 5000}).page == 3
    nothing = shown({"page": "5"}, [])
    assert (nothing.page, nothing.pages, nothing.rows, nothing.first, nothing.last) == (
        1, 1, (), 0, 0,
    )  # fmt: skip
    assert nothing.summary == "No alert matches"
    assert not shown({"page": "3"}).past_the_end


@pytest.mark.parametrize("page", ["abc", "0", "000", "-1", "1.5", "+2", "1_0", "٣", "²", "2e3"])
def test_a_page_that_is_not_a_number_is_ignored_and_said(page: str) -> None:
    query = parse_query({"page": page, "crime": "sex_trafficking"})
    assert query.page == 1 and query.crime == "sex_trafficking"
    assert [p for p in query.problems if "pages are numbered" in p]
    assert ranks(select(MANY, {}, query)) == list(range(1, 101))


@pytest.mark.parametrize("per_page", ["30", "all", "0", "-25", "1000", "25.0"])
def test_a_page_size_not_offered_is_ignored_and_said(per_page: str) -> None:
    query = parse_query({"per_page": per_page})
    assert query.per_page == PAGE_SIZE
    assert query.problems == ("a page holds 25, 50, 100 or 200 alerts; 100 are shown",)


def test_params_keep_the_page_size_and_leave_out_the_defaults() -> None:
    query = parse_query({"crime": "x", "sort": "account", "per_page": "25", "page": "3"})
    assert query.params(page=4) == {"crime": "x", "sort": "account", "per_page": "25", "page": "4"}
    assert parse_query(query.params()) == query
    assert parse_query({"per_page": "100", "page": "1"}).params() == {}


def test_the_counts_above_the_queue_count_every_alert_not_the_page() -> None:
    states = {a.account_id: AlertState(status="closed") for a in MANY[150:]}
    counts = kpis(MANY, states)
    assert (counts.alerts, counts.open, counts.closed) == (234, 150, 84)
    assert len(select(MANY, states, parse_query({"status": "closed"})).rows) == 84


def render_pages(url: str, query: Any, queue: Any) -> Any:
    module: Any = environment().get_template("queue_table.html.j2").module
    html = str(module.pages(url, query, queue)).strip()
    return lxml.html.fromstring(html) if html else None


def links(nav: Any) -> dict[str, dict[str, str]]:
    """aria-label of each link -> the parameters of its URL."""
    return {
        a.get("aria-label"): dict(parse_qsl(urlsplit(a.get("href")).query))
        for a in nav.xpath("//a")
    }


def test_the_links_between_pages_keep_the_filters_and_the_order() -> None:
    params = {"institution": "BANK_B", "sort": "account", "order": "desc", "per_page": "25"}
    query = parse_query(params | {"page": "2"})
    nav = render_pages("/", query, select(MANY, {}, query))
    assert nav.tag == "nav" and nav.get("aria-label") == "Pages"
    found = links(nav)
    assert list(found) == ["First page", "Previous page, 1", "Next page, 3", "Last page, 4"]
    assert found["First page"] == params  # page 1 is the default, left out
    assert found["Previous page, 1"] == params
    assert found["Next page, 3"] == params | {"page": "3"}
    assert found["Last page, 4"] == params | {"page": "4"}
    assert nav.xpath("//a[@rel='prev']/@aria-label") == ["Previous page, 1"]
    assert nav.xpath("//a[@rel='next']/@aria-label") == ["Next page, 3"]
    assert nav.xpath("//*[@aria-current='page']/text()") == ["Page 2 of 4"]
    for link in nav.xpath("//a"):  # the name read out holds the words shown
        assert link.text_content().strip("«»←→ \n") in link.get("aria-label")


def test_the_first_and_last_pages_link_only_where_there_is_somewhere_to_go() -> None:
    first = parse_query({})
    assert list(links(render_pages("/", first, select(MANY, {}, first)))) == [
        "Next page, 2", "Last page, 3",
    ]  # fmt: skip
    last = parse_query({"page": "7"})
    assert list(links(render_pages("/", last, select(MANY, {}, last)))) == [
        "First page", "Previous page, 2",
    ]  # fmt: skip
    assert render_pages("/", first, select(MANY[:100], {}, first)) is None  # one page: no nav


def test_the_hub_triage_queue_still_renders_its_pages() -> None:
    """The hub's triage queue shares the macro with its own query (every parameter kept)."""
    reports = [
        SimpleNamespace(
            id=n, received_at=dt.datetime(2025, 1, 1) + dt.timedelta(hours=n), status="received"
        )
        for n in range(1, triage_queue.PAGE_SIZE * 2 + 6)
    ]
    query = triage_queue.parse_query({"page": "2", "indicator": "HT-01"})
    queue = triage_queue.select_page(reports, query)  # type: ignore[arg-type]
    found = links(render_pages("/ui/triage", query, queue))
    assert list(found) == ["First page", "Previous page, 1", "Next page, 3", "Last page, 3"]
    assert found["Next page, 3"]["indicator"] == "HT-01"
    assert found["Next page, 3"]["page"] == "3" and found["First page"]["page"] == "1"
