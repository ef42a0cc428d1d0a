"""Typology sets at the hub: a publication read through the detection library's own schema and
registry and stored as the next version; members' ratings of, and hits from, its typologies.

Each write takes the audit chain's head lock before it reads what it will write, and appends
its audit row in the same transaction.
"""

from __future__ import annotations

import hashlib

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from tipflow.detect.registry import read_typology_set
from tipflow.errors import ConfigError
from tipflow.hub.audit import record
from tipflow.hub.auth import Principal
from tipflow.hub.models import AuditHead, Report, utc_now
from tipflow.hub.models_typologies import (
    TypologyHits,
    TypologyHitsReport,
    TypologyRating,
    TypologyVersion,
    TypologyVersionItem,
)
from tipflow.hub.schemas_typologies import (
    NewTypologyHits,
    NewTypologyRating,
    TypologySetUpload,
    TypologyVersionOut,
)
from tipflow.hub.vocabulary import TypologyItemKind

#: The hub's id columns (typology_version_items, ratings, hits) hold this many characters.
MAX_ID_LENGTH = 64


class TypologyRefused(Exception):
    """Why a publication, rating or hits report cannot be accepted, in one line (a 422)."""


def lock_writes(session: Session) -> None:
    """Take the audit chain's head lock, which the write's audit row takes anyway, before
    reading what to write: two publications (or first ratings) at once would otherwise both
    insert the same version (rating), and one would fail on the unique constraint. SQLite's
    ``BEGIN IMMEDIATE`` already serialises writers (``FOR UPDATE`` is not sent there)."""
    session.execute(select(AuditHead.id).where(AuditHead.id == 1).with_for_update())


def read_upload(
    raw: bytes, content_type: str, title: str, note: str, filename: str
) -> TypologySetUpload:
    """The document and its description: a JSON wrapper, or else a YAML body with the title,
    note and filename given beside it (the query)."""
    try:
        if content_type.split(";")[0].strip().lower() == "application/json":
            return TypologySetUpload.model_validate_json(raw)
        text = raw.decode("utf-8")
        return TypologySetUpload(yaml=text, title=title, note=note, filename=filename)
    except UnicodeDecodeError as exc:
        raise TypologyRefused(f"{filename}: not UTF-8 text") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise TypologyRefused(f"{where}: {first['msg']}") from exc


def publish(
    session: Session, principal: Principal, upload: TypologySetUpload
) -> tuple[TypologyVersion, bool]:
    """Store the set as the next version (committed), or return the newest version when it
    is the same document (``created`` False)."""
    try:
        typology_set = read_typology_set(upload.yaml, upload.filename)
    except ConfigError as exc:
        raise TypologyRefused(str(exc)) from exc
    typologies = sorted(typology.id for typology in typology_set.typologies)
    indicators = sorted(  # its own, and the packaged ones its typologies name
        {indicator.id for indicator in typology_set.indicators}
        | {entry.id for typology in typology_set.typologies for entry in typology.indicators}
    )
    too_long = next((i for i in typologies + indicators if len(i) > MAX_ID_LENGTH), None)
    if too_long is not None:
        raise TypologyRefused(
            f"{upload.filename}: {too_long[:MAX_ID_LENGTH]}...: ids are {MAX_ID_LENGTH} "
            "characters at most"
        )
    document = upload.yaml.encode("utf-8")
    sha256 = hashlib.sha256(document).hexdigest()
    lock_writes(session)
    newest = session.scalar(
        select(TypologyVersion).order_by(TypologyVersion.version.desc()).limit(1)
    )
    if newest is not None and newest.sha256 == sha256:
        return newest, False  # a retry, most likely: no version that changes nothing
    version = TypologyVersion(
        version=1 if newest is None else newest.version + 1,
        organisation_id=principal.organisation_id,
        published_by=principal.user_id,
        title=upload.title,
        note=upload.note,
        filename=upload.filename,
        sha256=sha256,
        document=document,
        items=[_item(TypologyItemKind.TYPOLOGY, i) for i in typologies]
        + [_item(TypologyItemKind.INDICATOR, i) for i in indicators],
    )
    session.add(version)
    session.flush()
    detail = {
        "sha256": sha256,
        "bytes": len(document),
        "typologies": len(typologies),
        "indicators": len(indicators),
    }
    record(
        session, principal.actor, "publish_typology_set", "typology_set", version.version, detail
    )
    session.commit()
    return version, True


def _item(kind: TypologyItemKind, item_id: str) -> TypologyVersionItem:
    return TypologyVersionItem(kind=kind.value, item_id=item_id)


def find_version(session: Session, number: int) -> TypologyVersion | None:
    return session.scalar(select(TypologyVersion).where(TypologyVersion.version == number))


