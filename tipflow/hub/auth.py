"""Who is calling (bearer token → principal) and whether they may: FastAPI dependencies.

No or an unknown token answers 401; a known caller whose organisation type or role may not use
an endpoint answers 403. Every route declares its rule with ``allow(...)``; the matrix test in
tests/hub checks every endpoint against every organisation type and role.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from tipflow.hub.audit import Actor
from tipflow.hub.db import read_only
from tipflow.hub.models import ApiToken, Organisation, User, utc_now
from tipflow.hub.schemas import ErrorOut, UnprocessableOut
from tipflow.hub.security import token_hash
from tipflow.hub.state import HubState
from tipflow.hub.vocabulary import OrgType, Role

_REFUSALS = {
    401: "No bearer token, or an unknown, expired or revoked one.",
    403: "The caller's organisation type or role may not use this endpoint.",
    404: "No such object, or not one the caller may see.",
    409: "The request conflicts with the hub's state (e.g. another partnership key).",
    413: "The body is over the hub's size limit.",
    422: "The request or the document in it cannot be accepted.",
    429: "Too many failed logins for this e-mail or from this address lately: refused without"
    " checking the password; try again after Retry-After seconds.",
}
#: Headers a refusal carries (OpenAPI), by status code.
_REFUSAL_HEADERS: dict[int, dict[str, Any]] = {
    429: {
        "Retry-After": {
            "description": "Seconds until another attempt is checked.",
            "schema": {"type": "integer"},
        }
    }
}


def refusals(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` documenting these refusals, each answered as ``ErrorOut``."""
    return {
        code: {
            "model": UnprocessableOut if code == 422 else ErrorOut,
            "description": _REFUSALS[code],
        }
        | ({"headers": _REFUSAL_HEADERS[code]} if code in _REFUSAL_HEADERS else {})
        for code in codes
    }


#: What every endpoint behind a token may answer besides its success.
GUARDED = refusals(401, 403)


@dataclass(frozen=True)
class Principal:
    user_id: int
    email: str
    role: Role
    organisation_id: int
    org_type: OrgType

    @property
    def actor(self) -> Actor:
        return Actor(self.user_id, self.organisation_id)


def hub_state(request: Request) -> HubState:
    state = request.app.state.hub
    assert isinstance(state, HubState)
    return state


async def get_session(state: Annotated[HubState, Depends(hub_state)]) -> AsyncIterator[Session]:
    """The request's session, closed on the event loop rather than in a worker thread.

    Sync endpoints run in a pool of worker threads. A transaction must never stay open while
    its request waits for a worker: on SQLite it holds the write lock (``BEGIN IMMEDIATE``), on
    PostgreSQL a pooled connection, and the workers blocked waiting for that lock or connection
    would starve the request that holds it (under load, 30 s stalls and 500s). So the session
    is closed here, not in a thread, and ``authenticate`` ends its own transaction.
    """
    session = state.sessions()
    try:
        yield session
    finally:
        session.close()


DbSession = Annotated[Session, Depends(get_session)]
State = Annotated[HubState, Depends(hub_state)]
_bearer = HTTPBearer(auto_error=False, description="A login or API token.")


#: Built once (statement construction cost more than running it): the caller behind a token.
_TOKEN_QUERY = (
    select(User.id, User.email, User.role, User.organisation_id, Organisation.org_type)
    .join(ApiToken, ApiToken.user_id == User.id)
    .join(Organisation, Organisation.id == User.organisation_id)
    .where(
        ApiToken.token_hash == bindparam("hash"),
        ApiToken.revoked_at.is_(None),
        or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > bindparam("now")),
        User.active.is_(True),
    )
)


def _unauthorised(message: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"}
    )


def principal_for_token(state: HubState, session: Session, token: str) -> Principal | None:
    """The caller a bearer token (or the hub pages' session cookie) belongs to, or None for an
    unknown, expired or revoked token."""
    # One query on every request (the token's keyed hash is indexed): no ORM objects loaded,
    # and no transaction (no SQLite write lock, no PostgreSQL BEGIN).
    parameters = {"hash": token_hash(state.secret, token), "now": utc_now()}
    row = read_only(session).execute(_TOKEN_QUERY, parameters).first()
    session.rollback()  # read only: end the transaction before the endpoint's thread (above)
    if row is None:
        return None
    user_id, email, role, organisation_id, org_type = row
    return Principal(
        user_id=user_id,
        email=email,
        role=Role(role),
        organisation_id=organisation_id,
        org_type=OrgType(org_type),
    )


def authenticate(
    state: State,
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorised("a bearer token is required")
    principal = principal_for_token(state, session, credentials.credentials)
    if principal is None:
        raise _unauthorised("the token is unknown, expired or revoked")
    return principal


Authenticated = Annotated[Principal, Depends(authenticate)]


def allow(*org_types: OrgType, admin: bool = False) -> Callable[[Principal], Principal]:
    """A dependency admitting users of these organisation types (any, when none are named);
    with ``admin``, only their organisation's admins."""
    allowed = frozenset(org_types or OrgType)

    def check(principal: Authenticated) -> Principal:
        if principal.org_type not in allowed:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"a {principal.org_type.value} organisation may not do this",
            )
        if admin and principal.role is not Role.ADMIN:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "only an admin may do this")
        return principal

    return check
