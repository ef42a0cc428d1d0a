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

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from tipflow.hub.models import AuditEntry, AuditHead, utc_now

GENESIS = "0" * 64
_HEAD_ID = 1
_LOG: Table = AuditEntry.__table__  # type: ignore[assignment]
_HEAD: Table = AuditHead.__table__  # type: ignore[assignment]
# Built once: constructing a statement costs more than running it.
_READ_HEAD = (
    select(_HEAD.c.last_id, _HEAD.c.last_hash).where(_HEAD.c.id == _HEAD_ID).with_for_update()
)
_ROW_COLUMNS = tuple(column.name for column in _LOG.columns)
_INSERT_ROW = insert(_LOG)
_MOVE_HEAD = (
    update(_HEAD)
    .where(_HEAD.c.id == _HEAD_ID)
    .values(last_id=bindparam("new_id"), last_hash=bindparam("new_hash"))
)
#: PostgreSQL: the row and the head's move in one statement (a data-modifying CTE). Text, as
#: SQLAlchemy's insert would pass the row's ``id`` into the CTE's UPDATE as well.
_APPEND_AND_MOVE_HEAD = text(
    f"WITH moved_head AS (UPDATE {_HEAD.name} SET last_id = :new_id, last_hash = :new_hash"
    f" WHERE id = {_HEAD_ID}) INSERT INTO {_LOG.name} ({', '.join(_ROW_COLUMNS)})"
    f" VALUES ({', '.join(':' + column for column in _ROW_COLUMNS)})"
)


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

    Appends are serialised by the head row: ``SELECT ... FOR UPDATE`` locks it on PostgreSQL
    until the caller's transaction ends (SQLite's ``BEGIN IMMEDIATE`` already holds the write
    lock). Plain SQL statements, no ORM unit of work, and on PostgreSQL two round trips (lock
    and read the head; write the row and move the head): this runs on every write, intake
    included, and the lock is held from here to the commit. The returned entry is not
    attached to the session.
    """
    head = session.execute(_READ_HEAD).first()
    if head is None:  # migration 0003 creates it; without it appends could not be serialised
        raise RuntimeError("the audit chain has no head row: run tipflow hub admin migrate")
    last_id, last_hash = int(head[0]), str(head[1])
    entry = AuditEntry(
        id=last_id + 1,
        at=utc_now(),
        actor_user_id=actor.user_id,
        actor_organisation_id=actor.organisation_id,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=json.dumps(detail or {}, sort_keys=True, separators=(",", ":"), default=str),
        prev_hash=last_hash,
    )
    entry.row_hash = chain_hash(last_hash, entry)
    row = {column: getattr(entry, column) for column in _ROW_COLUMNS}
    moved = {"new_id": entry.id, "new_hash": entry.row_hash}
    if session.get_bind().dialect.name == "postgresql":
        session.execute(_APPEND_AND_MOVE_HEAD, {**row, **moved})
    else:
        session.execute(_INSERT_ROW, row)
        session.execute(_MOVE_HEAD, moved)
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
