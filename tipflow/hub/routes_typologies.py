"""Typology publication: the FIU publishes versions of the partnership's typology set (tipflow
YAML, checked by the detection library's own schema and registry); members download them and
screen with them (``tipflow screen --typologies``), rate each typology and report what it
raised; the FIU and supervisors read how well each one works.

Supervisors may read the published sets (they oversee whether institutions screen with current
typologies) but neither rate nor report hits. NGOs get nothing here: they do not screen, and
thresholds and weights are detection logic, shared with those who use it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from tipflow.hub.audit import record
from tipflow.hub.auth import GUARDED, DbSession, Principal, allow, refusals
from tipflow.hub.db import read_only
from tipflow.hub.models_typologies import TypologyVersion, TypologyVersionItem
from tipflow.hub.routes_reports import raw_body
from tipflow.hub.schemas import MAX_ID, NO_NUL, IdPath, TypologyEffectiveness
from tipflow.hub.schemas_typologies import (
    DEFAULT_FILENAME,
    FILENAME_PATTERN,
    INDICATOR_ID_PATTERN,
    MAX_SET_BYTES,
    TYPOLOGY_ID_PATTERN,
    NewTypologyHits,
    NewTypologyRating,
    PublishedOut,
    TypologyHitsOut,
    TypologyRatingOut,
    TypologySetUpload,
    TypologyVersionOut,
)
from tipflow.hub.typology_effectiveness import typology_effectiveness
from tipflow.hub.typology_sets import (
    TypologyRefused,
    find_version,
    publish,
    rate,
    read_upload,
    report_hits,
    version_out,
)
from tipflow.hub.vocabulary import OrgType, TypologyItemKind

router = APIRouter(tags=["typologies"], responses=GUARDED)
Fiu = Annotated[Principal, Depends(allow(OrgType.FIU))]
Reporter = Annotated[Principal, Depends(allow(OrgType.REPORTING_ENTITY))]
Reader = Annotated[
    Principal,
    Depends(
        allow(OrgType.REPORTING_ENTITY, OrgType.FIU, OrgType.LAW_ENFORCEMENT, OrgType.SUPERVISOR)
    ),
]
Overseer = Annotated[Principal, Depends(allow(OrgType.FIU, OrgType.SUPERVISOR))]
TypologyQuery = Annotated[str | None, Query(max_length=64, pattern=TYPOLOGY_ID_PATTERN)]
_YAML = "application/yaml"
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            _YAML: {"schema": {"type": "string"}},
            "application/json": {"schema": TypologySetUpload.model_json_schema()},
        },
    }
}
_SAME_AS_NEWEST: dict[int | str, dict[str, Any]] = {
    200: {"description": "The same document as the newest version: that version."}
}
_REPLACED: dict[int | str, dict[str, Any]] = {200: {"description": "Replaced the earlier one."}}


def _refused(exc: TypologyRefused) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc))


def _version(session: Session, number: int) -> TypologyVersion:
    found = find_version(session, number)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no typology set version {number}")
    return found


@router.post(
    "/typologies",
    operation_id="publish_typology_set",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_BODY,
    responses={**_SAME_AS_NEWEST, **refusals(413, 422)},
)
def publish_typology_set(
    raw: Annotated[bytes, Depends(raw_body)],
    request: Request,
    principal: Fiu,
    session: DbSession,
    response: Response,
    title: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
    note: Annotated[str, Query(max_length=2000, pattern=NO_NUL)] = "",
    filename: Annotated[str, Query(max_length=100, pattern=FILENAME_PATTERN)] = DEFAULT_FILENAME,
) -> PublishedOut:
    """Publish a typology set as the next version. The body is the YAML (``title``, ``note``
    on what changed and ``filename`` in the query), or JSON (``yaml``, ``title``, ``note``,
    ``filename``). It must pass the library's schema and registry checks: 422 names the file
    and the first problem. The same document as the newest version answers 200 with it."""
    if len(raw) > MAX_SET_BYTES:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"over {MAX_SET_BYTES:,} bytes")
    content_type = request.headers.get("content-type", "")
    try:
        upload = read_upload(raw, content_type, title, note, filename)
        version, created = publish(session, principal, upload)
    except TypologyRefused as exc:
        raise _refused(exc) from exc
    if not created:
        response.status_code = status.HTTP_200_OK
    return PublishedOut(**version_out(version).model_dump(), created=created)


@router.get("/typologies", operation_id="list_typology_sets")
def list_typology_sets(
    principal: Reader,
    session: DbSession,
    typology: TypologyQuery = None,
    indicator: Annotated[str | None, Query(max_length=64, pattern=INDICATOR_ID_PATTERN)] = None,
) -> list[TypologyVersionOut]:
    """Every published version, newest first; with ``typology`` or ``indicator``, the versions
    that hold that id."""
    read_only(session)  # no audit row, so no write transaction (nor SQLite's write lock)
    query = select(TypologyVersion).order_by(TypologyVersion.version.desc())
    for kind, item_id in (
        (TypologyItemKind.TYPOLOGY, typology),
        (TypologyItemKind.INDICATOR, indicator),
    ):
        if item_id is not None:
            holding = select(TypologyVersionItem.version_id).where(
                TypologyVersionItem.kind == kind.value, TypologyVersionItem.item_id == item_id
            )
            query = query.where(TypologyVersion.id.in_(holding))
    versions = [version_out(version) for version in session.scalars(query)]
    session.rollback()
    return versions


# Before /typologies/{version}, which would otherwise take "effectiveness" for a version.
@router.get("/typologies/effectiveness", operation_id="read_typology_effectiveness")
def read_typology_effectiveness(
    principal: Overseer,
    session: DbSession,
    version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    typology: TypologyQuery = None,
) -> list[TypologyEffectiveness]:
    """Per version, typology and month: members' ratings, alerts, reports filed, false
    positives, conversion rate, and what came of the linked reports (disclosed, outcomes)."""
    rows = typology_effectiveness(session, version, typology)
    detail = {"version": version, "typology_id": typology, "rows": len(rows)}
    record(session, principal.actor, "read_typology_effectiveness", "typology_set", None, detail)
    session.commit()
    return rows


@router.get("/typologies/{version}", operation_id="read_typology_set", responses=refusals(404))
def read_typology_set(version: IdPath, principal: Reader, session: DbSession) -> TypologyVersionOut:
    """One published version: title, note, SHA-256, typology and indicator ids."""
    read_only(session)  # no audit row, so no write transaction (nor SQLite's write lock)
    found = version_out(_version(session, version))
    session.rollback()
    return found


@router.get(
    "/typologies/{version}/download",
    operation_id="download_typology_set",
    response_class=Response,
    responses={
        200: {"content": {_YAML: {}}, "description": "The YAML exactly as published."},
        **refusals(404),
    },
)
def download_typology_set(version: IdPath, principal: Reader, session: DbSession) -> Response:
    """The published YAML, byte for byte (its SHA-256 is the version's), to screen with:
    ``tipflow screen DATASET --typologies FILE``. Audited: the FIU sees who took which
    version."""
    found = _version(session, version)
    document, filename = found.document, found.filename
    record(
        session,
        principal.actor,
        "download_typology_set",
        "typology_set",
        version,
        {"sha256": found.sha256},
    )
    session.commit()
    return Response(
        document,
        media_type=_YAML,
        headers={"Content-Disposition": f'attachment; filename="v{version}-{filename}"'},
    )


@router.post(
    "/typologies/{version}/ratings",
    operation_id="rate_typology",
    status_code=status.HTTP_201_CREATED,
    responses={**_REPLACED, **refusals(404, 422)},
)
def rate_typology(
    version: IdPath,
    body: NewTypologyRating,
    principal: Reporter,
    session: DbSession,
    response: Response,
) -> TypologyRatingOut:
    """How useful one typology of a version is to the caller's institution (1-5), with a note.
    One rating per institution, typology and version: rating again replaces it (200)."""
    try:
        rating, before = rate(session, principal, _version(session, version), body)
    except TypologyRefused as exc:
        raise _refused(exc) from exc
    if before is not None:
        response.status_code = status.HTTP_200_OK
    return TypologyRatingOut(
        id=rating.id,
        version=version,
        typology_id=rating.typology_id,
        organisation_id=rating.organisation_id,
        usefulness=rating.usefulness,
        note=rating.note,
        rated_at=rating.rated_at,
        replaced=before is not None,
    )


@router.post(
    "/typologies/{version}/hits",
    operation_id="report_typology_hits",
    status_code=status.HTTP_201_CREATED,
    responses={**_REPLACED, **refusals(404, 422)},
)
def report_typology_hits(
    version: IdPath,
    body: NewTypologyHits,
    principal: Reporter,
    session: DbSession,
    response: Response,
) -> TypologyHitsOut:
    """What one typology of a version raised at the caller's institution in one month: alerts,
    reports (STRs) filed from them (optionally which of its reports at the hub), and false
    positives found on review. The same typology and month again replaces the figures (200)."""
    try:
        hits, replaced = report_hits(session, principal, _version(session, version), body)
    except TypologyRefused as exc:
        raise _refused(exc) from exc
    if replaced:
        response.status_code = status.HTTP_200_OK
    return TypologyHitsOut(
        id=hits.id,
        version=version,
        typology_id=hits.typology_id,
        organisation_id=hits.organisation_id,
        month=hits.month,
        alerts=hits.alerts,
        reports_filed=hits.reports_filed,
        false_positives=hits.false_positives,
        report_ids=[link.report_id for link in hits.reports],
        reported_at=hits.reported_at,
        replaced=replaced,
    )
