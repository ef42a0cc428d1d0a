"""Pseudonymised tokens (``tipflow share tokens``) and the cross-institution networks that only
the FIU sees.

- ``POST /tokens/uploads`` (reporting entities): the body is ``tokens.parquet``
  (``application/octet-stream``), the manifest's ``key_fingerprint``, ``format_version`` and
  ``records`` come as query parameters (``tipflow share push`` sends them). 201 when stored,
  200 when the same bytes are already the organisation's newest upload; 422 when the file is
  not pseudonyms only, or was made under another key than the partnership's.
- ``GET /tokens/uploads``: a reporting entity's own uploads; every upload for the FIU.
- ``PUT /tokens/partnership-key`` (FIU admins): set the key fingerprint (key rotation).
- ``GET /fiu/networks`` (FIU): the newest upload of every institution, linked.

Institutions never receive tokens back, their own or others'.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from tipflow.hub.audit import record
from tipflow.hub.auth import GUARDED, DbSession, Principal, allow, refusals
from tipflow.hub.models import TokenUpload
from tipflow.hub.networks import read_networks
from tipflow.hub.routes_reports import raw_body
from tipflow.hub.tokens_store import (
    KeyMismatch,
    TokensRefused,
    read_token_file,
    set_partnership_fingerprint,
    store_upload,
)
from tipflow.hub.vocabulary import OrgType
from tipflow.share.linkage import MAX_SHARED

router = APIRouter(tags=["tokens"], responses=GUARDED)
Reporter = Annotated[Principal, Depends(allow(OrgType.REPORTING_ENTITY))]
#: Who may read the networks (the hub's web pages apply the same rule).
NETWORK_READERS = allow(OrgType.FIU)
Fiu = Annotated[Principal, Depends(NETWORK_READERS)]
FiuAdmin = Annotated[Principal, Depends(allow(OrgType.FIU, admin=True))]
Lister = Annotated[Principal, Depends(allow(OrgType.REPORTING_ENTITY, OrgType.FIU))]
Fingerprint = Annotated[str, Query(pattern=r"^[0-9a-f]{64}$", description="manifest.json's")]
_PARQUET_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


class TokenUploadOut(BaseModel):
    """An upload as the hub records it: counts and pseudonymous institution ids, no tokens."""

    id: int
    organisation_id: int
    created: bool = False
    sha256: str
    key_fingerprint: str
    institutions: list[str]
    records: int
    flagged_records: int
    rows: int
    counts: dict[str, int]
    uploaded_at: dt.datetime
    current: bool


class PartnershipKeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key_fingerprint: str = Field(pattern=r"^[0-9a-f]{64}$")


class PartnershipKeyOut(BaseModel):
    key_fingerprint: str
    previous: str | None


class NetworkMember(BaseModel):
    institution_id: str
    record_id: str


class NetworkOut(BaseModel):
    network_id: str
    size: int
    institutions: list[str]
    organisation_ids: list[int]
    members: list[NetworkMember]
    tie_kinds: dict[str, int]
    flagged_members: int
    name_supported_ties: int


class NetworksOut(BaseModel):
    upload_ids: list[int]
    institutions: list[str]
    records: int
    ties: int
    hub_like_tokens_ignored: int
    networks: list[NetworkOut]


def _upload_out(upload: TokenUpload, created: bool = False) -> TokenUploadOut:
    return TokenUploadOut(
        id=upload.id,
        organisation_id=upload.organisation_id,
        created=created,
        sha256=upload.sha256,
        key_fingerprint=upload.key_fingerprint,
        institutions=json.loads(upload.institutions),
        records=upload.records,
        flagged_records=upload.flagged_records,
        rows=upload.rows,
        counts=json.loads(upload.counts),
        uploaded_at=upload.uploaded_at,
        current=upload.replaced_at is None,
    )


@router.post(
    "/tokens/uploads",
    operation_id="upload_tokens",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_PARQUET_BODY,
    responses={
        200: {"description": "Already the organisation's newest upload."},
        **refusals(413, 422),
    },
)
def upload_tokens(
    data: Annotated[bytes, Depends(raw_body)],
    principal: Reporter,
    session: DbSession,
    response: Response,
    key_fingerprint: Fingerprint,
    records: Annotated[int, Query(ge=1, description="manifest.json's record count")],
    format_version: Annotated[int, Query(ge=1)] = 1,
) -> TokenUploadOut:
    """An institution's tokens.parquet; replaces its earlier uploads."""
    try:
        facts = read_token_file(data, records=records)
        upload, created = store_upload(
            session,
            principal.actor,
            data,
            facts,
            key_fingerprint=key_fingerprint,
            format_version=format_version,
        )
    except KeyMismatch as exc:
        session.rollback()
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    except TokensRefused as exc:
        session.rollback()
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    session.commit()
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return _upload_out(upload, created)


@router.get("/tokens/uploads", operation_id="list_token_uploads")
def list_token_uploads(principal: Lister, session: DbSession) -> list[TokenUploadOut]:
    """Own uploads for a reporting entity; every upload for the FIU (newest first)."""
    query = select(TokenUpload).order_by(TokenUpload.id.desc())
    if principal.org_type is not OrgType.FIU:
        query = query.where(TokenUpload.organisation_id == principal.organisation_id)
    uploads = [_upload_out(upload) for upload in session.scalars(query)]
    detail = {"count": len(uploads)}
    record(session, principal.actor, "list_token_uploads", "token_upload", None, detail)
    session.commit()
    return uploads


@router.put("/tokens/partnership-key", operation_id="set_partnership_key")
def set_partnership_key(
    body: PartnershipKeyIn, principal: FiuAdmin, session: DbSession
) -> PartnershipKeyOut:
    """Set the fingerprint of the partnership key (rotation): later uploads must match it,
    and only uploads under it are linked."""
    before = set_partnership_fingerprint(session, principal.actor, body.key_fingerprint)
    session.commit()
    return PartnershipKeyOut(key_fingerprint=body.key_fingerprint, previous=before)


@router.get("/fiu/networks", operation_id="read_cross_institution_networks")
def read_cross_institution_networks(
    principal: Fiu,
    session: DbSession,
    max_shared: Annotated[int, Query(ge=2, le=1000)] = MAX_SHARED,
) -> NetworksOut:
    """Cross-institution networks over the newest upload of every institution (pseudonyms)."""
    linked = read_networks(session, principal, max_shared)
    result = linked.result
    networks = [
        NetworkOut(
            network_id=n.network_id,
            size=len(n.members),
            institutions=list(n.institutions),
            organisation_ids=sorted({linked.organisation_of[i] for i in n.institutions}),
            members=[NetworkMember(institution_id=i, record_id=r) for i, r in n.members],
            tie_kinds=n.tie_kinds,
            flagged_members=n.flagged_members,
            name_supported_ties=n.name_supported_ties,
        )
        for n in result.networks
    ]
    return NetworksOut(
        upload_ids=[upload.id for upload in linked.uploads],
        institutions=list(result.institutions),
        records=result.records,
        ties=len(result.ties),
        hub_like_tokens_ignored=result.hub_like_tokens,
        networks=networks,
    )
