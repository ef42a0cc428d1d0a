"""The append-only, hash-chained audit log, and its verification.

Each row's hash is SHA-256 over the previous row's hash and this row's content (id, time,
actor, action, object, detail) in a canonical text form; the first row's previous hash is 64
zeros. ``audit_head`` keeps the newest id and hash. Editing a row breaks its hash, deleting or
reordering rows breaks an id sequence or a link, and deleting the newest rows no longer
matches the head. (Whoever can rewrite the whole table and head can forge a new chain: copy
the head's hash to somewhere else, e.g. a daily report, to anchor it.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tipflow.hub.models import AuditEntry, AuditHead, utc_now

GENESIS = "0" * 64
_HEAD_ID = 1
#: PostgreSQL advisory-lock key serialising appends to the chain (any fixed 64-bit number).
_LOCK_KEY = 0x7469_7066_6C6F_77


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    organisation_id: int | None


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    rows: int
    problem: str | None = None
    first_bad_id: int | None = None


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def row_content(entry: AuditEntry) -> str:
    """The canonical text of a row's content (everything but its hashes)."""
    return json.dumps(
        [
            entry.id,
            _iso(entry.at),
            entry.actor_user_id,
            entry.actor_organisation_id,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.detail,
        ],
        separators=(",", ":"),
        ensure_ascii=True,
    )


def chain_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256((prev_hash + "\n" + row_content(entry)).encode("ascii")).hexdigest()


def _lock(session: Session) -> None:
    """Serialise appends until the transaction ends (SQLite: BEGIN IMMEDIATE already does)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def record(
    session: Session,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object = None,
    detail: Mapping[str, object] | None = None,
) -> AuditEntry:
    """Append one row in the caller's transaction (committed with the change it records).

    ``detail`` must hold no personal data: ids, counts, statuses, codes.
    """
    _lock(session)
    head = session.get(AuditHead, _HEAD_ID, with_for_update=True)
    if head is None:
        head = AuditHead(id=_HEAD_ID, last_id=0, last_hash=GENESIS)
        session.add(head)
    entry = AuditEntry(
        id=head.last_id + 1,
        at=utc_now(),
        actor_user_id=actor.user_id,
        actor_organisation_id=actor.organisation_id,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=json.dumps(detail or {}, sort_keys=True, separators=(",", ":"), default=str),
        prev_hash=head.last_hash,
    )
    entry.row_hash = chain_hash(head.last_hash, entry)
    head.last_id, head.last_hash = entry.id, entry.row_hash
    session.add(entry)
    session.flush()
    return entry


def verify_chain(session: Session) -> ChainCheck:
    """Check every row in id order against its predecessor, and the last against the head."""
    expected_prev, expected_id, rows = GENESIS, 1, 0
    result = session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()
    for entry in result:
        if entry.id != expected_id:
            return ChainCheck(
                False, rows, f"audit row {expected_id} is missing (next is {entry.id})", entry.id
            )
        if entry.prev_hash != expected_prev:
            return ChainCheck(
                False, rows, f"audit row {entry.id} does not follow row {entry.id - 1}", entry.id
            )
        if entry.row_hash != chain_hash(expected_prev, entry):
            return ChainCheck(
                False, rows, f"audit row {entry.id} was changed after it was written", entry.id
            )
        expected_prev, expected_id, rows = entry.row_hash, entry.id + 1, rows + 1
    head = session.get(AuditHead, _HEAD_ID)
    last_id, last_hash = (0, GENESIS) if head is None else (head.last_id, head.last_hash)
    if (last_id, last_hash) != (rows, expected_prev):
        return ChainCheck(
            False,
            rows,
            f"the audit log ends at row {rows} but its head records row {last_id}: "
            "rows were removed from the end, or the head was changed",
            rows + 1,
        )
    return ChainCheck(True, rows)
