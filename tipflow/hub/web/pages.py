"""Who may open a page of the hub, and how pages are answered.

Each page names the API's own rule for what it shows (``FIU_ONLY`` of routes_fiu.py,
``READERS`` of routes_reports.py, ...), so a page and the endpoint behind it admit exactly the
same callers. A browser without a live session is sent to the login form; a logged-in user
whose organisation may not open a page gets a page that says so, with status 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.responses import HTMLResponse
from starlette.requests import Request

from tipflow import __version__
from tipflow.hub.auth import DbSession, Principal, State, allow, principal_for_token
from tipflow.hub.routes_disclosures import DISCLOSURE_READERS
from tipflow.hub.routes_fiu import FIU_ONLY
from tipflow.hub.routes_oversight import OVERSEERS
from tipflow.hub.routes_reports import READERS
from tipflow.hub.vocabulary import OrgType
from tipflow.hub.web.sessions import LOGIN_COOKIE, HubCsrf
from tipflow.report.html.labels import plain
from tipflow.ui.rendering import render

Rule = Callable[[Principal], Principal]
ANYONE: Rule = allow()
#: The menu: (words, path, who sees the link). Reports: the FIU works them from its queue.
MENU: tuple[tuple[str, str, Rule], ...] = (
    ("Triage queue", "/triage", FIU_ONLY),
    ("Reports", "/reports", allow(OrgType.REPORTING_ENTITY, OrgType.LAW_ENFORCEMENT)),
    ("Cross-institution networks", "/networks", FIU_ONLY),
    ("Disclosures", "/disclosures", DISCLOSURE_READERS),
    ("KPIs", "/kpis", OVERSEERS),
)
#: Where each organisation type starts; the others have no page here (403).
HOME = {
    OrgType.FIU: "/triage",
    OrgType.REPORTING_ENTITY: "/reports",
    OrgType.LAW_ENFORCEMENT: "/reports",
    OrgType.SUPERVISOR: "/kpis",
}


class LoginRequired(Exception):
    """No live session: answered with a redirect to the login form, back to ``path`` after."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class PageForbidden(Exception):
    """A logged-in user whose organisation may not open the page (403)."""

    def __init__(self, principal: Principal, message: str) -> None:
        super().__init__(message)
        self.principal = principal


def permits(rule: Rule, principal: Principal) -> bool:
    try:
        rule(principal)
    except HTTPException:
        return False
    return True


def session_principal(request: Request, state: State, session: DbSession) -> Principal | None:
    """The user of the browser's session, or None (no cookie, or an expired or revoked one)."""
    token = request.cookies.get(LOGIN_COOKIE, "")
    return principal_for_token(state, session, token) if token else None


def viewer(rule: Rule) -> Callable[..., Principal]:
    """A dependency: the logged-in user, admitted by ``rule``."""

    def admitted(
        request: Request, principal: Annotated[Principal | None, Depends(session_principal)]
    ) -> Principal:
        if principal is None:
            raise LoginRequired(request.url.path)
        try:
            return rule(principal)
        except HTTPException as refused:
            words = plain(principal.org_type.value)
            raise PageForbidden(principal, f"Your organisation ({words}) may not open this "
                                f"page ({refused.detail}).") from None  # fmt: skip

    return admitted


Anyone = Annotated[Principal, Depends(viewer(ANYONE))]
Fiu = Annotated[Principal, Depends(viewer(FIU_ONLY))]
Reader = Annotated[Principal, Depends(viewer(READERS))]
DisclosureReader = Annotated[Principal, Depends(viewer(DISCLOSURE_READERS))]
Overseer = Annotated[Principal, Depends(viewer(OVERSEERS))]
MaybeUser = Annotated[Principal | None, Depends(session_principal)]


@dataclass(frozen=True)
class HubPages:
    """What every page handler renders with: the form guard and where the pages live."""

    csrf: HubCsrf
    base: str = "/ui"

    def page(
        self,
        request: Request,
        template: str,
        user: Principal | None,
        *,
        status_code: int = 200,
        **values: object,
    ) -> HTMLResponse:
        menu = [(words, path) for words, path, rule in MENU if user and permits(rule, user)]
        section = "/" + request.url.path.removeprefix(self.base).strip("/").split("/")[0]
        html = render(
            f"hub/{template}",
            base=self.base,
            user=user,
            menu=menu,
            current_section=section,
            csrf_token=self.csrf.token(request) if user else "",
            version=__version__,
            **values,
        )
        return HTMLResponse(html, status_code=status_code)

    def problem(
        self, request: Request, user: Principal | None, status_code: int, message: str
    ) -> HTMLResponse:
        """A page that says what went wrong, in one sentence, with the right status."""
        return self.page(request, "problem.html.j2", user, status_code=status_code, message=message)
