"""The pages of reports: the FIU's triage queue, the list a reporting entity (or the police)
reads, and one report with its summary, indicators, transactions, history and actions.

Every read goes through the functions the API uses (``fiu_work.triage_queue``,
``views.read_reports``, ``views.read_report``), so each is audited as the API's are. Handlers
are synchronous: FastAPI runs them on its thread pool, as it does the API's.
"""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request

from tipflow.hub.auth import DbSession, Principal
from tipflow.hub.fiu_work import status_history, triage_queue
from tipflow.hub.intake import stored_transactions
from tipflow.hub.kpis import reports_by_status
from tipflow.hub.models import Disclosure, DisclosureReport, Organisation, ReportIndicator
from tipflow.hub.routes_fiu import FIU_ONLY
from tipflow.hub.schemas import MAX_ID
from tipflow.hub.views import organisation_names, read_feedback, read_report, read_reports
from tipflow.hub.vocabulary import TRIAGE_STATUSES, OrgType, ReportStatus
from tipflow.hub.web.pages import Fiu, HubPages, Reader, permits
from tipflow.hub.web.triage_queue import SORTS, default_order, parse_query, select_page

#: Transactions shown on a report's page; a report may hold 100,000 (the rest: in the file).
TRANSACTIONS_SHOWN = 500
SORT_HEADINGS = {
    "id": "Report",
    "received": "Received (UTC)",
    "institution": "Institution",
    "transactions": "Transactions",
    "status": "Status",
}


def register(router: APIRouter, web: HubPages) -> None:
    @router.get("/triage", response_class=HTMLResponse)
    def triage_page(request: Request, user: Fiu, session: DbSession) -> HTMLResponse:
        query = parse_query(request.query_params)
        reports = triage_queue(session, user, query.status, query.indicator or None)
        return web.page(
            request,
            "triage.html.j2",
            user,
            query=query,
            queue=select_page(reports, query),
            counts=reports_by_status(session),
            statuses=list(ReportStatus),
            institutions=_names(session, OrgType.REPORTING_ENTITY),
            indicators=session.scalars(select(ReportIndicator.code).distinct()).all(),
            headings=SORT_HEADINGS,
            sortable=SORTS,
            default_order=default_order,
        )

    @router.get("/reports", response_class=HTMLResponse)
    def reports_page(request: Request, user: Reader, session: DbSession) -> HTMLResponse:
        reports = read_reports(session, user)
        own = user.org_type is OrgType.REPORTING_ENTITY
        return web.page(
            request,
            "reports.html.j2",
            user,
            reports=list(reversed(reports)),  # newest first
            feedback=read_feedback(session, user) if own else None,
        )

    @router.get("/reports/{report_id}", response_class=HTMLResponse)
    def report_page(
        request: Request, user: Reader, session: DbSession, report_id: str
    ) -> HTMLResponse:
        return report_response(web, request, session, user, report_id)


def report_response(
    web: HubPages,
    request: Request,
    session: Session,
    user: Principal,
    report_id: str,
    *,
    problem: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The report's page; ``problem`` (a refused action) is shown above the actions."""
    number = report_number(report_id)
    found = None if number is None else read_report(session, user, number)
    if found is None:
        return web.problem(request, user, 404, "There is no such report, or not one you may see.")
    report, detail = found
    transactions = stored_transactions(report.format, report.raw)
    fiu = permits(FIU_ONLY, user)  # the FIU's own history and disclosures stay with it
    return web.page(
        request,
        "report.html.j2",
        user,
        status_code=status_code,
        report=report,
        detail=detail,
        indicator_names=indicator_names(),
        transactions=transactions[:TRANSACTIONS_SHOWN],
        transaction_count=len(transactions),
        history=status_history(session, report.id) if fiu else [],
        disclosures=_disclosures_of(session, report.id) if fiu else [],
        organisations=organisation_names(session),
        police=_names(session, OrgType.LAW_ENFORCEMENT, ids=True) if fiu else {},
        triage_statuses=TRIAGE_STATUSES,
        can_act=fiu,
        problem=problem,
    )


def _disclosures_of(session: Session, report_id: int) -> list[Disclosure]:
    query = (
        select(Disclosure)
        .join(DisclosureReport, DisclosureReport.disclosure_id == Disclosure.id)
        .where(DisclosureReport.report_id == report_id)
        .order_by(Disclosure.id)
    )
    return list(session.scalars(query))


def report_number(text: str) -> int | None:
    """A report id from a URL; None for anything the database could not hold."""
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else 0
    return number if 0 < number <= MAX_ID else None


@cache
def indicator_names() -> dict[str, str]:
    """Names of tipflow's indicators, for reports that give their codes as tipflow's ids (an
    FIU's own codes are shown as they are)."""
    from tipflow.detect.registry import load_library

    return {key: item.spec.name for key, item in load_library().indicators.items()}


def _names(session: Session, org_type: OrgType, *, ids: bool = False) -> dict[str, str]:
    """The organisations of a type: name → name, or with ``ids`` str(id) → name."""
    rows = session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.org_type == org_type.value)
        .order_by(Organisation.name)
    ).all()
    return {str(row.id) if ids else row.name: row.name for row in rows}
