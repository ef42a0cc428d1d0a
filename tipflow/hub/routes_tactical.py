"""Tactical requests (the SAMLIT model: a tactical operations group asks member banks about
specific targets).

- ``POST /tactical/requests`` (FIU, law enforcement): purpose, case reference, targets as
  (kind, pseudonym) under the partnership key, its fingerprint, addressees, a deadline.
- ``GET /tactical/requests``: the FIU every request, law enforcement its own, a reporting
  entity those addressed to it with the targets its own current tokens hold.
- ``PUT /tactical/requests/{id}/answer`` (addressed reporting entities): match, no_match or
  declined, a note, its own related STRs; a new answer replaces the earlier one.
- ``GET /tactical/requests/{id}/answers`` (the requester, the FIU): every institution's answer.

NGOs and supervisors see no tactical request (403); a request the caller may not see answers
404, as a missing one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status

from tipflow.hub.audit import record
from tipflow.hub.auth import GUARDED, DbSession, Principal, allow, refusals
from tipflow.hub.schemas import IdPath
from tipflow.hub.schemas_tactical import (
    NewTacticalAnswer,
    NewTacticalRequest,
    TacticalAnswerOut,
    TacticalRequestOut,
)
from tipflow.hub.tactical import (
    KeyConflict,
    NoSuchObject,
    TacticalRefused,
    answer_request,
    answers_out,
    create_request,
    find_visible_request,
    institution_view,
    requester_view,
    visible_requests,
)
from tipflow.hub.vocabulary import OrgType

router = APIRouter(tags=["tactical"], responses=GUARDED)
Requester = Annotated[Principal, Depends(allow(OrgType.FIU, OrgType.LAW_ENFORCEMENT))]
Reader = Annotated[
    Principal, Depends(allow(OrgType.REPORTING_ENTITY, OrgType.FIU, OrgType.LAW_ENFORCEMENT))
]
Reporter = Annotated[Principal, Depends(allow(OrgType.REPORTING_ENTITY))]


def _refused(exc: Exception) -> HTTPException:
    code = {
        KeyConflict: status.HTTP_409_CONFLICT,
        NoSuchObject: status.HTTP_404_NOT_FOUND,
    }.get(type(exc), status.HTTP_422_UNPROCESSABLE_CONTENT)
    return HTTPException(code, str(exc))


@router.post(
    "/tactical/requests",
    operation_id="create_tactical_request",
    status_code=status.HTTP_201_CREATED,
    responses=refusals(409, 422),
)
def create_tactical_request(
    body: NewTacticalRequest, principal: Requester, session: DbSession
) -> TacticalRequestOut:
    """Ask institutions about pseudonymised identifiers of targets. 409 when they were made
    under another key than the partnership's (or the hub has none yet); 422 when a pseudonym
    is not a token, the deadline is past or over a year away, or an addressee is not a
    reporting entity. Default addressees: every institution with current tokens."""
    try:
        request = create_request(session, principal.actor, body)
    except (TacticalRefused, KeyConflict) as exc:
        session.rollback()
        raise _refused(exc) from exc
    (out,) = requester_view(session, [request])
    session.commit()
    return out


@router.get("/tactical/requests", operation_id="list_tactical_requests")
def list_tactical_requests(principal: Reader, session: DbSession) -> list[TacticalRequestOut]:
    """The FIU: every request; law enforcement: its own; a reporting entity: those addressed
    to it, each with the targets its own current token upload holds (``matches``, with its
    record ids) and its own answer."""
    requests = visible_requests(session, principal)
    if principal.org_type is OrgType.REPORTING_ENTITY:
        views = institution_view(session, principal.organisation_id, requests)
    else:
        views = requester_view(session, requests)
    matches = sum(len(view.matches or ()) for view in views)
    detail = {"count": len(views), "matches": matches}
    record(session, principal.actor, "list_tactical_requests", "tactical_request", None, detail)
    session.commit()
    return views


@router.put(
    "/tactical/requests/{request_id}/answer",
    operation_id="answer_tactical_request",
    responses=refusals(404),
)
def answer_tactical_request(
    request_id: IdPath, body: NewTacticalAnswer, principal: Reporter, session: DbSession
) -> TacticalAnswerOut:
    """The institution's answer to a request addressed to it; replaces its earlier answer.
    404 for a request not addressed to it, or a report that is not its own."""
    try:
        request = find_visible_request(session, principal, request_id, lock=True)
        answer = answer_request(session, principal.actor, request, body)
    except NoSuchObject as exc:
        session.rollback()
        raise _refused(exc) from exc
    session.commit()
    return answer


@router.get(
    "/tactical/requests/{request_id}/answers",
    operation_id="list_tactical_answers",
    responses=refusals(404),
)
def list_tactical_answers(
    request_id: IdPath, principal: Requester, session: DbSession
) -> list[TacticalAnswerOut]:
    """Every institution's answer to a request (the requester's own requests; any for the
    FIU): status, note, related STRs, when."""
    try:
        request = find_visible_request(session, principal, request_id)
    except NoSuchObject as exc:
        raise _refused(exc) from exc
    answers = answers_out(session, [request.id])[request.id]
    detail = {"request_id": request.id, "count": len(answers)}
    record(session, principal.actor, "list_tactical_answers", "tactical_answer", None, detail)
    session.commit()
    return answers
