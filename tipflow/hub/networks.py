"""The FIU's reading of cross-institution networks: the newest tokens of every institution
linked, the read audited. ``GET /fiu/networks`` and the hub's networks pages both read here."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tipflow.hub.audit import record
from tipflow.hub.auth import Principal
from tipflow.hub.tokens_store import Linked, link_current


def read_networks(session: Session, principal: Principal, max_shared: int) -> Linked:
    """The networks linked now (pseudonyms only); ``max_shared`` as in ``link_tokens``."""
    linked = link_current(session, max_shared=max_shared)
    upload_ids = [upload.id for upload in linked.uploads]
    networks = len(linked.result.networks)
    detail = {"upload_ids": upload_ids, "networks": networks, "max_shared": max_shared}
    record(session, principal.actor, "read_networks", "network", None, detail)
    session.commit()
    return linked
