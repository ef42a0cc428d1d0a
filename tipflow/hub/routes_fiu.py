"""The FIU's work: the triage queue, report statuses, disclosure packages and feedback."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select

from tipflow.hub.audit import record
from tipflow.hub.auth import GUARDED, DbSession, Principal, allow, refusals
from tipflow.hub.models import (
    Disclosure,
    DisclosureReport,
    Feedback,
    Organisation,
    Report,
    ReportIndicator,
    utc_now,
)
from tipflow.hub.schemas import (
    CODE_PATTERN,
    DisclosureOut,
    FeedbackOut,
    IdPath,
    NewDisclosure,
    NewFeedback,
    ReportOut,
    StatusChange,
)
from tipflow.hub.views import disclosure_out, feedback_out, report_out
from tipflow.hub.vocabulary import OrgType, ReportStatus

router = APIRouter(tags=["fiu"], responses=GUARDED)
Fiu = Annotated[Principal, Depends(allow(OrgType.FIU))]


def _report(session: DbSession, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no report {report_id}")
    return report


@router.get("/triage", operation_id="list_triage_queue")
def list_triage_queue(
    principal: Fiu,
    session: DbSession,
    report_status: Annotated[ReportStatus | None, Query(alias="status")] = ReportStatus.RECEIVED,
    indicator: Annotated[str | None, Query(max_length=64, pattern=CODE_PATTERN)] = None,
) -> list[ReportOut]:
    """Reports by status (default: received, not yet triaged), optionally with one indicator
    code; oldest first."""
    query = select(Report).order_by(Report.received_at, Report.id)
    if report_status is not None:
        query = query.where(Report.status == report_status.value)
    if indicator is not None:
        coded = select(ReportIndicator.report_id).where(ReportIndicator.code == indicator)
        query = query.where(Report.id.in_(coded))
    reports = [report_out(report) for report in session.scalars(query)]
    record(session, principal.actor, "list_triage_queue", "report", None, {"count": len(reports)})
    session.commit()
    return reports


@router.put(
    "/reports/{report_id}/status", operation_id="set_report_status", responses=refusals(404)
)
def set_report_status(
    report_id: IdPath, body: StatusChange, principal: Fiu, session: DbSession
) -> ReportOut:
    report = _report(session, report_id)
    before = report.status
    report.status, report.status_changed_at = body.status.value, utc_now()
    detail = {"from": before, "to": report.status}
    record(session, principal.actor, "set_report_status", "report", report.id, detail)
    session.commit()
    return report_out(report)


@router.post(
    "/disclosures",
    operation_id="create_disclosure",
    status_code=status.HTTP_201_CREATED,
    responses=refusals(404, 422),
)
def create_disclosure(body: NewDisclosure, principal: Fiu, session: DbSession) -> DisclosureOut:
    """Disseminate reports to one law-enforcement organisation; they become "disclosed"."""
    recipient = session.get(Organisation, body.to_organisation_id)
    if recipient is None or recipient.org_type != OrgType.LAW_ENFORCEMENT.value:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "disclosures go to a law-enforcement organisation",
        )
    report_ids = sorted(set(body.report_ids))
    reports = [_report(session, report_id) for report_id in report_ids]
    disclosure = Disclosure(
        from_organisation_id=principal.organisation_id,
        to_organisation_id=recipient.id,
        created_by=principal.user_id,
        note=body.note,
        reports=[DisclosureReport(report_id=report_id) for report_id in report_ids],
    )
    session.add(disclosure)
    now = utc_now()
    for report in reports:
        report.status, report.status_changed_at = ReportStatus.DISCLOSED.value, now
    session.flush()
    detail = {"to_organisation_id": recipient.id, "report_ids": report_ids}
    record(session, principal.actor, "create_disclosure", "disclosure", disclosure.id, detail)
    session.commit()
    return disclosure_out(session, disclosure)


@router.post(
    "/reports/{report_id}/feedback",
    operation_id="send_feedback",
    status_code=status.HTTP_201_CREATED,
    responses=refusals(404),
)
def send_feedback(
    report_id: IdPath, body: NewFeedback, principal: Fiu, session: DbSession
) -> FeedbackOut:
    """The FIU's feedback to the reporting entity on one of its reports."""
    report = _report(session, report_id)
    feedback = Feedback(
        report_id=report.id,
        from_organisation_id=principal.organisation_id,
        created_by=principal.user_id,
        usefulness=body.usefulness,
        quality_notes=body.quality_notes,
    )
    session.add(feedback)
    session.flush()
    detail = {"report_id": report.id, "usefulness": body.usefulness}
    record(session, principal.actor, "send_feedback", "feedback", feedback.id, detail)
    session.commit()
    return feedback_out(feedback)
