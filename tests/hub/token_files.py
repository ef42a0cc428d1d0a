"""Small token files (the format of ``tipflow share tokens``) made in memory for hub tests."""

from __future__ import annotations

import hashlib
import io

import pyarrow as pa
import pyarrow.parquet as pq

from tipflow.share.keys import key_fingerprint
from tipflow.share.tokens import TOKEN_SCHEMA

KEY = bytes(range(32))
FINGERPRINT = key_fingerprint(KEY)


def _hex(text: str, length: int = 64) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def token_file(institution: str, phones: dict[str, str], *, flagged: bool = True) -> bytes:
    """One record per key of ``phones`` (record name → phone), each with its phone's token."""
    rows = [
        {
            "record_id": _hex(f"{institution}:{name}", 32),
            "institution_id": institution,
            "kind": "phone",
            "token": _hex(f"phone:{phone}"),
            "flagged": flagged,
        }
        for name, phone in phones.items()
    ]
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=TOKEN_SCHEMA), sink)
    return sink.getvalue()


def upload_path(records: int, fingerprint: str = FINGERPRINT) -> str:
    return f"/tokens/uploads?key_fingerprint={fingerprint}&records={records}&format_version=1"
