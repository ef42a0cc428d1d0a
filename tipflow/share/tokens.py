"""``make_tokens``: an institution's pseudonymised identifiers, ready to share with a hub.

The dataset is read with tipflow's own reader into a scratch workspace, so identifiers are
normalised exactly as screening normalises them (``identifiers.py``). Every identifier becomes
``HMAC-SHA256(token key, kind + ":" + value)`` (hex); every name a keyed Bloom filter
(``bloom.py``, base64). Records are accounts, named by an opaque ``record_id``: an HMAC of the
account id under a salt that never leaves the institution, so not even a partner holding the
key can recompute it. Written to ``out``:

- ``tokens.parquet`` and ``manifest.json``: what may be shared;
- ``local/``: the lookup record_id → account_id and the salt; never uploaded.

A counterparty account is tokenised with the ``account_number`` prefix, so bank A's token for
"the account my customer paid" equals bank B's token for its own account: that equality is the
money link across institutions.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

import tipflow
from tipflow.engine.duckdb import connect
from tipflow.errors import ConfigError
from tipflow.ingest.pipeline import IngestOptions, load_dataset
from tipflow.share.bloom import ClkEncoder, to_base64
from tipflow.share.identifiers import counterparties_sql, identifiers_sql, names_sql, prepare
from tipflow.share.keys import (
    MIN_KEY_BYTES,
    derive_key,
    hmac_hex,
    identifier_token,
    key_fingerprint,
)
from tipflow.share.local import read_or_create_salt, write_local

TOKENS_FILE = "tokens.parquet"
MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1

TOKEN_SCHEMA = pa.schema(
    [
        ("record_id", pa.string()),
        ("institution_id", pa.string()),
        ("kind", pa.string()),
        ("token", pa.string()),  # hex HMAC-SHA256; null for names
        ("clk", pa.string()),  # base64 Bloom filter; names only
        ("direction", pa.string()),  # counterparty only: 'out' (paid) or 'in' (paid by)
        ("transfers", pa.int64()),  # counterparty only
        ("amount_total", pa.float64()),  # counterparty only, whole currency units
        ("amount_bucket", pa.int8()),  # counterparty only: floor(log10(amount_total))
        ("flagged", pa.bool_()),  # the institution's own screening alerted the account
    ]
)


@dataclass(frozen=True)
class TokenSummary:
    out: Path
    institutions: tuple[str, ...]
    records: int
    counts: dict[str, int]
    key_fingerprint: str
    lookup: Path
    manifest: dict[str, Any] = field(default_factory=dict)


def make_tokens(
    dataset: Path,
    key: bytes,
    out: Path,
    *,
    flagged: Collection[str] = (),
    record_salt: bytes | None = None,
    options: IngestOptions | None = None,
) -> TokenSummary:
    """Tokenise ``dataset`` under the partnership ``key`` into ``out`` (see the module doc).

    ``flagged``: account ids the institution's own screening alerted (marked, not revealed).
    ``record_salt``: the local salt of the record ids; default: ``out/local/record-salt.key``,
    created on the first run, so record ids stay stable between runs.
    """
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError(f"the partnership key has {len(key)} bytes; at least 32 are needed")
    out.mkdir(parents=True, exist_ok=True)
    salt = record_salt if record_salt is not None else read_or_create_salt(out)
    with tempfile.TemporaryDirectory(prefix="tipflow-tokens-") as scratch:
        workspace = Path(scratch) / "workspace.duckdb"
        load_dataset(dataset, workspace, options)
        con = connect(workspace)
        try:
            prepare(con)
            identifiers = con.execute(identifiers_sql()).fetchall()
            counterparties = con.execute(counterparties_sql()).fetchall()
            names = con.execute(names_sql()).fetchall()
        finally:
            con.close()
    flagged_ids = set(flagged)
    token_key = derive_key(key, "token")
    encoder = ClkEncoder(key)
    record_ids: dict[tuple[str, str], str] = {}

    def record(account_id: str, institution_id: str) -> str:
        found = record_ids.get((account_id, institution_id))
        if found is None:
            found = hmac_hex(salt, f"{institution_id}:{account_id}")[:32]
            record_ids[(account_id, institution_id)] = found
        return found

    rows: list[dict[str, Any]] = []
    for account_id, institution_id, kind, value in identifiers:
        rows.append(
            _row(
                record(account_id, institution_id), institution_id, kind, account_id in flagged_ids
            )
            | {"token": identifier_token(token_key, kind, value)}
        )
    for account_id, institution_id, value, direction, transfers, amount in counterparties:
        rows.append(
            _row(
                record(account_id, institution_id),
                institution_id,
                "counterparty",
                account_id in flagged_ids,
            )
            | {
                # the account_number prefix makes it equal the other bank's own token
                "token": identifier_token(token_key, "account_number", value),
                "direction": direction,
                "transfers": int(transfers),
                "amount_total": round(float(amount)),
                "amount_bucket": math.floor(math.log10(amount)) if amount >= 1 else 0,
            }
        )
    for account_id, institution_id, name in names:
        clk = encoder.encode(name)
        if clk.any():
            rows.append(
                _row(
                    record(account_id, institution_id),
                    institution_id,
                    "name",
                    account_id in flagged_ids,
                )
                | {"clk": to_base64(clk)}
            )
    table = pa.Table.from_pylist(rows, schema=TOKEN_SCHEMA).sort_by(
        [
            ("institution_id", "ascending"),
            ("record_id", "ascending"),
            ("kind", "ascending"),
            ("token", "ascending"),
            ("clk", "ascending"),
            ("direction", "ascending"),
        ]
    )
    pq.write_table(table, out / TOKENS_FILE)
    counts = _counts(table)
    institutions = tuple(sorted({inst for _, inst in record_ids}))
    manifest = {
        "format": "tipflow-share-tokens",
        "format_version": FORMAT_VERSION,
        "tipflow_version": tipflow.__version__,
        "institutions": list(institutions),
        "records": len(record_ids),
        "flagged_records": len({r for (a, _), r in record_ids.items() if a in flagged_ids}),
        "counts": counts,
        "key_fingerprint": key_fingerprint(key),
        "token": "hex HMAC-SHA256(derived token key, kind ':' normalised value)",
        "clk": {"bits": encoder.bits, "hashes": encoder.hashes, "grams": 2},
    }
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    lookup = write_local(out, [(r, inst, acc) for (acc, inst), r in record_ids.items()])
    return TokenSummary(
        out, institutions, len(record_ids), counts, key_fingerprint(key), lookup, manifest
    )


def _row(record_id: str, institution_id: str, kind: str, flagged: bool) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "institution_id": institution_id,
        "kind": kind,
        "flagged": flagged,
    }


def _counts(table: pa.Table) -> dict[str, int]:
    kinds = table.column("kind").to_pylist()
    return {kind: kinds.count(kind) for kind in sorted(set(kinds))}
