"""``tipflow share push``: an institution's token file to the hub, and nothing else.

Only ``tokens.parquet`` is sent (with its manifest's key fingerprint, format version and record
count); the ``local/`` folder, a lookup file or a salt never is: asked to push one, the command
refuses before connecting.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tipflow.share.local import LOCAL_DIR, LOOKUP_FILE, SALT_FILE
from tipflow.share.tokens import MANIFEST_FILE, TOKENS_FILE


class PushRefused(Exception):
    """Why nothing was (or could be) uploaded, in one line."""


def _token_folder(tokens_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The tokens.parquet to send and the manifest beside it; refuses anything local."""
    resolved = tokens_dir.resolve()
    local_names = {LOOKUP_FILE, SALT_FILE, LOCAL_DIR}
    if resolved.name in local_names or LOCAL_DIR in resolved.parts[-2:-1]:
        raise PushRefused(
            f"{tokens_dir}: local files (the lookup, the salt, local/) are never uploaded; "
            "push the token folder itself"
        )
    if not resolved.is_dir():
        raise PushRefused(f"{tokens_dir}: not a token folder (tipflow share tokens --out)")
    tokens, manifest = resolved / TOKENS_FILE, resolved / MANIFEST_FILE
    if not tokens.is_file() or not manifest.is_file():
        raise PushRefused(f"{tokens_dir}: needs {TOKENS_FILE} and {MANIFEST_FILE}")
    import pyarrow.parquet as pq

    if "account_id" in pq.read_schema(tokens).names:
        raise PushRefused(f"{tokens}: has an account_id column (a lookup?); not uploaded")
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PushRefused(f"{manifest}: not a readable manifest ({exc})") from exc
    if not isinstance(document, dict) or document.get("format") != "tipflow-share-tokens":
        raise PushRefused(f"{manifest}: not a manifest of tipflow share tokens")
    return tokens, document


def _hub_message(response: Any) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, list):  # FastAPI's validation errors
        detail = "; ".join(str(item.get("msg", item)) for item in detail)
    return str(detail or response.text or response.reason_phrase).replace("\n", " ")[:500]


def push_tokens(tokens_dir: Path, hub: str, api_token: str, *, timeout: float = 120.0) -> str:
    """Upload the token file; returns a one-line account of what the hub did."""
    tokens, manifest = _token_folder(tokens_dir)
    try:
        import httpx
    except ImportError as exc:  # httpx is installed with tipflow's hub extras
        raise PushRefused("tipflow share push needs httpx (pip install httpx)") from exc
    params = {
        "key_fingerprint": str(manifest.get("key_fingerprint", "")),
        "format_version": str(manifest.get("format_version", "")),
        "records": str(manifest.get("records", "")),
    }
    url = hub.rstrip("/") + "/tokens/uploads"
    try:
        response = httpx.post(
            url,
            params=params,
            content=tokens.read_bytes(),
            headers={
                "Authorization": f"Bearer {api_token}",
                "Content-Type": "application/octet-stream",
            },
            timeout=timeout,
        )
    except httpx.HTTPError as exc:
        raise PushRefused(f"cannot reach the hub at {hub}: {exc}") from exc
    if response.status_code >= 400:
        meaning = {401: "not authenticated", 403: "not allowed", 422: "refused"}.get(
            response.status_code, "failed"
        )
        raise PushRefused(
            f"the hub {meaning} the upload (HTTP {response.status_code}): {_hub_message(response)}"
        )
    body = response.json()
    verb = "stored as" if body.get("created") else "already stored as"
    return (
        f"{body.get('records')} records of {', '.join(body.get('institutions', []))} "
        f"{verb} upload {body.get('id')} at {hub}"
    )
