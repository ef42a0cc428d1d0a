"""A browser's session with the hub's pages: the login cookie, and forms no other site can
submit on its behalf.

The login cookie holds a hub session token (``logins.log_in``, as ``POST /auth/login`` makes
them): stored only as its keyed hash, expiring, revocable at logout. It is HttpOnly (no script
reads it), SameSite=Strict (no other site's page sends it) and limited to the pages' path.

Every form carries a token: the HMAC of the login cookie under a key derived from the hub's
secret (so every worker process agrees), checked with the ``Origin`` as the local interface
does (``tipflow.ui.csrf``). The login form, before there is a session, is bound the same way to
a random cookie of its own, so another site cannot log a browser into someone else's account.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from starlette.requests import Request
from starlette.responses import Response

from tipflow.hub.settings import HubSettings
from tipflow.ui.csrf import new_session, sign, signed, well_formed

LOGIN_COOKIE = "tipflow_hub_session"
LOGIN_FORM_COOKIE = "tipflow_hub_login_form"
_KEY_PURPOSE = b"tipflow hub web forms"


class HubCsrf:
    """The pages' form guard (``tipflow.ui.csrf.CsrfGuard``) over the hub's sessions."""

    def __init__(self, secret: bytes) -> None:
        self._key = hmac.new(secret, _KEY_PURPOSE, hashlib.sha256).digest()

    def token(self, request: Request) -> str:
        session = request.cookies.get(LOGIN_COOKIE, "")
        return sign(self._key, "login " + session) if session else ""

    def verify(self, request: Request, token: str | None) -> bool:
        session = request.cookies.get(LOGIN_COOKIE, "")
        return bool(session) and signed(self._key, request, "login " + session, token)

    def login_form_token(self, form_session: str) -> str:
        return sign(self._key, "form " + form_session)

    def verify_login_form(self, request: Request, token: str | None) -> bool:
        form_session = request.cookies.get(LOGIN_FORM_COOKIE, "")
        return well_formed(form_session) and signed(
            self._key, request, "form " + form_session, token
        )


def login_form_session(request: Request) -> tuple[str, bool]:
    """The login form's cookie value, and whether it is new (then the response sets it)."""
    current = request.cookies.get(LOGIN_FORM_COOKIE, "")
    return (current, False) if well_formed(current) else (new_session(), True)


def secure(request: Request, settings: HubSettings) -> bool:
    if settings.secure_cookie is not None:
        return settings.secure_cookie
    return not (request.url.scheme == "http" and _loopback(request.url.hostname or ""))


def set_cookie(
    response: Response,
    request: Request,
    settings: HubSettings,
    name: str,
    value: str,
    *,
    base: str,
    max_age: int | None = None,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=base,
        httponly=True,
        samesite="strict",
        secure=secure(request, settings),
    )


def forget_cookie(response: Response, request: Request, settings: HubSettings, name: str, *,
                  base: str) -> None:  # fmt: skip
    response.delete_cookie(
        name, path=base, httponly=True, samesite="strict", secure=secure(request, settings)
    )


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
