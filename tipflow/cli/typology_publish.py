"""``tipflow hub publish-typologies``: an FIU's typology set (YAML) to the hub as its next
version. The file is checked here first, with the same schema and registry the hub uses, so a
broken set is named before anything is sent."""

from __future__ import annotations

import re
from pathlib import Path

from tipflow.cli.share_push import PushRefused, _hub_message
from tipflow.detect.registry import load_typology_set


def _hub_filename(path: Path) -> str:
    """The file's name as the hub accepts it (letters, digits, ``_.-``; 100 at most)."""
    name = re.sub(r"[^A-Za-z0-9_.\-]", "-", path.name).lstrip("_.-")[:100]
    return name or "typology-set.yaml"


def publish_typology_file(
    path: Path, hub: str, api_token: str, *, title: str, note: str, timeout: float = 60.0
) -> str:
    """Publish the set; returns a one-line account of what the hub did."""
    typology_set = load_typology_set(path)  # ConfigError naming the file and the problem
    import httpx

    try:
        response = httpx.post(
            hub.rstrip("/") + "/typologies",
            params={"title": title, "note": note, "filename": _hub_filename(path)},
            content=path.read_bytes(),
            headers={"Authorization": f"Bearer {api_token}", "Content-Type": "application/yaml"},
            timeout=timeout,
        )
    except httpx.HTTPError as exc:
        raise PushRefused(f"cannot reach the hub at {hub}: {exc}") from exc
    if response.status_code >= 400:
        raise PushRefused(
            f"the hub refused the typology set (HTTP {response.status_code}): "
            f"{_hub_message(response)}"
        )
    body = response.json()
    verb = "published as" if body.get("created") else "already published as the newest,"
    return (
        f"{path} ({len(typology_set.typologies)} typologies): {verb} version "
        f"{body.get('version')} at {hub} (sha256 {body.get('sha256')})"
    )
