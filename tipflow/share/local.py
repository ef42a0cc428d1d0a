"""The institution's local-only files: the record-id salt and the lookup back to accounts.

``out/local/`` must never be uploaded: with the lookup, a record id names a customer.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

LOCAL_DIR = "local"
LOOKUP_FILE = "lookup.parquet"
SALT_FILE = "record-salt.key"
NOTE = """LOCAL ONLY - NEVER UPLOAD THIS FOLDER.

lookup.parquet maps each record_id in ../tokens.parquet back to the account it stands for, and
record-salt.key is the secret the record ids are made with. With either, a record id that the
hub reports names one of your customers. Share ../tokens.parquet and ../manifest.json only;
keep this folder where your customer data is kept.
"""


def local_dir(out: Path) -> Path:
    return out / LOCAL_DIR


def read_or_create_salt(out: Path) -> bytes:
    """The salt of the record ids: created once (32 random bytes, mode 0600), then reused."""
    folder = local_dir(out)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SALT_FILE
    if path.exists():
        return path.read_bytes()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    salt = secrets.token_bytes(32)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(salt)
    return salt


def write_local(out: Path, lookup: list[tuple[str, str, str]]) -> Path:
    """``local/lookup.parquet`` (record_id, institution_id, account_id) and the note."""
    folder = local_dir(out)
    folder.mkdir(parents=True, exist_ok=True)
    rows = sorted(lookup)
    table = pa.table(
        {
            "record_id": [r for r, _, _ in rows],
            "institution_id": [i for _, i, _ in rows],
            "account_id": [a for _, _, a in rows],
        }
    )
    path = folder / LOOKUP_FILE
    pq.write_table(table, path)
    (folder / "README-NEVER-UPLOAD.txt").write_text(NOTE, encoding="utf-8")
    return path


def read_lookup(token_dir: Path) -> dict[str, str]:
    """record_id → account_id from a token folder's local lookup (the institution's side)."""
    table = pq.read_table(local_dir(token_dir) / LOOKUP_FILE)
    return dict(
        zip(
            table.column("record_id").to_pylist(),
            table.column("account_id").to_pylist(),
            strict=True,
        )
    )
