"""Token uploads at the hub: validated (pseudonyms only, the partnership's key), stored once,
replaced by an institution's next upload, and linked across institutions for the FIU.

A token file is the ``tokens.parquet`` of ``tipflow share tokens``; its manifest's fields come
with it. The hub checks every column against the token format, so that nothing but
pseudonyms (record ids, HMAC tokens, Bloom filters, counts) is stored: a local lookup
(``account_id``) or any extra column is refused.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from tipflow.hub.audit import Actor, record
from tipflow.hub.db import insert_ignoring_conflicts
from tipflow.hub.intake import sha256_hex
from tipflow.hub.models import PartnershipKey, TokenFile, TokenUpload, utc_now
from tipflow.share.linkage import LinkResult, link_tokens
from tipflow.share.tokens import FORMAT_VERSION, MANIFEST_FILE, TOKEN_SCHEMA, TOKENS_FILE

_KEY_ROW = 1
_KEYS: Table = PartnershipKey.__table__  # type: ignore[assignment]
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_INSTITUTION = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
KINDS = frozenset(
    {"account_number", "phone", "email", "address", "device", "ip", "counterparty", "name"}
)


class TokensRefused(Exception):
    """A token file the hub cannot accept; the message says why (no token content in it)."""


class KeyMismatch(TokensRefused):
    """Tokens made under another key than the partnership's: they could link nothing."""


@dataclass(frozen=True)
class TokenFileFacts:
    """What the hub reads from a valid token file (counts and pseudonymous names only)."""

    sha256: str
    institutions: tuple[str, ...]
    records: int
    flagged_records: int
    rows: int
    counts: dict[str, int]


def _distinct(table: pa.Table, column: str) -> set[object]:
    return set(table.column(column).unique().to_pylist())


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise TokensRefused(message)


def read_token_file(data: bytes, *, records: int) -> TokenFileFacts:
    """Check ``data`` is a token file of pseudonyms only and holds ``records`` records."""
    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError) as exc:
        raise TokensRefused("the body is not a Parquet file") from exc
    names = set(table.column_names)
    _check(
        "account_id" not in names,
        "the file has an account_id column: a local lookup must never be uploaded",
    )
    _check(
        names == set(TOKEN_SCHEMA.names),
        f"not a token file: columns must be exactly {', '.join(TOKEN_SCHEMA.names)}",
    )
    try:
        table = table.select(TOKEN_SCHEMA.names).cast(TOKEN_SCHEMA)
    except (pa.ArrowException, ValueError) as exc:
        raise TokensRefused("not a token file: a column has the wrong type") from exc
    _check(table.num_rows > 0, "the token file is empty")
    ids = _distinct(table, "record_id")
    _check(all(isinstance(r, str) and _HEX32.match(r) for r in ids), "a record_id is not 32 hex")
    kinds = _distinct(table, "kind")
    _check(kinds <= KINDS, "unknown identifier kind in the token file")
    institutions = _distinct(table, "institution_id")
    _check(
        all(isinstance(i, str) and _INSTITUTION.match(i) for i in institutions),
        "an institution_id is not a plain identifier",
    )
    for row in table.select(["kind", "token", "clk", "direction"]).to_pylist():
        if row["kind"] == "name":
            clk = row["clk"]
            ok = row["token"] is None and isinstance(clk, str) and bool(_BASE64.match(clk))
        else:
            token = row["token"]
            ok = row["clk"] is None and isinstance(token, str) and bool(_HEX64.match(token))
        ok = ok and row["direction"] in (
            (None, "in", "out") if row["kind"] == "counterparty" else (None,)
        )
        _check(ok, "a token, Bloom filter or direction is not in the token format")
    _check(
        len(ids) == records,
        f"the manifest says {records} records but the file holds {len(ids)}",
    )
    kind_column = table.column("kind").to_pylist()
    flagged = table.filter(table.column("flagged")).column("record_id").unique()
    return TokenFileFacts(
        sha256=sha256_hex(data),
        institutions=tuple(sorted(str(i) for i in institutions)),
        records=len(ids),
        flagged_records=len(flagged),
        rows=table.num_rows,
        counts={kind: kind_column.count(kind) for kind in sorted(set(kind_column))},
    )


def partnership_fingerprint(session: Session) -> str | None:
    row = session.get(PartnershipKey, _KEY_ROW)
    return None if row is None else row.key_fingerprint


def _first_key_or_current(
    session: Session, actor: Actor, fingerprint: str
) -> PartnershipKey | None:
    """Insert ``fingerprint`` as the partnership's first key, or, when a key is set already
    (perhaps by a request at the same moment), the current key's row, locked."""
    assert actor.user_id is not None
    first = insert_ignoring_conflicts(session, _KEYS).returning(_KEYS.c.id)
    values = {"id": _KEY_ROW, "key_fingerprint": fingerprint, "set_by": actor.user_id}
    if session.execute(first, {**values, "set_at": utc_now()}).first() is not None:
        return None
    return session.get(PartnershipKey, _KEY_ROW, with_for_update=True, populate_existing=True)


