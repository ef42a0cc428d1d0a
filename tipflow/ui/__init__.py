"""The analyst's web interface: alert queue, account evidence, network graph, case actions.

    create_ui_app(results, analyst="sam")   # the local server of ``tipflow ui RESULTS``
    ui_router(UiContext(source, actions, csrf, actor, base="/ui"))   # the pages, for the hub

Server-rendered pages (FastAPI + Jinja2) with one script, the network graph (Cytoscape.js,
vendored under ``static/vendor/``); docs/ui.md.
"""

from __future__ import annotations

from tipflow.ui.app import create_ui_app, ui_router
from tipflow.ui.context import UiContext

__all__ = ["UiContext", "create_ui_app", "ui_router"]
