"""The partnership hub: where reporting entities, the FIU, police and NGOs work together.

This slice holds the STR flow (intake of goAML and JSON reports, FIU triage, disclosure to law
enforcement, outcomes, feedback, KPIs), organisations, users, tokens, role-based access and a
hash-chained audit log. Start it with ``create_app(HubSettings(...))`` or ``tipflow hub serve``;
docs/hub.md describes roles and what each may do.
"""

from __future__ import annotations

from tipflow.hub.app import create_app
from tipflow.hub.settings import HubSettings

__all__ = ["HubSettings", "create_app"]
