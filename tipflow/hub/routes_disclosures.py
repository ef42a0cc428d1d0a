"""Disclosures as their recipients see them, outcomes from law enforcement, and feedback as
the reporting entity sees it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select

from tipflow.hub.audit import record
from tipflow.hub.auth import GUARDED, DbSession, Principal, allow, refusals
from tipflow.hub.models import Disclosure, Feedback, Outcome, Report
from tipflow.hub.schemas import DisclosureOut, FeedbackOut, IdPath, NewOutcome, OutcomeOut
from tipflow.hub.views import disclosure_out, feedback_out
from tipflow.hub.vocabulary import OrgType, OutcomeKind

router = APIRouter(tags=["disclosures"], responses=GUARDED)
FiuOrPolice = Annotated[Principal, Depends(allow(OrgType.FIU, OrgType.LAW_ENFORCEMENT))]
Police = Annotated[Principal, Depends(allow(OrgType.LAW_ENFORCEMENT))]
Reporter = Annotated[Principal, Depends(allow(OrgType.REPORTING_ENTITY))]


@router.get("/disclosures", operation_id="list_disclosures")
def list_disclosures(principal: FiuOrPolice, session: DbSession) -> list[DisclosureOut]:
    """All disclosures for the FIU; those addressed to them for law enforcement."""
    query = select(Disclosure).order_by(Disclosure.id)
    if principal.org_type is OrgType.LAW_ENFORCEMENT:
        query = query.where(Disclosure.to_organisation_id == principal.organisation_id)
    disclosures = [disclosure_out(session, row) for row in session.scalars(query)]
    detail = {"count": len(disclosures)}
    record(session, principal.actor, "list_disclosures", "disclosure", None, detail)
    session.commit()
    return disclosures


@router.post(
    "/disclosures/{disclosure_id}/outcomes",
    operation_id="record_outcome",
    status_code=status.HTTP_201_CREATED,
    responses=refusals(404),
)
def record_outcome(
    disclosure_id: IdPath, body: NewOutcome, principal: Police, session: DbSession
) -> OutcomeOut:
    """What the recipient did with a disclosure (only the organisation it was sent to)."""
    disclosure = session.get(Disclosure, disclosure_id)
    if disclosure is None or disclosure.to_organisation_id != principal.organisation_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such disclosure")
    outcome = Outcome(
        disclosure_id=disclosure.id,
        organisation_id=principal.organisation_id,
        recorded_by=principal.user_id,
        kind=body.kind.value,
        note=body.note,
    )
    session.add(outcome)
    session.flush()
    detail = {"disclosure_id": disclosure.id, "kind": body.kind.value}
    record(session, principal.actor, "record_outcome", "outcome", outcome.id, detail)
    session.commit()
    return OutcomeOut(
        id=outcome.id,
        disclosure_id=disclosure.id,
        kind=OutcomeKind(outcome.kind),
        note=outcome.note,
        recorded_at=outcome.recorded_at,
    )


@router.get("/feedback", operation_id="list_feedback")
def list_feedback(principal: Reporter, session: DbSession) -> list[FeedbackOut]:
    """The FIU's feedback on the caller's organisation's reports."""
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
