"""Forms that another web site cannot submit on the analyst's behalf (cross-site request forgery).

Every form carries a token tied to the browser's session: the HMAC of the session id (an
HttpOnly, SameSite=Strict cookie) under a key that lives only in the server's memory. A POST
is accepted only with the cookie, the matching token and, when the browser names one, an
``Origin`` that is the server's own. The hub brings its own guard (its logged-in sessions);
the pages only need ``token`` and ``verify``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "tipflow_ui_session"
_SESSION_LENGTH = 43  # secrets.token_urlsafe(32)


class CsrfGuard(Protocol):
    def token(self, request: Request) -> str:
        """The token the forms of a page sent to this browser carry."""
        ...

    def verify(self, request: Request, token: str | None) -> bool:
        """Whether a submitted form comes from one of our pages in this browser."""
        ...


class SessionCsrf:
    """The local server's guard; install :meth:`middleware` so every browser has a session."""

    def __init__(self, key: bytes | None = None) -> None:
        # A new key per server start: pages opened before a restart must be reloaded.
        self._key = key or secrets.token_bytes(32)

    async def middleware(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        session = request.cookies.get(SESSION_COOKIE, "")
        fresh = not _well_formed(session)
        if fresh:
            session = secrets.token_urlsafe(32)
        request.state.ui_session = session
        response = await call_next(request)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    def token(self, request: Request) -> str:
        return self._sign(str(request.state.ui_session))

    def verify(self, request: Request, token: str | None) -> bool:
        session = request.cookies.get(SESSION_COOKIE, "")
        if not token or not _well_formed(session) or not same_origin(request):
            return False
        return hmac.compare_digest(self._sign(session), token)

    def _sign(self, session: str) -> str:
        return hmac.new(self._key, session.encode("ascii"), hashlib.sha256).hexdigest()


def same_origin(request: Request) -> bool:
    """True unless the browser says the request comes from another origin."""
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-site form; the token still has to match
    return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


def _well_formed(session: str) -> bool:
    bare = session.replace("-", "").replace("_", "")
    return len(session) == _SESSION_LENGTH and bare.isascii() and bare.isalnum()
