"""Bodies of tactical requests for hub tests: targets as the token files of token_files.py
pseudonymise them."""

from __future__ import annotations

import datetime as dt
import hashlib

from tests.hub.token_files import FINGERPRINT


def pseudonym(kind: str, value: str) -> str:
    """The token token_files.token_file writes for ``kind:value`` (a stand-in for the HMAC)."""
    return hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()


def tactical_request(
    *phones: str,
    addressed: list[int] | None = None,
    fingerprint: str = FINGERPRINT,
    days: float = 7,
) -> dict[str, object]:
    """A request about these phone numbers, due in ``days``."""
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(days=days)
    body: dict[str, object] = {
        "purpose": "Operation Lantern: controller of a labour-exploitation network",
        "case_reference": "OPS-2026-017",
        "key_fingerprint": fingerprint,
        "targets": [{"kind": "phone", "pseudonym": pseudonym("phone", p)} for p in phones],
        "deadline": deadline.isoformat(),
    }
    if addressed is not None:
        body["addressed_organisation_ids"] = addressed
    return body
