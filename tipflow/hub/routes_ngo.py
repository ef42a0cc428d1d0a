"""NGO case data points: anonymised finance data points from survivors' cases, with the
survivor's consent, sealed at rest, deleted on request with a receipt; and their counts.

Who sees what: the NGO that submitted a data point reads and deletes it; the FIU reads every one
(each read audited); everyone in the partnership reads the counts, with small cells suppressed.
Law enforcement reads no single data point here: what reaches it goes through the FIU.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select

from tipflow.hub.audit import record
from tipflow.hub.auth import GUARDED, Authenticated, DbSession, Principal, State, allow, refusals
from tipflow.hub.models import NgoDataPoint
from tipflow.hub.ngo_points import (
    data_point_out,
    delete_data_point,
    deletion_receipts,
    store_data_point,
    summarise,
)
from tipflow.hub.schemas import IdPath
from tipflow.hub.schemas_ngo import (
    DataPointCreated,
    DataPointOut,
    DataPointSummary,
    DeletionReceipt,
    NewDataPoint,
)
from tipflow.hub.tokens_store import partnership_fingerprint
from tipflow.hub.vocabulary import OrgType

router = APIRouter(prefix="/ngo", tags=["ngo data points"], responses=GUARDED)
Ngo = Annotated[Principal, Depends(allow(OrgType.NGO))]
NgoOrFiu = Annotated[Principal, Depends(allow(OrgType.NGO, OrgType.FIU))]
NgoFiuOrSupervisor = Annotated[
    Principal, Depends(allow(OrgType.NGO, OrgType.FIU, OrgType.SUPERVISOR))
]


@router.post(
    "/data-points",
    operation_id="submit_ngo_data_point",
    status_code=status.HTTP_201_CREATED,
    responses=refusals(422),
)
def submit_ngo_data_point(
    body: NewDataPoint, principal: Ngo, session: DbSession, state: State
) -> DataPointCreated:
    """One case's finance data points. Keep ``receipt_salt``: with the body it recomputes
    ``content_sha256``, which a deletion receipt quotes."""
    if body.identifiers:
        expected = partnership_fingerprint(session)
        if body.key_fingerprint != expected:
            session.rollback()
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                "identifiers: made with another key than the partnership's"
                if expected
                else "identifiers: the partnership has no key yet (the FIU sets it)",
            )
    row = store_data_point(session, principal.actor, state.sealer, body)
    session.commit()
    return DataPointCreated(
        id=row.id, content_sha256=row.content_sha256, receipt_salt=row.receipt_salt
    )


def _visible(session: DbSession, principal: Principal, point_id: int) -> NgoDataPoint:
    row = session.get(NgoDataPoint, point_id)
    mine = row is not None and row.organisation_id == principal.organisation_id
    if row is None or not (mine or principal.org_type is OrgType.FIU):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such data point")
    return row


@router.get("/data-points", operation_id="list_ngo_data_points")
def list_ngo_data_points(
    principal: NgoOrFiu,
    session: DbSession,
    state: State,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    after_id: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> list[DataPointOut]:
    """The caller's own data points (an NGO) or every one (the FIU), by id, ``limit`` after
    ``after_id``."""
    query = select(NgoDataPoint).where(NgoDataPoint.id > after_id)
    if principal.org_type is OrgType.NGO:
        query = query.where(NgoDataPoint.organisation_id == principal.organisation_id)
    rows = list(session.scalars(query.order_by(NgoDataPoint.id).limit(limit)))
    points = [data_point_out(row, state.sealer) for row in rows]
    detail = {"count": len(points), "ids": [row.id for row in rows][:50]}
    record(session, principal.actor, "list_ngo_data_points", "ngo_data_point", None, detail)
    session.commit()
    return points


@router.get("/data-points/{point_id}", operation_id="read_ngo_data_point", responses=refusals(404))
def read_ngo_data_point(
    point_id: IdPath, principal: NgoOrFiu, session: DbSession, state: State
) -> DataPointOut:
    """One data point: its NGO's own, or any for the FIU."""
    row = _visible(session, principal, point_id)
    point = data_point_out(row, state.sealer)
    record(session, principal.actor, "read_ngo_data_point", "ngo_data_point", row.id)
    session.commit()
    return point


@router.delete(
    "/data-points/{point_id}", operation_id="delete_ngo_data_point", responses=refusals(404)
)
def delete_ngo_data_point(point_id: IdPath, principal: Ngo, session: DbSession) -> DeletionReceipt:
    """Delete a data point for good (the survivor asked): only the NGO that submitted it. The
    receipt is the audit chain's entry recording the deletion."""
    row = _visible(session, principal, point_id)
    return delete_data_point(session, principal.actor, row)


@router.get("/deletions", operation_id="list_ngo_deletions")
def list_ngo_deletions(principal: NgoFiuOrSupervisor, session: DbSession) -> list[DeletionReceipt]:
    """Deletion receipts from the audit chain: an NGO's own; every one for the FIU and the
    supervisor (who can verify the chain they sit in)."""
    own = principal.organisation_id if principal.org_type is OrgType.NGO else None
    receipts = deletion_receipts(session, own)
    session.rollback()
    return receipts


@router.get("/summary", operation_id="read_ngo_summary")
def read_ngo_summary(
    principal: Authenticated, session: DbSession, state: State
) -> DataPointSummary:
    """Counts across every NGO's data points (crime, exploitation, payment channels, wage
    arrangements, account control, corridors, years); counts below the hub's ``ngo_min_cell``
    are suppressed, and where a total would reveal a lone suppressed count, the next smallest."""
    summary = summarise(session, state.settings.ngo_min_cell)
    session.rollback()
    return summary
