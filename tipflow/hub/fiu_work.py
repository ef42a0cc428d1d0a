"""The FIU's work on reports: the triage queue, statuses with their reasons, disclosure packages
and feedback.

The API's routes (routes_fiu.py) and the hub's web pages (tipflow.hub.web) both call these, so
a change made in a browser is the same change, with the same audit row, as one made through
the API. Each function commits; a refusal raises before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipflow.hub.audit import record
from tipflow.hub.auth import Principal
from tipflow.hub.models import (
    Disclosure,
    DisclosureReport,
    Feedback,
    Organisation,
    Report,
    ReportIndicator,
    utc_now,
)
from tipflow.hub.models_triage import ReportStatusChange
from tipflow.hub.schemas import NewDisclosure, NewFeedback, StatusChange
from tipflow.hub.vocabulary import OrgType, ReportStatus


class NotFound(Exception):
    """No such object (the API answers 404)."""


class Unprocessable(Exception):
    """A request the hub's state does not allow (the API answers 422); the message says why."""


def find_report(session: Session, report_id: int) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise NotFound(f"no report {report_id}")
    return report


def triage_queue(
    session: Session, principal: Principal, status: ReportStatus | None, indicator: str | None
) -> list[Report]:
    """Reports with this status (any, for None) and indicator code (any, for None), oldest
    first; the read is audited."""
    query = select(Report).order_by(Report.received_at, Report.id)
    if status is not None:
        query = query.where(Report.status == status.value)
    if indicator is not None:
        coded = select(ReportIndicator.report_id).where(ReportIndicator.code == indicator)
        query = query.where(Report.id.in_(coded))
    reports = list(session.scalars(query))
    record(session, principal.actor, "list_triage_queue", "report", None, {"count": len(reports)})
    session.commit()
    return reports


def set_status(
    session: Session, principal: Principal, report_id: int, change: StatusChange
) -> Report:
    """Mark a report triaged or closed; the reason goes to its triage history."""
    report = find_report(session, report_id)
    before, now = report.status, utc_now()
    report.status, report.status_changed_at = change.status.value, now
    session.add(
        ReportStatusChange(
            report_id=report.id,
            from_status=before,
            to_status=report.status,
            reason=change.reason,
            changed_by=principal.user_id,
            changed_at=now,
        )
    )
    detail = {"from": before, "to": report.status}
    record(session, principal.actor, "set_report_status", "report", report.id, detail)
    session.commit()
    return report


def disclose(session: Session, principal: Principal, package: NewDisclosure) -> Disclosure:
    """Disseminate reports to one law-enforcement organisation; they become "disclosed"."""
    recipient = session.get(Organisation, package.to_organisation_id)
    if recipient is None or recipient.org_type != OrgType.LAW_ENFORCEMENT.value:
        raise Unprocessable("disclosures go to a law-enforcement organisation")
    report_ids = sorted(set(package.report_ids))
    reports = [find_report(session, report_id) for report_id in report_ids]
    disclosure = Disclosure(
        from_organisation_id=principal.organisation_id,
        to_organisation_id=recipient.id,
        created_by=principal.user_id,
        note=package.note,
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
    return disclosure


def give_feedback(
    session: Session, principal: Principal, report_id: int, body: NewFeedback
) -> Feedback:
    """The FIU's feedback to the reporting entity on one of its reports."""
    report = find_report(session, report_id)
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
    return feedback


def status_history(session: Session, report_id: int) -> Sequence[ReportStatusChange]:
    """The statuses the FIU set on a report, oldest first."""
    query = select(ReportStatusChange).where(ReportStatusChange.report_id == report_id)
    return session.scalars(query.order_by(ReportStatusChange.id)).all()
