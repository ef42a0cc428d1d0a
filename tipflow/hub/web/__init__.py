"""The hub's web pages under ``/ui``: login, the FIU's triage queue, reports and their
actions, cross-institution networks, disclosures and the KPI dashboard; a reporting entity's
reports and feedback.

Built from the analyst interface's parts (``tipflow.ui``: templates, style sheet, the network
script, form reading and guarding, security headers) over the hub's own data, rules and audit
chain: every page reads, and every form writes, through the functions the API's routes call.
The pages are left out of the OpenAPI schema, which stays about the API (docs/ui.md).
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from tipflow.hub.state import HubState
from tipflow.hub.web import (
    routes_actions,
    routes_login,
    routes_networks,
    routes_oversight,
    routes_reports,
)
from tipflow.hub.web.pages import HubPages, LoginRequired, PageForbidden
from tipflow.hub.web.sessions import HubCsrf
from tipflow.ui.headers import SecurityHeaders

BASE = "/ui"


def install_web(app: FastAPI, state: HubState) -> None:
    """Mount the pages on the hub's app at ``/ui``."""
    web = HubPages(csrf=HubCsrf(state.secret), base=BASE)
    router = APIRouter(prefix=BASE, include_in_schema=False)
    for module in (routes_login, routes_reports, routes_actions, routes_networks,
                   routes_oversight):  # fmt: skip
        module.register(router, web)
    routes_login.register_fallback(router, web)
    app.include_router(router)

    async def login_first(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        query = urlencode({"next": exc.path})
        return RedirectResponse(f"{BASE}/login?{query}", status_code=303)

    async def forbidden(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PageForbidden)
        return web.problem(request, exc.principal, 403, str(exc))

    app.add_exception_handler(LoginRequired, login_first)
    app.add_exception_handler(PageForbidden, forbidden)
    app.add_middleware(SecurityHeaders, prefix=BASE)
