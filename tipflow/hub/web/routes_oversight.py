"""The pages that look back over the partnership's work: the disclosures (FIU: all; police:
those addressed to them) and the KPI dashboard (FIU and supervisors), each read through the
API's own audited function (``views.read_disclosures``, ``kpis.read_kpis``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.requests import Request

from tipflow.hub.auth import DbSession
from tipflow.hub.kpis import read_kpis
from tipflow.hub.routes_reports import READERS
from tipflow.hub.schemas import Kpis
from tipflow.hub.views import organisation_names, read_disclosures
from tipflow.hub.web.charts import BarChart, bar_chart
from tipflow.hub.web.pages import DisclosureReader, HubPages, Overseer, permits
from tipflow.report.html.labels import sentence


def register(router: APIRouter, web: HubPages) -> None:
    @router.get("/disclosures", response_class=HTMLResponse)
    def disclosures_page(
        request: Request, user: DisclosureReader, session: DbSession
    ) -> HTMLResponse:
        disclosures = read_disclosures(session, user)
        return web.page(
            request,
            "disclosures.html.j2",
            user,
            disclosures=list(reversed(disclosures)),  # newest first
            organisations=organisation_names(session),
            link_reports=permits(READERS, user),
        )

    @router.get("/kpis", response_class=HTMLResponse)
    def kpis_page(request: Request, user: Overseer, session: DbSession) -> HTMLResponse:
        kpis = read_kpis(session, user, "page")
        return web.page(request, "kpis.html.j2", user, kpis=kpis, charts=kpi_charts(kpis))


def kpi_charts(kpis: Kpis) -> list[BarChart]:
    """The dashboard's charts, in reading order."""
    return [
        bar_chart("reports_by_status", "Reports by status", _named(kpis.reports_by_status)),
        bar_chart("reports_by_institution", "Reports by institution", kpis.reports_by_institution),
        bar_chart("reports_by_indicator", "Reports by indicator code", kpis.reports_by_indicator),
        bar_chart("outcomes", "Outcomes of disclosures", _named(kpis.outcomes)),
        bar_chart(
            "tactical_answers", "Answers to tactical requests", _named(kpis.tactical_answers)
        ),
        bar_chart(
            "median_hours",
            "Median hours",
            {
                "from receipt to first disclosure": kpis.median_hours_to_disclosure,
                "from request to first answer": kpis.median_hours_to_tactical_answer,
            },
            decimals=1,
        ),
    ]


def _named(counts: dict[str, int]) -> dict[str, float | None]:
    return {sentence(key): float(count) for key, count in counts.items()}
