"""Logging in and out of the hub's pages, the start page of each organisation type, the shared
static files and the answer to an unknown page."""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from tipflow.hub.auth import DbSession, State
from tipflow.hub.logins import log_in, log_out
from tipflow.hub.schemas import LoginRequest
from tipflow.hub.throttle import LoginLocked, client_address
from tipflow.hub.web.pages import HOME, Anyone, HubPages, MaybeUser, PageForbidden
from tipflow.hub.web.sessions import (
    LOGIN_COOKIE,
    LOGIN_FORM_COOKIE,
    forget_cookie,
    login_form_session,
    set_cookie,
)
from tipflow.ui.forms import EXPIRED, FormRefused, guarded_form, read_form
from tipflow.ui.rendering import static_response

#: The characters of a path a login may send the browser back to (see ``_next``).
_PATH = re.compile(r"[A-Za-z0-9._~%/-]+")
WRONG = "Wrong e-mail or password."


def register(router: APIRouter, web: HubPages) -> None:
    def login_page(
        request: Request, *, message: str | None = None, status_code: int = 200, email: str = ""
    ) -> Response:
        form_session, fresh = login_form_session(request)
        response = web.page(
            request,
            "login.html.j2",
            None,
            status_code=status_code,
            form_token=web.csrf.login_form_token(form_session),
            next_path=_next(request.query_params.get("next"), web.base),
            message=message,
            email=email,
        )
        state = request.app.state.hub
        if fresh:
            set_cookie(response, request, state.settings, LOGIN_FORM_COOKIE, form_session,
                       base=web.base)  # fmt: skip
        if LOGIN_COOKIE in request.cookies:  # expired or revoked, or it would not be here
            forget_cookie(response, request, state.settings, LOGIN_COOKIE, base=web.base)
        return response

    @router.get("/login")
    def login_form(request: Request, user: MaybeUser) -> Response:
        if user is not None:
            return RedirectResponse(f"{web.base}/", status_code=303)
        return login_page(request)

    @router.post("/login")
    async def login(request: Request, state: State, session: DbSession) -> Response:
        try:
            form = await read_form(request)
        except FormRefused as refused:
            return login_page(request, message=str(refused), status_code=refused.status_code)
        if not web.csrf.verify_login_form(request, form.get("csrf")):
            return login_page(request, message=EXPIRED, status_code=403)
        try:  # the API's own limits on an e-mail and a password
            body = LoginRequest(email=form.get("email", ""), password=form.get("password", ""))
        except ValidationError:
            return login_page(request, message=WRONG, status_code=401)
        address = client_address(request)
        try:
            started = await run_in_threadpool(
                log_in, state, session, body.email, body.password, address
            )
        except LoginLocked as locked:  # the password was not checked
            message = f"{str(locked).capitalize()}."
            answer = login_page(request, message=message, status_code=429, email=body.email)
            answer.headers["Retry-After"] = str(locked.seconds)
            return answer
        if started is None:
            return login_page(request, message=WRONG, status_code=401, email=body.email)
        token, _row = started
        target = _next(form.get("next"), web.base) or f"{web.base}/"
        response = RedirectResponse(target, status_code=303)
        lifetime = int(state.settings.session_hours * 3600)
        set_cookie(response, request, state.settings, LOGIN_COOKIE, token, base=web.base,
                   max_age=lifetime)  # fmt: skip
        forget_cookie(response, request, state.settings, LOGIN_FORM_COOKIE, base=web.base)
        return response

    @router.post("/logout")
    async def logout(request: Request, state: State, session: DbSession) -> Response:
        try:
            await guarded_form(web.csrf, request)
        except FormRefused as refused:
            return web.problem(request, None, refused.status_code, str(refused))
        await run_in_threadpool(log_out, state, session, request.cookies.get(LOGIN_COOKIE, ""))
        response = RedirectResponse(f"{web.base}/login", status_code=303)
        forget_cookie(response, request, state.settings, LOGIN_COOKIE, base=web.base)
        return response

    @router.get("/")
    def home(user: Anyone) -> Response:
        start = HOME.get(user.org_type)
        if start is None:
            raise PageForbidden(user, "The hub's pages are for the FIU, reporting entities, "
                                "law enforcement and supervisors; use the hub's API.")  # fmt: skip
        return RedirectResponse(f"{web.base}{start}", status_code=303)

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        return static_response(name)


def register_fallback(router: APIRouter, web: HubPages) -> None:
    """A page for any other path under the pages' (registered after every page)."""

    @router.get("/{unknown:path}")
    def unknown(request: Request, user: MaybeUser) -> Response:
        return web.problem(request, user, 404, "There is no such page.")


def _next(path: str | None, base: str) -> str | None:
    """``path`` when it is one of the pages, the only places a login sends the browser back
    to (never another site: no scheme, no ``//``, nothing outside ``base``)."""
    if not path or not _PATH.fullmatch(path) or "//" in path:
        return None
    return path if path == base or path.startswith(base + "/") else None
