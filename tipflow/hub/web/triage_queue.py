"""The FIU's triage queue as a page: its filters, order and pages, read from the URL.

Pure functions of the query string and the reports, so a view can be bookmarked and tested
without a browser. A value that makes no sense is ignored and said above the table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tipflow.hub.models import Report
from tipflow.hub.vocabulary import ReportStatus

PAGE_SIZE = 50
_CODE = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
#: Column → (key, the order of a first click): oldest first for time, as the queue is worked.
SORTS: dict[str, tuple[Callable[[Report], Any], bool]] = {
    "id": (lambda r: r.id, False),
    "received": (lambda r: (r.received_at, r.id), False),
    "institution": (lambda r: (r.organisation.name.lower(), r.id), False),
    "transactions": (lambda r: (r.transaction_count, r.id), True),
    "status": (lambda r: (list(ReportStatus).index(ReportStatus(r.status)), r.id), False),
}


@dataclass(frozen=True)
class TriageQuery:
    #: None: every status. Without a ``status`` parameter: received (not yet triaged).
    status: ReportStatus | None = ReportStatus.RECEIVED
    institution: str = ""
    indicator: str = ""
    sort: str = "received"
    descending: bool = False
    page: int = 1
    problems: tuple[str, ...] = field(default=())

    def params(self, **changes: object) -> dict[str, str]:
        """The query string of this view with ``changes`` (for links to sort and page)."""
        values: dict[str, object] = {
            "status": self.status.value if self.status else "",
            "institution": self.institution,
            "indicator": self.indicator,
            "sort": self.sort,
            "order": "desc" if self.descending else "asc",
            "page": self.page,
        } | changes
        return {name: str(value) for name, value in values.items()}


@dataclass(frozen=True)
class QueuePage:
    rows: list[Report]
    matching: int
    page: int
    pages: int


def parse_query(params: Mapping[str, str]) -> TriageQuery:
    problems: list[str] = []
    raw_status = params.get("status", ReportStatus.RECEIVED.value)
    status: ReportStatus | None = None
    if raw_status:
        try:
            status = ReportStatus(raw_status)
        except ValueError:
            problems.append(f"there is no status {raw_status!r}: every status is shown")
    indicator = params.get("indicator", "").strip()
    if indicator and not _CODE.fullmatch(indicator):
        problems.append("an indicator code is letters, digits, '.', '_' and '-'")
        indicator = ""
    sort = params.get("sort", "received")
    if sort not in SORTS:
        problems.append(f"the queue cannot be sorted by {sort!r}")
        sort = "received"
    order = params.get("order", "desc" if SORTS[sort][1] else "asc")
    page = params.get("page", "1")
    return TriageQuery(
        status=status,
        institution=params.get("institution", "").strip(),
        indicator=indicator,
        sort=sort,
        descending=order == "desc",
        page=int(page) if page.isdigit() and int(page) >= 1 else 1,
        problems=tuple(problems),
    )


def select_page(reports: Sequence[Report], query: TriageQuery) -> QueuePage:
    """The page of ``reports`` (already filtered by status and indicator) the query asks for."""
    rows = [r for r in reports if not query.institution or r.organisation.name == query.institution]
    key = SORTS[query.sort][0]
    rows.sort(key=key, reverse=query.descending)
    pages = max(1, math.ceil(len(rows) / PAGE_SIZE))
    page = min(query.page, pages)
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return QueuePage(rows=shown, matching=len(rows), page=page, pages=pages)


def default_order(sort: str) -> str:
    return "desc" if SORTS[sort][1] else "asc"
