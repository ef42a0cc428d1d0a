"""What each caller may see of reports and disclosures, and the rows as API bodies.

Tenancy: a reporting entity sees its own reports; law enforcement sees the reports disclosed
to it; the FIU sees every report. Other organisation types see none.
"""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.orm import Session

from tipflow.hub.auth import Principal
from tipflow.hub.models import Disclosure, DisclosureReport, Feedback, Outcome, Report
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
