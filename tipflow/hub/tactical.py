"""Tactical requests: the FIU or police send pseudonymised identifiers of their targets (HMAC
tokens under the partnership key, made with tipflow's share tools); each addressed institution
sees which targets its own current token upload holds, with its own record ids, and answers.

The hub matches tokens for one institution at a time, against that institution's own upload:
no institution ever learns what another holds, and the requester learns it only from answers.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
from collections.abc import Sequence

from sqlalchemy import Select, delete, false, func, select
from sqlalchemy.orm import Session

from tipflow.hub.audit import Actor, record
from tipflow.hub.auth import Principal
from tipflow.hub.models import (
    Organisation,
    Report,
    TacticalAddressee,
    TacticalAnswer,
    TacticalAnswerReport,
    TacticalRequest,
    TacticalTarget,
    TokenFile,
    TokenUpload,
    utc_now,
)
from tipflow.hub.schemas_tactical import (
    PSEUDONYM_HELP,
    NewTacticalAnswer,
    NewTacticalRequest,
    TacticalAnswerOut,
    TacticalRequestOut,
    TargetIn,
    TargetOut,
)
from tipflow.hub.tactical_matching import holdings, matches_of
from tipflow.hub.tokens_store import current_uploads, partnership_fingerprint
from tipflow.hub.vocabulary import OrgType, TacticalAnswerStatus, TargetKind

_HEX64 = re.compile(r"[0-9a-f]{64}")
#: How far ahead a deadline may be: a tactical request is urgent by nature.
MAX_NOTICE = dt.timedelta(days=366)


class TacticalRefused(Exception):
    """A request or answer the hub cannot accept (422); the message says why."""


class KeyConflict(Exception):
    """Targets made under another key than the partnership's, or no key yet (409)."""


class NoSuchObject(Exception):
    """Missing, or not the caller's to see (404: the same answer for both)."""


def check_targets(targets: Sequence[TargetIn]) -> list[tuple[str, str]]:
    """The distinct (kind, pseudonym) pairs, pseudonyms lower-cased; refused when one is not a
    token (the message names the target's position and never repeats what was sent)."""
    distinct: dict[tuple[str, str], None] = {}
    for number, target in enumerate(targets, start=1):
        pseudonym = target.pseudonym.lower()
        if not _HEX64.fullmatch(pseudonym):
            raise TacticalRefused(
                f"target {number} ({target.kind.value}): a pseudonym is {PSEUDONYM_HELP}"
            )
        distinct[(target.kind.value, pseudonym)] = None
    return list(distinct)


def _check_key(session: Session, fingerprint: str) -> None:
    hub = partnership_fingerprint(session)
    if hub is None:
        raise KeyConflict(
            "the hub has no partnership key yet (no institution has uploaded tokens): "
            "the targets could match nothing"
        )
    if hub != fingerprint:
        raise KeyConflict(
            f"the targets were made under another key (fingerprint {fingerprint[:16]}…) than "
            f"the partnership's ({hub[:16]}…): they could match no institution's tokens"
        )


def _addressees(session: Session, named: Sequence[int] | None, fingerprint: str) -> list[int]:
    if named is None:
        holders = sorted({u.organisation_id for u in current_uploads(session, fingerprint)})
        if not holders:
            raise TacticalRefused(
                "no institution has current tokens under the partnership key: "
                "name the institutions to ask (addressed_organisation_ids)"
            )
        return holders
    wanted = sorted(set(named))
    found = set(
        session.scalars(
            select(Organisation.id).where(
                Organisation.id.in_(wanted),
                Organisation.org_type == OrgType.REPORTING_ENTITY.value,
            )
        )
    )
    for organisation_id in wanted:
        if organisation_id not in found:
            raise TacticalRefused(
                f"organisation {organisation_id} is not a reporting entity: "
                "tactical requests go to institutions"
            )
    return wanted


