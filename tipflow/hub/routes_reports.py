"""Submitting reports (goAML XML or JSON) and reading the reports the caller may see."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status

from tipflow.errors import DatasetError
from tipflow.hub.auth import GUARDED, DbSession, Principal, State, allow, refusals
from tipflow.hub.intake import (
    IntakeRefused,
    ParsedReport,
    parse_goaml_bytes,
    parse_json_report,
    store_report,
)
from tipflow.hub.schemas import IdPath, IntakeOut, JsonReport, ReportDetail, ReportOut
from tipflow.hub.views import read_report, read_reports, report_out
from tipflow.hub.vocabulary import OrgType, ReportFormat

router = APIRouter(tags=["reports"], responses=GUARDED)
Reporter = Annotated[Principal, Depends(allow(OrgType.REPORTING_ENTITY))]
#: Who may read reports (each only those it may see; the hub's web pages apply the same rule).
READERS = allow(OrgType.REPORTING_ENTITY, OrgType.FIU, OrgType.LAW_ENFORCEMENT)
Reader = Annotated[Principal, Depends(READERS)]
_ALREADY_STORED: dict[int | str, dict[str, Any]] = {
    200: {"description": "Already stored: the existing report's id."}
}
_XML_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
    }
}


async def raw_body(request: Request, state: State) -> bytes:
    """The raw request body, refused when over the configured size."""
    limit = state.settings.max_report_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"over {limit:,} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"over {limit:,} bytes")
    return bytes(data)


def _stored(
    session: DbSession,
    principal: Principal,
    fmt: ReportFormat,
    raw: bytes,
    parsed: ParsedReport,
    response: Response,
) -> IntakeOut:
    report, created = store_report(session, principal.actor, fmt, raw, parsed)
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return IntakeOut(
        id=report.id,
        created=created,
        sha256=report.sha256,
        entity_reference=report.entity_reference,
    )


@router.post(
    "/reports/goaml",
    operation_id="submit_goaml_report",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=_XML_BODY,
    responses={**_ALREADY_STORED, **refusals(413, 422)},
)
def submit_goaml_report(
    raw: Annotated[bytes, Depends(raw_body)],
    principal: Reporter,
    session: DbSession,
    response: Response,
) -> IntakeOut:
    """A goAML XML report (the body). 201 when stored, 200 when the same bytes or the same
    entity_reference were stored before; 422 when the XML is refused (DTDs, entities, bombs,
    not goAML)."""
    try:
        parsed = parse_goaml_bytes(raw)
    except DatasetError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.problem) from exc
    except IntakeRefused as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    return _stored(session, principal, ReportFormat.GOAML, raw, parsed, response)


@router.post(
    "/reports/json",
    operation_id="submit_json_report",
    status_code=status.HTTP_201_CREATED,
    responses=_ALREADY_STORED,
)
def submit_json_report(
    body: JsonReport, principal: Reporter, session: DbSession, response: Response
) -> IntakeOut:
    """A report in the hub's JSON schema; stored once like goAML reports."""
    raw, parsed = parse_json_report(body)
    return _stored(session, principal, ReportFormat.JSON, raw, parsed, response)


@router.get("/reports", operation_id="list_reports")
def list_reports(principal: Reader, session: DbSession) -> list[ReportOut]:
    """The reports the caller may see (own, disclosed to them, or all for the FIU)."""
    return [report_out(report) for report in read_reports(session, principal)]


@router.get("/reports/{report_id}", operation_id="read_report", responses=refusals(404))
def read_one_report(report_id: IdPath, principal: Reader, session: DbSession) -> ReportDetail:
    """One report with its parsed content and feedback; every read is audited."""
    found = read_report(session, principal, report_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such report")
    return found[1]