def set_partnership_fingerprint(session: Session, actor: Actor, fingerprint: str) -> str | None:
    """Set the key fingerprint (the first upload, or an FIU admin rotating the key); returns
    the one before."""
    assert actor.user_id is not None
    row = _first_key_or_current(session, actor, fingerprint)
    before = None if row is None else row.key_fingerprint
    if row is not None:
        row.key_fingerprint, row.set_by, row.set_at = fingerprint, actor.user_id, utc_now()
    _record_key(session, actor, fingerprint, before)
    return before


def _record_key(session: Session, actor: Actor, fingerprint: str, before: str | None) -> None:
    detail = {"fingerprint": fingerprint[:16], "replaces": before[:16] if before else None}
    record(session, actor, "set_partnership_key", "partnership_key", _KEY_ROW, detail)


def current_uploads(session: Session, fingerprint: str | None = None) -> list[TokenUpload]:
    """The newest upload of every organisation (under ``fingerprint`` when given)."""
    query = select(TokenUpload).where(TokenUpload.replaced_at.is_(None))
    if fingerprint is not None:
        query = query.where(TokenUpload.key_fingerprint == fingerprint)
    return list(session.scalars(query.order_by(TokenUpload.organisation_id, TokenUpload.id)))


def _claimed_elsewhere(session: Session, organisation_id: int, institutions: Sequence[str]) -> str:
    for upload in current_uploads(session):
        if upload.organisation_id != organisation_id:
            taken = {str(i) for i in json.loads(upload.institutions)} & set(institutions)
            if taken:
                return str(sorted(taken)[0])
    return ""


def store_upload(
    session: Session,
    actor: Actor,
    data: bytes,
    facts: TokenFileFacts,
    *,
    key_fingerprint: str,
    format_version: int,
) -> tuple[TokenUpload, bool]:
    """The stored upload and whether it is new. The same bytes as the organisation's newest
    upload give that upload back; otherwise the new file replaces the earlier ones. Refused
    (``KeyMismatch``) under another key than the partnership's; the first upload sets it."""
    assert actor.organisation_id is not None and actor.user_id is not None
    _check(format_version == FORMAT_VERSION, f"token format {format_version} is not supported")
    _check(bool(_HEX64.match(key_fingerprint)), "key_fingerprint must be 64 hex characters")
    row = session.get(PartnershipKey, _KEY_ROW, with_for_update=True)
    if row is None:
        # The first upload sets the key, unless another set it at the same moment.
        row = _first_key_or_current(session, actor, key_fingerprint)
        if row is None:
            _record_key(session, actor, key_fingerprint, None)
    if row is not None and row.key_fingerprint != key_fingerprint:
        raise KeyMismatch(
            "these tokens were made under another key than the partnership's "
            f"(fingerprint {key_fingerprint[:16]}…, expected {row.key_fingerprint[:16]}…): "
            "they cannot link with the other members' tokens"
        )
    mine = [u for u in current_uploads(session) if u.organisation_id == actor.organisation_id]
    same = [u for u in mine if u.sha256 == facts.sha256]
    if same:
        return same[-1], False
    taken = _claimed_elsewhere(session, actor.organisation_id, facts.institutions)
    _check(not taken, f"institution id {taken!r} is used by another organisation's tokens")
    now = utc_now()
    for earlier in mine:
        earlier.replaced_at = now
        stored = session.get(TokenFile, earlier.id)
        if stored is not None:
            session.delete(stored)
    upload = TokenUpload(
        organisation_id=actor.organisation_id,
        uploaded_by=actor.user_id,
        sha256=facts.sha256,
        key_fingerprint=key_fingerprint,
        format_version=format_version,
        institutions=json.dumps(list(facts.institutions)),
        records=facts.records,
        flagged_records=facts.flagged_records,
        rows=facts.rows,
        counts=json.dumps(facts.counts, sort_keys=True),
        uploaded_at=now,
    )
    session.add(upload)
    session.flush()
    session.add(TokenFile(upload_id=upload.id, data=data))
    detail = {
        "sha256": facts.sha256,
        "records": facts.records,
        "rows": facts.rows,
        "replaces": [u.id for u in mine],
    }
    record(session, actor, "upload_tokens", "token_upload", upload.id, detail)
    return upload, True


@dataclass(frozen=True)
class Linked:
    result: LinkResult
    uploads: list[TokenUpload]
    #: institution id → the organisation that uploaded it.
    organisation_of: Mapping[str, int]


def link_current(session: Session, *, max_shared: int) -> Linked:
    """Link the newest upload of every organisation under the partnership's key."""
    fingerprint = partnership_fingerprint(session)
    uploads = current_uploads(session, fingerprint) if fingerprint else []
    organisation_of = {
        institution: upload.organisation_id
        for upload in uploads
        for institution in json.loads(upload.institutions)
    }
    if not uploads:
        empty = LinkResult([], [], 0, (), 0, 0, False)
        return Linked(empty, [], organisation_of)
    with tempfile.TemporaryDirectory(prefix="tipflow-hub-link-") as scratch:
        folders = []
        for upload in uploads:
            stored = session.get(TokenFile, upload.id)
            assert stored is not None, "a newest upload keeps its file"
            folder = Path(scratch) / str(upload.id)
            folder.mkdir()
            (folder / TOKENS_FILE).write_bytes(stored.data)
            (folder / MANIFEST_FILE).write_text("{}", encoding="utf-8")
            folders.append(folder)
        result = link_tokens(folders, max_shared=max_shared)
    return Linked(result, uploads, organisation_of)