def create_request(session: Session, actor: Actor, body: NewTacticalRequest) -> TacticalRequest:
    """Check and store a tactical request (audited); raises TacticalRefused or KeyConflict."""
    assert actor.organisation_id is not None and actor.user_id is not None
    targets = check_targets(body.targets)
    now = utc_now()
    if body.deadline <= now:
        raise TacticalRefused("the deadline has passed")
    if body.deadline > now + MAX_NOTICE:
        raise TacticalRefused("the deadline must be within a year")
    _check_key(session, body.key_fingerprint)
    addressed = _addressees(session, body.addressed_organisation_ids, body.key_fingerprint)
    request = TacticalRequest(
        organisation_id=actor.organisation_id,
        created_by=actor.user_id,
        purpose=body.purpose,
        case_reference=body.case_reference,
        key_fingerprint=body.key_fingerprint,
        deadline=body.deadline,
        created_at=now,
    )
    session.add(request)
    session.flush()
    session.add_all(TacticalTarget(request_id=request.id, kind=k, pseudonym=p) for k, p in targets)
    session.add_all(TacticalAddressee(request_id=request.id, organisation_id=o) for o in addressed)
    detail = {
        "targets": len(targets),
        "kinds": dict(sorted(collections.Counter(kind for kind, _ in targets).items())),
        "addressed_organisation_ids": addressed,
        "deadline": request.deadline.isoformat(),
    }
    record(session, actor, "create_tactical_request", "tactical_request", request.id, detail)
    return request


def _visible(principal: Principal) -> Select[TacticalRequest]:
    """Every request for the FIU, its own for law enforcement, those addressed to it for a
    reporting entity; none for anyone else."""
    query = select(TacticalRequest).order_by(TacticalRequest.id)
    if principal.org_type is OrgType.FIU:
        return query
    if principal.org_type is OrgType.LAW_ENFORCEMENT:
        return query.where(TacticalRequest.organisation_id == principal.organisation_id)
    if principal.org_type is OrgType.REPORTING_ENTITY:
        addressed = select(TacticalAddressee.request_id).where(
            TacticalAddressee.organisation_id == principal.organisation_id
        )
        return query.where(TacticalRequest.id.in_(addressed))
    return query.where(false())


def visible_requests(session: Session, principal: Principal) -> list[TacticalRequest]:
    return list(session.scalars(_visible(principal)))


def find_visible_request(
    session: Session, principal: Principal, request_id: int, *, lock: bool = False
) -> TacticalRequest:
    """The request, or NoSuchObject when it is missing or not the caller's to see. ``lock``
    serialises answers to it (PostgreSQL; SQLite writers are serialised anyway)."""
    query = _visible(principal).where(TacticalRequest.id == request_id)
    request = session.scalar(query.with_for_update() if lock else query)
    if request is None:
        raise NoSuchObject("no such tactical request")
    return request


