"""The analyst's web interface: ``ui_router`` (the pages, for any host application) and
``create_ui_app`` (the local server ``tipflow ui`` runs over one results folder).

The local server is for one analyst on one machine, and the pages hold personal data, so it
answers only requests addressed to this machine by name (a web page elsewhere cannot rebind
its own domain to 127.0.0.1 and read them), runs no script but its own, cannot be framed,
and tells the browser to keep nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import APIRouter, FastAPI
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response

from tipflow import __version__
from tipflow.ui import routes_cases, routes_pages
from tipflow.ui.action_log import SqliteActionLog, local_log_path
from tipflow.ui.context import UiContext
from tipflow.ui.csrf import SessionCsrf
from tipflow.ui.headers import SecurityHeaders
from tipflow.ui.local_source import LocalResultsSource

LOCAL_HOSTS = ("127.0.0.1", "localhost")


def ui_router(ui: UiContext) -> APIRouter:
    """The pages, mounted at ``ui.base`` by whoever includes the router."""
    router = APIRouter(prefix=ui.base)
    routes_pages.register(router, ui)
    routes_cases.register(router, ui)
    return router


def create_ui_app(
    results: Path,
    *,
    analyst: str,
    fiu_profile: Path | None = None,
    action_log: Path | None = None,
    hosts: Sequence[str] = LOCAL_HOSTS,
) -> FastAPI:
    """The local server over ``results``. Case actions go to ``action_log`` (by default
    ``RESULTS/ui/case_actions.sqlite3``); ``hosts``: the host names requests may be addressed
    to (add the one given to ``--host``)."""
    source = LocalResultsSource(results, fiu_profile=fiu_profile)
    csrf = SessionCsrf()
    ui = UiContext(
        source=source,
        actions=SqliteActionLog(action_log or local_log_path(results)),
        csrf=csrf,
        actor=lambda _request: analyst,
    )
    app = FastAPI(
        title="tipflow ui", version=__version__, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.include_router(ui_router(ui))

    async def unknown_path(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        words = "There is no such page." if status == 404 else "The request was not understood."
        return ui.problem(request, status, words)

    app.add_exception_handler(HTTPException, unknown_path)
    app.middleware("http")(csrf.middleware)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))
    return app
