"""The alert queue: which alerts a query shows, in which order, and the counts above it.

Pure functions of the alerts, their states and the query (the page's URL parameters), so the
queue a URL shows can be bookmarked, shared within the team and tested without a server.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tipflow.ui.actions import STATUSES, AlertState
from tipflow.ui.source import AccountResult

#: Alerts a page unless the URL asks for another of ``PAGE_SIZES`` (``per_page``): a bank's
#: tens of thousands of alerts are never one page.
PAGE_SIZE = 100
PAGE_SIZES = (25, 50, 100, 200)
_DIGITS = re.compile(r"[0-9]+")
_MAX_PAGE = 10**9  # a longer page number is past the end anyway (and int() of it is costly)
SORTS: dict[str, Callable[[Any], Any]] = {
    "score": lambda row: row.alert.risk_score,
    "account": lambda row: row.alert.account_id,
    "institution": lambda row: row.alert.institution_id,
    "crime": lambda row: row.alert.crime or "",
    "status": lambda row: STATUSES.index(row.state.status),
    "assignee": lambda row: (row.state.assignee or "").casefold(),
}
FILTERS = ("min_score", "crime", "typology", "institution", "status", "account")


def default_order(sort: str) -> str:
    """Scores read best riskiest first; words and statuses from the start."""
    return "desc" if sort == "score" else "asc"


@dataclass(frozen=True)
class QueueQuery:
    """What the analyst asked for; empty text means no filter."""

    min_score: float | None = None
    crime: str = ""
    typology: str = ""
    institution: str = ""
    status: str = ""
    account: str = ""  # part of an account id
    sort: str = "score"
    descending: bool = True
    page: int = 1  # 1-based; past the end, the last page is shown
    per_page: int = PAGE_SIZE
    problems: tuple[str, ...] = field(default=())

    def params(self, **changes: Any) -> dict[str, str]:
        """The query as URL parameters (with ``changes``), leaving out the defaults."""
        values = {
            "min_score": "" if self.min_score is None else f"{self.min_score:g}",
            "crime": self.crime,
            "typology": self.typology,
            "institution": self.institution,
            "status": self.status,
            "account": self.account,
            "sort": self.sort,
            "order": "desc" if self.descending else "asc",
            "page": str(self.page),
            "per_page": str(self.per_page),
        } | {key: str(value) for key, value in changes.items()}
        defaults = {
            "sort": "score",
            "order": default_order(values["sort"]),
            "page": "1",
            "per_page": str(PAGE_SIZE),
        }
        return {k: v for k, v in values.items() if v and defaults.get(k) != v}


def parse_query(params: Mapping[str, str]) -> QueueQuery:
    """The query from URL parameters; a value that makes no sense is ignored and named in
    ``problems`` (a queue page never fails on a hand-edited URL)."""
    problems: list[str] = []
    min_score: float | None = None
    if params.get("min_score", "").strip():
        try:
            min_score = float(params["min_score"])
        except ValueError:
            min_score = None
        if min_score is None or not 0.0 <= min_score <= 1.0:
            problems.append("the minimum score is a number from 0 to 1; ignored")
            min_score = None
    status = params.get("status", "")
    if status and status not in STATUSES:
        problems.append(f"no status {status!r}; ignored")
        status = ""
    sort = params.get("sort", "score")
    if sort not in SORTS:
        problems.append(f"cannot sort by {sort!r}; sorted by score")
        sort = "score"
    order = params.get("order", default_order(sort))
    return QueueQuery(
        min_score=min_score,
        crime=params.get("crime", ""),
        typology=params.get("typology", ""),
        institution=params.get("institution", ""),
        status=status,
        account=params.get("account", "").strip(),
        sort=sort,
        descending=order != "asc",
        page=_page(params.get("page", ""), problems),
        per_page=_per_page(params.get("per_page", ""), problems),
        problems=tuple(problems),
    )


def _page(text: str, problems: list[str]) -> int:
    """A page number from 1 (ASCII digits only: ``int`` would take ``"٣"`` or ``"1_0"``)."""
    text = text.strip()
    if not text:
        return 1
    if not _DIGITS.fullmatch(text) or not text.strip("0"):
        problems.append("pages are numbered 1, 2, 3 and on; the first page is shown")
        return 1
    digits = text.lstrip("0")
    return _MAX_PAGE if len(digits) > 10 else min(int(digits), _MAX_PAGE)


def _per_page(text: str, problems: list[str]) -> int:
    text = text.strip()
    if not text:
        return PAGE_SIZE
    for size in PAGE_SIZES:
        if text == str(size):
            return size
    *some, most = (str(size) for size in PAGE_SIZES)
    problems.append(f"a page holds {', '.join(some)} or {most} alerts; {PAGE_SIZE} are shown")
    return PAGE_SIZE


@dataclass(frozen=True)
class QueueRow:
    alert: AccountResult
    state: AlertState


@dataclass(frozen=True)
class QueuePage:
    rows: tuple[QueueRow, ...]
    matching: int  # alerts that pass the filters, on all pages
    page: int  # the page shown: the one asked for, or the last when asked for one past it
    pages: int
    per_page: int = PAGE_SIZE
    past_the_end: bool = False  # a page after the last was asked for

    @property
    def first(self) -> int:
        """The 1-based place of the first alert shown among those matching (0: none)."""
        return (self.page - 1) * self.per_page + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0

    @property
    def summary(self) -> str:
        """Which alerts the page shows: ``Alerts 101 to 200 of 1,234 matching``."""
        if not self.matching:
            return "No alert matches"
        if self.pages == 1:
            return f"{self.matching:,} alert{'s match' if self.matching > 1 else ' matches'}"
        return f"Alerts {self.first:,} to {self.last:,} of {self.matching:,} matching"


def select(
    alerts: Sequence[AccountResult], states: Mapping[str, AlertState], query: QueueQuery
) -> QueuePage:
    """The page of alerts the query asks for: filtered, sorted, then cut into pages."""
    rows = [QueueRow(a, states.get(a.account_id, AlertState())) for a in alerts]
    kept = [row for row in rows if _passes(row, query)]
    kept.sort(key=lambda row: row.alert.rank)  # ties in the chosen column: riskiest first
    kept.sort(key=SORTS[query.sort], reverse=query.descending)
    size = query.per_page
    pages = max(1, math.ceil(len(kept) / size))
    page = min(query.page, pages)
    start = (page - 1) * size
    shown = tuple(kept[start : start + size])
    return QueuePage(shown, len(kept), page, pages, size, past_the_end=query.page > pages)


def _passes(row: QueueRow, query: QueueQuery) -> bool:
    alert = row.alert
    return (
        (query.min_score is None or alert.risk_score >= query.min_score)
        and (not query.crime or (alert.crime or "") == query.crime)
        and (not query.typology or query.typology in alert.typologies)
        and (not query.institution or alert.institution_id == query.institution)
        and (not query.status or row.state.status == query.status)
        and (not query.account or query.account.casefold() in alert.account_id.casefold())
    )


@dataclass(frozen=True)
class Choices:
    """The values the queue's filters offer: those the alerts hold."""

    crimes: tuple[str, ...]
    typologies: tuple[str, ...]
    institutions: tuple[str, ...]


def choices(alerts: Sequence[AccountResult]) -> Choices:
    return Choices(
        crimes=tuple(sorted({a.crime for a in alerts if a.crime})),
        typologies=tuple(sorted({t for a in alerts for t in a.typologies})),
        institutions=tuple(sorted({a.institution_id for a in alerts})),
    )


@dataclass(frozen=True)
class Kpis:
    """Where the alerts stand: open, escalated, closed, and the closed ones by outcome."""

    alerts: int
    open: int
    escalated: int
    closed: int
    true_positive: int
    false_positive: int
    other: int


def kpis(alerts: Sequence[AccountResult], states: Mapping[str, AlertState]) -> Kpis:
    ours = [states.get(a.account_id, AlertState()) for a in alerts]

    def count(status: str, outcome: str | None = None) -> int:
        return sum(
            1 for s in ours if s.status == status and (outcome is None or s.outcome == outcome)
        )

    return Kpis(
        alerts=len(ours),
        open=count("open"),
        escalated=count("escalated"),
        closed=count("closed"),
        true_positive=count("closed", "true_positive"),
        false_positive=count("closed", "false_positive"),
        other=count("closed", "other"),
    )