def _targets_of(session: Session, request_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    targets: dict[int, list[tuple[str, str]]] = {i: [] for i in request_ids}
    query = (
        select(TacticalTarget)
        .where(TacticalTarget.request_id.in_(request_ids))
        .order_by(TacticalTarget.request_id, TacticalTarget.kind, TacticalTarget.pseudonym)
    )
    for target in session.scalars(query):
        targets[target.request_id].append((target.kind, target.pseudonym))
    return targets


def answers_out(
    session: Session, request_ids: list[int], organisation_id: int | None = None
) -> dict[int, list[TacticalAnswerOut]]:
    """The answers to these requests (only ``organisation_id``'s when given), by request."""
    query = (
        select(TacticalAnswer, Organisation.name)
        .join(Organisation, Organisation.id == TacticalAnswer.organisation_id)
        .where(TacticalAnswer.request_id.in_(request_ids))
        .order_by(TacticalAnswer.request_id, TacticalAnswer.organisation_id)
    )
    if organisation_id is not None:
        query = query.where(TacticalAnswer.organisation_id == organisation_id)
    rows = session.execute(query).all()
    linked: dict[int, list[int]] = collections.defaultdict(list)
    link_query = (
        select(TacticalAnswerReport)
        .where(TacticalAnswerReport.answer_id.in_([answer.id for answer, _ in rows]))
        .order_by(TacticalAnswerReport.report_id)
    )
    for link in session.scalars(link_query):
        linked[link.answer_id].append(link.report_id)
    answers: dict[int, list[TacticalAnswerOut]] = {i: [] for i in request_ids}
    for answer, name in rows:
        answers[answer.request_id].append(
            TacticalAnswerOut(
                request_id=answer.request_id,
                organisation_id=answer.organisation_id,
                organisation_name=name,
                status=TacticalAnswerStatus(answer.status),
                note=answer.note,
                report_ids=linked[answer.id],
                first_answered_at=answer.first_answered_at,
                answered_at=answer.answered_at,
            )
        )
    return answers


def _out(request: TacticalRequest, target_count: int, **view: object) -> TacticalRequestOut:
    return TacticalRequestOut.model_validate(
        {
            "id": request.id,
            "organisation_id": request.organisation_id,
            "purpose": request.purpose,
            "case_reference": request.case_reference,
            "key_fingerprint": request.key_fingerprint,
            "deadline": request.deadline,
            "created_at": request.created_at,
            "target_count": target_count,
            "targets": None,
            "addressed_organisation_ids": None,
            "answer_count": None,
            "matched_upload_id": None,
            "matches": None,
            "answer": None,
            **view,
        }
    )


def requester_view(session: Session, requests: list[TacticalRequest]) -> list[TacticalRequestOut]:
    """The requests with their targets, addressees and how many have answered."""
    ids = [request.id for request in requests]
    targets = _targets_of(session, ids)
    addressed: dict[int, list[int]] = collections.defaultdict(list)
    query = select(TacticalAddressee).where(TacticalAddressee.request_id.in_(ids))
    for row in session.scalars(query.order_by(TacticalAddressee.organisation_id)):
        addressed[row.request_id].append(row.organisation_id)
    answered = {
        int(request_id): int(count)
        for request_id, count in session.execute(
            select(TacticalAnswer.request_id, func.count())
            .where(TacticalAnswer.request_id.in_(ids))
            .group_by(TacticalAnswer.request_id)
        )
    }
    return [
        _out(
            request,
            len(targets[request.id]),
            targets=[TargetOut(kind=TargetKind(k), pseudonym=p) for k, p in targets[request.id]],
            addressed_organisation_ids=addressed[request.id],
            answer_count=answered.get(request.id, 0),
        )
        for request in requests
    ]


def institution_view(
    session: Session, organisation_id: int, requests: list[TacticalRequest]
) -> list[TacticalRequestOut]:
    """The requests addressed to an institution, each with the targets its own current upload
    holds (when made under the request's key) and its own answer."""
    ids = [request.id for request in requests]
    targets = _targets_of(session, ids)
    upload = session.scalar(
        select(TokenUpload)
        .where(TokenUpload.organisation_id == organisation_id, TokenUpload.replaced_at.is_(None))
        .order_by(TokenUpload.id.desc())
        .limit(1)
    )
    stored = None if upload is None else session.get(TokenFile, upload.id)
    # Tokens under another key than the request's cannot match (a rotation since either).
    matchable = {
        r.id
        for r in requests
        if upload is not None and stored is not None and r.key_fingerprint == upload.key_fingerprint
    }
    wanted = {pseudonym for i in matchable for _, pseudonym in targets[i]}
    held = holdings(stored.data, wanted) if stored is not None else {}
    own = answers_out(session, ids, organisation_id)
    return [
        _out(
            request,
            len(targets[request.id]),
            matched_upload_id=upload.id if upload is not None and request.id in matchable else None,
            matches=matches_of(targets[request.id], held) if request.id in matchable else [],
            answer=own[request.id][0] if own[request.id] else None,
        )
        for request in requests
    ]


def answer_request(
    session: Session, actor: Actor, request: TacticalRequest, body: NewTacticalAnswer
) -> TacticalAnswerOut:
    """Store the institution's answer, replacing its earlier one (audited); the linked reports
    must be its own (NoSuchObject otherwise, as for a missing one)."""
    assert actor.organisation_id is not None and actor.user_id is not None
    report_ids = sorted(set(body.report_ids))
    own = set(
        session.scalars(
            select(Report.id).where(
                Report.id.in_(report_ids), Report.organisation_id == actor.organisation_id
            )
        )
    )
    for report_id in report_ids:
        if report_id not in own:
            raise NoSuchObject(f"no report {report_id} of your organisation")
    answer = session.scalar(
        select(TacticalAnswer).where(
            TacticalAnswer.request_id == request.id,
            TacticalAnswer.organisation_id == actor.organisation_id,
        )
    )
    now, replaced = utc_now(), None
    if answer is None:
        answer = TacticalAnswer(
            request_id=request.id,
            organisation_id=actor.organisation_id,
            first_answered_at=now,
        )
        session.add(answer)
    else:
        replaced = answer.status
        session.execute(
            delete(TacticalAnswerReport).where(TacticalAnswerReport.answer_id == answer.id)
        )
    answer.answered_by, answer.status, answer.note = actor.user_id, body.status.value, body.note
    answer.answered_at = now
    session.flush()
    session.add_all(TacticalAnswerReport(answer_id=answer.id, report_id=r) for r in report_ids)
    session.flush()
    detail = {
        "request_id": request.id,
        "status": answer.status,
        "report_ids": report_ids,
        "replaces": replaced,
    }
    record(session, actor, "answer_tactical_request", "tactical_answer", answer.id, detail)
    return answers_out(session, [request.id], actor.organisation_id)[request.id][0]
