"""Oversight: the KPIs (FIU and supervisors) and the audit chain's check (their admins)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from tipflow.hub import kpis
from tipflow.hub.audit import record, verify_chain
from tipflow.hub.auth import GUARDED, DbSession, Principal, allow
from tipflow.hub.schemas import AuditCheckOut, Kpis
from tipflow.hub.vocabulary import OrgType

router = APIRouter(tags=["oversight"], responses=GUARDED)
#: Who may read the KPIs (the hub's web pages apply the same rule).
OVERSEERS = allow(OrgType.FIU, OrgType.SUPERVISOR)
Overseer = Annotated[Principal, Depends(OVERSEERS)]
OverseerAdmin = Annotated[Principal, Depends(allow(OrgType.FIU, OrgType.SUPERVISOR, admin=True))]


@router.get("/kpis", operation_id="read_kpis")
def read_kpis(principal: Overseer, session: DbSession) -> Kpis:
    return kpis.read_kpis(session, principal, "json")


@router.get(
    "/kpis.csv",
    operation_id="read_kpis_csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "metric,key,value rows"}},
)
def read_kpis_csv(principal: Overseer, session: DbSession) -> Response:
    text = kpis.kpis_csv(kpis.read_kpis(session, principal, "csv"))
    return Response(text, media_type="text/csv; charset=utf-8")


@router.get("/audit/verify", operation_id="verify_audit_chain")
def verify_audit_chain(principal: OverseerAdmin, session: DbSession) -> AuditCheckOut:
    """Check the whole audit chain (then record that it was checked)."""
    check = verify_chain(session)
    record(session, principal.actor, "verify_audit_chain", "audit", None, {"ok": check.ok})
    session.commit()
    return AuditCheckOut(
        ok=check.ok, rows=check.rows, problem=check.problem, first_bad_id=check.first_bad_id
    )
