"""Forms that another web site cannot submit on the analyst's behalf (cross-site request forgery).

Every form carries a token tied to the browser's session: the HMAC of the session id (an
HttpOnly, SameSite=Strict cookie) under a key that lives only in the server's memory. A POST
is accepted only with the cookie, the matching token and, when the browser names one, an
``Origin`` that is the server's own. The hub brings its own guard (tied to its logged-in
sessions, ``tipflow.hub.web.sessions``) built from the same pieces (:func:`sign`,
:func:`same_origin`); the pages only need ``token`` and ``verify``.
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
        fresh = not well_formed(session)
        if fresh:
            session = new_session()
        request.state.ui_session = session
        response = await call_next(request)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/")
        return response

    def token(self, request: Request) -> str:
        return sign(self._key, str(request.state.ui_session))

    def verify(self, request: Request, token: str | None) -> bool:
        session = request.cookies.get(SESSION_COOKIE, "")
        return well_formed(session) and signed(self._key, request, session, token)


def sign(key: bytes, session: str) -> str:
    """The form token of a session: its HMAC-SHA256 under ``key``, in hex."""
    return hmac.new(key, session.encode("utf-8"), hashlib.sha256).hexdigest()


def signed(key: bytes, request: Request, session: str, token: str | None) -> bool:
    """Whether ``token`` is the session's and the request does not come from elsewhere."""
    if not token or not same_origin(request):
        return False
    # As bytes: compare_digest refuses str with non-ASCII characters (a forged field may).
    return hmac.compare_digest(sign(key, session).encode(), token.encode("utf-8", "replace"))


def same_origin(request: Request) -> bool:
    """True unless the browser says the request comes from another origin."""
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser's cross-site form; the token still has to match
    return origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


def new_session() -> str:
    return secrets.token_urlsafe(32)


def well_formed(session: str) -> bool:
    """Whether a cookie holds a session id as :func:`new_session` makes them."""
    bare = session.replace("-", "").replace("_", "")
    return len(session) == _SESSION_LENGTH and bare.isascii() and bare.isalnum()
