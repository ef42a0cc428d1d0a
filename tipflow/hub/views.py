"""What each caller may see of reports, disclosures and feedback, the audited reads of them,
and the rows as API bodies.

Tenancy: a reporting entity sees its own reports; law enforcement sees the reports disclosed
to it; the FIU sees every report. Other organisation types see none. The API's routes and the
hub's web pages read through the same functions, so every read is audited alike.
"""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.orm import Session

from tipflow.hub.audit import record
from tipflow.hub.auth import Principal
from tipflow.hub.models import (
    Disclosure,
    DisclosureReport,
    Feedback,
    Organisation,
    Outcome,
    Report,
)
from tipflow.hub.schemas import DisclosureOut, FeedbackOut, OutcomeOut, ReportDetail, ReportOut
from tipflow.hub.vocabulary import OrgType, OutcomeKind, ReportStatus


def report_scope(principal: Principal) -> ColumnElement[bool]:
    if principal.org_type is OrgType.FIU:
        return true()
    if principal.org_type is OrgType.REPORTING_ENTITY:
        return Report.organisation_id == principal.organisation_id
    if principal.org_type is OrgType.LAW_ENFORCEMENT:
        disclosed = (
            select(DisclosureReport.report_id)
            .join(Disclosure, Disclosure.id == DisclosureReport.disclosure_id)
            .where(Disclosure.to_organisation_id == principal.organisation_id)
        )
        return Report.id.in_(disclosed)
    return false()


def visible_reports(principal: Principal) -> Select[Report]:
    return select(Report).where(report_scope(principal)).order_by(Report.id)


def find_visible_report(session: Session, principal: Principal, report_id: int) -> Report | None:
    """The report, or None when it does not exist or is not the caller's to see (the same
    answer, so that ids of other organisations' reports reveal nothing)."""
    return session.scalar(visible_reports(principal).where(Report.id == report_id))


def report_out(report: Report) -> ReportOut:
    return ReportOut(
        id=report.id,
        organisation_id=report.organisation_id,
        entity_reference=report.entity_reference,
        format=report.format,
        status=ReportStatus(report.status),
        received_at=report.received_at,
        indicators=[indicator.code for indicator in report.indicators],
        transaction_count=report.transaction_count,
        sha256=report.sha256,
    )


def feedback_out(feedback: Feedback) -> FeedbackOut:
    return FeedbackOut(
        id=feedback.id,
        report_id=feedback.report_id,
        usefulness=feedback.usefulness,
        quality_notes=feedback.quality_notes,
        created_at=feedback.created_at,
    )


def report_detail(session: Session, report: Report) -> ReportDetail:
    feedback = session.scalars(
        select(Feedback).where(Feedback.report_id == report.id).order_by(Feedback.id)
    )
    summary = json.loads(report.summary)
    return ReportDetail(
        **report_out(report).model_dump(),
        summary=summary,
        feedback=[feedback_out(row) for row in feedback],
    )


def disclosure_out(session: Session, disclosure: Disclosure) -> DisclosureOut:
    outcomes = session.scalars(
        select(Outcome).where(Outcome.disclosure_id == disclosure.id).order_by(Outcome.id)
    )
    return DisclosureOut(
        id=disclosure.id,
        to_organisation_id=disclosure.to_organisation_id,
        report_ids=[link.report_id for link in disclosure.reports],
        note=disclosure.note,
        created_at=disclosure.created_at,
        outcomes=[
            OutcomeOut(
                id=row.id,
                disclosure_id=row.disclosure_id,
                kind=OutcomeKind(row.kind),
                note=row.note,
                recorded_at=row.recorded_at,
            )
            for row in outcomes
        ],
    )


def read_reports(session: Session, principal: Principal) -> list[Report]:
    """The reports the caller may see, oldest first (audited)."""
    reports = list(session.scalars(visible_reports(principal)))
    record(session, principal.actor, "list_reports", "report", None, {"count": len(reports)})
    session.commit()
    return reports


def read_report(
    session: Session, principal: Principal, report_id: int
) -> tuple[Report, ReportDetail] | None:
    """One report with its parsed content and feedback, or None when the caller may not see
    it (audited)."""
    report = find_visible_report(session, principal, report_id)
    if report is None:
        return None
    detail = report_detail(session, report)
    record(session, principal.actor, "read_report", "report", report.id)
    session.commit()
    return report, detail


def read_disclosures(session: Session, principal: Principal) -> list[DisclosureOut]:
    """All disclosures for the FIU, those addressed to it for law enforcement (audited)."""
    query = select(Disclosure).order_by(Disclosure.id)
    if principal.org_type is OrgType.LAW_ENFORCEMENT:
        query = query.where(Disclosure.to_organisation_id == principal.organisation_id)
    disclosures = [disclosure_out(session, row) for row in session.scalars(query)]
    detail = {"count": len(disclosures)}
    record(session, principal.actor, "list_disclosures", "disclosure", None, detail)
    session.commit()
    return disclosures


def read_feedback(session: Session, principal: Principal) -> list[FeedbackOut]:
    """The FIU's feedback on the caller's organisation's reports (audited)."""
    query = (
        select(Feedback)
        .join(Report, Report.id == Feedback.report_id)
        .where(Report.organisation_id == principal.organisation_id)
        .order_by(Feedback.id)
    )
    feedback = [feedback_out(row) for row in session.scalars(query)]
    record(session, principal.actor, "list_feedback", "feedback", None, {"count": len(feedback)})
    session.commit()
    return feedback


def organisation_names(session: Session) -> dict[int, str]:
    """Every organisation's name by id (pages name senders and recipients)."""
    rows = session.execute(select(Organisation.id, Organisation.name))
    return {row.id: row.name for row in rows}
