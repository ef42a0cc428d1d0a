"""Disclosures as their recipients see them, outcomes from law enforcement, and feedback as
the reporting entity sees it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status

from tipflow.hub.audit import record
from tipflow.hub.auth import GUARDED, DbSession, Principal, allow, refusals
from tipflow.hub.models import Disclosure, Outcome
from tipflow.hub.schemas import DisclosureOut, FeedbackOut, IdPath, NewOutcome, OutcomeOut
from tipflow.hub.views import read_disclosures, read_feedback
from tipflow.hub.vocabulary import OrgType, OutcomeKind

router = APIRouter(tags=["disclosures"], responses=GUARDED)
#: Who may read disclosures (the hub's web pages apply the same rules).
DISCLOSURE_READERS = allow(OrgType.FIU, OrgType.LAW_ENFORCEMENT)
FEEDBACK_READERS = allow(OrgType.REPORTING_ENTITY)
FiuOrPolice = Annotated[Principal, Depends(DISCLOSURE_READERS)]
Police = Annotated[Principal, Depends(allow(OrgType.LAW_ENFORCEMENT))]
Reporter = Annotated[Principal, Depends(FEEDBACK_READERS)]


@router.get("/disclosures", operation_id="list_disclosures")
def list_disclosures(principal: FiuOrPolice, session: DbSession) -> list[DisclosureOut]:
    """All disclosures for the FIU; those addressed to them for law enforcement."""
    return read_disclosures(session, principal)


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
    return read_feedback(session, principal)
