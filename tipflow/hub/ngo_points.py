"""NGO case data points: storing one (countable fields as columns, the sensitive ones sealed),
reading it back, deleting it with a receipt, and counting them with small cells suppressed.

Deletion is for good: the row, and with it the sealed fields and the receipt salt, is gone; the
audit chain keeps one entry quoting the content's salted hash, which proves the deletion (its
place in the chain cannot be removed unnoticed) without keeping anything of the content. Only
the NGO holds the salt, so nobody else can test a guess of the content against that hash.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipflow.hub.audit import Actor, record
from tipflow.hub.models import AuditEntry, NgoDataPoint
from tipflow.hub.schemas_ngo import (
    SEALED_FIELDS,
    Cell,
    DataPointOut,
    DataPointSummary,
    DeletionReceipt,
    NewDataPoint,
)
from tipflow.hub.sealing import Sealer

#: The list-valued fields, kept together as one JSON column.
LIST_FIELDS = (
    "exploitation",
    "transit_countries",
    "payment_channels",
    "wage_arrangements",
    "indicator_ids",
)
DELETE_ACTION = "delete_ngo_data_point"


def content_sha256(salt_hex: str, body: NewDataPoint) -> str:
    """SHA-256 of the salt and the body's canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(bytes.fromhex(salt_hex) + canonical.encode("utf-8")).hexdigest()


def store_data_point(
    session: Session, actor: Actor, sealer: Sealer, body: NewDataPoint
) -> NgoDataPoint:
    """Add the data point and its audit entry (the caller commits)."""
    assert actor.organisation_id is not None and actor.user_id is not None
    values = body.model_dump(mode="json")
    salt = secrets.token_hex(16)
    row = NgoDataPoint(
        organisation_id=actor.organisation_id,
        submitted_by=actor.user_id,
        consent_basis=body.consent.basis.value,
        consent_scope=body.consent.scope.value,
        consent_recorded_on=body.consent.recorded_on,
        crime=body.crime.value,
        began=body.began,
        age_band=body.age_band.value,
        origin_country=body.origin_country,
        destination_country=body.destination_country,
        sector=body.sector,
        account_control=body.account_control.value,
        documents_held_by_controller=body.documents_held_by_controller,
        lists=json.dumps({field: values[field] for field in LIST_FIELDS}, sort_keys=True),
        sealed=sealer.seal({field: values[field] for field in (*SEALED_FIELDS, "key_fingerprint")}),
        receipt_salt=salt,
        content_sha256=content_sha256(salt, body),
    )
    session.add(row)
    session.flush()
    detail = {"crime": row.crime, "consent_scope": row.consent_scope}
    record(session, actor, "submit_ngo_data_point", "ngo_data_point", row.id, detail)
    return row


def data_point_out(row: NgoDataPoint, sealer: Sealer) -> DataPointOut:
    """The data point as submitted (sealed fields opened), with its id and hash."""
    return DataPointOut.model_validate(
        {
            "id": row.id,
            "organisation_id": row.organisation_id,
            "submitted_at": row.submitted_at,
            "content_sha256": row.content_sha256,
            "consent": {
                "basis": row.consent_basis,
                "scope": row.consent_scope,
                "recorded_on": row.consent_recorded_on,
            },
            "crime": row.crime,
            "began": row.began,
            "age_band": row.age_band,
            "origin_country": row.origin_country,
            "destination_country": row.destination_country,
            "sector": row.sector,
            "account_control": row.account_control,
            "documents_held_by_controller": row.documents_held_by_controller,
            **json.loads(row.lists),
            **sealer.open(row.sealed),
        }
    )


def delete_data_point(session: Session, actor: Actor, row: NgoDataPoint) -> DeletionReceipt:
    """Delete the row for good and record the deletion in the audit chain (commits)."""
    detail = {"content_sha256": row.content_sha256, "organisation_id": row.organisation_id}
    point_id = row.id
    session.delete(row)
    entry = record(session, actor, DELETE_ACTION, "ngo_data_point", point_id, detail)
    session.commit()
    return DeletionReceipt(
        data_point_id=point_id,
        content_sha256=row.content_sha256,
        deleted_at=entry.at,
        audit_entry_id=entry.id,
        audit_row_hash=entry.row_hash,
    )


def _cells(counts: Mapping[str, int], min_cell: int, *, total: int | None) -> list[Cell]:
    """Counts by key, those below ``min_cell`` suppressed. Where every point falls in exactly
    one key (``total`` given), a lone suppressed cell would follow from the total minus the
    others, so the next smallest is suppressed too (secondary suppression)."""
    hidden = {key for key, count in counts.items() if count < min_cell}
    if total is not None and len(hidden) == 1 and len(counts) > 1:
        shown = sorted((count, key) for key, count in counts.items() if key not in hidden)
        hidden.add(shown[0][1])
    return [
        Cell(key=key, count=None if key in hidden else count, suppressed=key in hidden)
        for key, count in sorted(counts.items())
    ]


def summarise(session: Session, min_cell: int) -> DataPointSummary:
    """Counts across every NGO's data points; nothing from the sealed fields."""
    rows = session.execute(
        select(
            NgoDataPoint.crime,
            NgoDataPoint.account_control,
            NgoDataPoint.origin_country,
            NgoDataPoint.destination_country,
            NgoDataPoint.began,
            NgoDataPoint.lists,
        )
    ).all()
    lists = [json.loads(row.lists) for row in rows]

    def single(values: Iterable[str]) -> list[Cell]:
        return _cells(Counter(values), min_cell, total=len(rows))

    def multiple(field: str) -> list[Cell]:
        return _cells(Counter(v for item in lists for v in item[field]), min_cell, total=None)

    return DataPointSummary(
        data_points=len(rows) if len(rows) >= min_cell else None,
        min_cell=min_cell,
        by_crime=single(row.crime for row in rows),
        by_exploitation=multiple("exploitation"),
        by_payment_channel=multiple("payment_channels"),
        by_wage_arrangement=multiple("wage_arrangements"),
        by_account_control=single(row.account_control for row in rows),
        by_corridor=single(f"{row.origin_country}>{row.destination_country}" for row in rows),
        by_year=single(row.began[:4] for row in rows),
    )


def deletion_receipts(session: Session, organisation_id: int | None) -> list[DeletionReceipt]:
    """The audit chain's deletion entries (of one NGO, or all)."""
    query = select(AuditEntry).where(AuditEntry.action == DELETE_ACTION).order_by(AuditEntry.id)
    receipts = []
    for entry in session.scalars(query):
        detail = json.loads(entry.detail)
        if organisation_id is not None and detail.get("organisation_id") != organisation_id:
            continue
        receipts.append(
            DeletionReceipt(
                data_point_id=int(entry.object_id or 0),
                content_sha256=str(detail["content_sha256"]),
                deleted_at=entry.at,
                audit_entry_id=entry.id,
                audit_row_hash=entry.row_hash,
            )
        )
    return receipts