def item_ids(version: TypologyVersion, kind: TypologyItemKind) -> list[str]:
    return [item.item_id for item in version.items if item.kind == kind.value]


def version_out(version: TypologyVersion) -> TypologyVersionOut:
    return TypologyVersionOut(
        version=version.version,
        title=version.title,
        note=version.note,
        filename=version.filename,
        sha256=version.sha256,
        organisation_id=version.organisation_id,
        published_at=version.published_at,
        typologies=item_ids(version, TypologyItemKind.TYPOLOGY),
        indicators=item_ids(version, TypologyItemKind.INDICATOR),
    )


def _typology_in(version: TypologyVersion, typology_id: str) -> None:
    if typology_id not in item_ids(version, TypologyItemKind.TYPOLOGY):
        raise TypologyRefused(f"version {version.version} has no typology {typology_id}")


def rate(
    session: Session, principal: Principal, version: TypologyVersion, body: NewTypologyRating
) -> tuple[TypologyRating, int | None]:
    """The institution's rating of one typology of ``version``, replacing its earlier one
    (committed); the replaced usefulness, or None."""
    _typology_in(version, body.typology_id)
    lock_writes(session)
    rating = session.scalar(
        select(TypologyRating).where(
            TypologyRating.version_id == version.id,
            TypologyRating.organisation_id == principal.organisation_id,
            TypologyRating.typology_id == body.typology_id,
        )
    )
    before = None if rating is None else rating.usefulness
    if rating is None:
        rating = TypologyRating(
            version_id=version.id,
            typology_id=body.typology_id,
            organisation_id=principal.organisation_id,
        )
        session.add(rating)
    rating.rated_by, rating.usefulness, rating.note = principal.user_id, body.usefulness, body.note
    rating.rated_at = utc_now()
    session.flush()
    detail = {
        "version": version.version,
        "typology_id": body.typology_id,
        "usefulness": body.usefulness,
        "before": before,
    }
    record(session, principal.actor, "rate_typology", "typology_rating", rating.id, detail)
    session.commit()
    return rating, before


def _check_hits(body: NewTypologyHits, version: TypologyVersion) -> None:
    """The figures add up, and the month lies between the publication and now."""
    if body.reports_filed + body.false_positives > body.alerts:
        raise TypologyRefused(
            "reports_filed + false_positives cannot exceed alerts (an alert found innocent "
            "is not reported)"
        )
    if len(set(body.report_ids)) > body.reports_filed:
        raise TypologyRefused("more report_ids than reports_filed")
    published_in = version.published_at.strftime("%Y-%m")
    if not published_in <= body.month <= utc_now().strftime("%Y-%m"):
        raise TypologyRefused(
            f"month {body.month}: version {version.version} was published in {published_in}, "
            "and hits are reported for months that have begun"
        )


def report_hits(
    session: Session, principal: Principal, version: TypologyVersion, body: NewTypologyHits
) -> tuple[TypologyHits, bool]:
    """The institution's hits from one typology of ``version`` in one month, replacing figures
    it reported before for that month (committed); whether it replaced them."""
    _typology_in(version, body.typology_id)
    _check_hits(body, version)
    lock_writes(session)
    report_ids = sorted(set(body.report_ids))
    own = select(Report.id).where(
        Report.id.in_(report_ids), Report.organisation_id == principal.organisation_id
    )
    found = set(session.scalars(own)) if report_ids else set()
    missing = [report_id for report_id in report_ids if report_id not in found]
    if missing:  # another institution's report and a missing one: the same answer
        raise TypologyRefused(f"report {missing[0]} is not one of your institution's reports")
    hits = session.scalar(
        select(TypologyHits).where(
            TypologyHits.version_id == version.id,
            TypologyHits.organisation_id == principal.organisation_id,
            TypologyHits.typology_id == body.typology_id,
            TypologyHits.month == body.month,
        )
    )
    replaced = hits is not None
    if hits is None:
        hits = TypologyHits(
            version_id=version.id,
            typology_id=body.typology_id,
            organisation_id=principal.organisation_id,
            month=body.month,
        )
        session.add(hits)
    hits.reported_by, hits.reported_at = principal.user_id, utc_now()
    hits.alerts, hits.reports_filed = body.alerts, body.reports_filed
    hits.false_positives = body.false_positives
    hits.reports = [TypologyHitsReport(report_id=report_id) for report_id in report_ids]
    session.flush()
    detail = {
        "version": version.version,
        **body.model_dump(exclude={"report_ids"}),
        "report_ids": report_ids,
        "replaced": replaced,
    }
    record(session, principal.actor, "report_typology_hits", "typology_hits", hits.id, detail)
    session.commit()
    return hits, replaced
