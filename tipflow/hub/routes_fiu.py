"""The FIU's work over the API: the triage queue, report statuses, disclosure packages and
feedback (the work itself is in fiu_work.py, shared with the hub's web pages)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.orm import Session

from tipflow.hub.auth import GUARDED, DbSession, Principal, allow, refusals
from tipflow.hub.fiu_work import (
    NotFound,
    Unprocessable,
    disclose,
    give_feedback,
    set_status,
    triage_queue,
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
#: Who may do the FIU's work (the hub's web pages apply the same rule).
FIU_ONLY = allow(OrgType.FIU)
Fiu = Annotated[Principal, Depends(FIU_ONLY)]


def _refused(session: Session, exc: NotFound | Unprocessable) -> HTTPException:
    session.rollback()
    if isinstance(exc, NotFound):
        return HTTPException(status.HTTP_404_NOT_FOUND, str(exc))
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc))


@router.get("/triage", operation_id="list_triage_queue")
def list_triage_queue(
    principal: Fiu,
    session: DbSession,
    report_status: Annotated[ReportStatus | None, Query(alias="status")] = ReportStatus.RECEIVED,
    indicator: Annotated[str | None, Query(max_length=64, pattern=CODE_PATTERN)] = None,
) -> list[ReportOut]:
    """Reports by status (default: received, not yet triaged), optionally with one indicator
    code; oldest first."""
    return [report_out(r) for r in triage_queue(session, principal, report_status, indicator)]


@router.put(
    "/reports/{report_id}/status", operation_id="set_report_status", responses=refusals(404)
)
def set_report_status(
    report_id: IdPath, body: StatusChange, principal: Fiu, session: DbSession
) -> ReportOut:
    """Mark a report triaged or closed, with the FIU's reason (kept in its triage history)."""
    try:
        return report_out(set_status(session, principal, report_id, body))
    except NotFound as exc:
        raise _refused(session, exc) from exc


@router.post(
    "/disclosures",
    operation_id="create_disclosure",
    status_code=status.HTTP_201_CREATED,
    responses=refusals(404, 422),
)
def create_disclosure(body: NewDisclosure, principal: Fiu, session: DbSession) -> DisclosureOut:
    """Disseminate reports to one law-enforcement organisation; they become "disclosed"."""
    try:
        return disclosure_out(session, disclose(session, principal, body))
    except (NotFound, Unprocessable) as exc:
        raise _refused(session, exc) from exc


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
    try:
        return feedback_out(give_feedback(session, principal, report_id, body))
    except NotFound as exc:
        raise _refused(session, exc) from exc
