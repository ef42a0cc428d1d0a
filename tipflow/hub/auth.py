"""Who is calling (bearer token → principal) and whether they may: FastAPI dependencies.

No or an unknown token answers 401; a known caller whose organisation type or role may not use
an endpoint answers 403. Every route declares its rule with ``allow(...)``; the matrix test in
tests/hub checks every endpoint against every organisation type and role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tipflow.hub.audit import Actor
from tipflow.hub.models import ApiToken, utc_now
from tipflow.hub.security import token_hash
from tipflow.hub.state import HubState
from tipflow.hub.vocabulary import OrgType, Role


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


def get_session(state: Annotated[HubState, Depends(hub_state)]) -> Iterator[Session]:
    with state.sessions() as session:
        yield session


DbSession = Annotated[Session, Depends(get_session)]
State = Annotated[HubState, Depends(hub_state)]
_bearer = HTTPBearer(auto_error=False, description="A login or API token.")


def _unauthorised(message: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"}
    )


def authenticate(
    state: State,
    session: DbSession,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorised("a bearer token is required")
    now = utc_now()
    token = session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == token_hash(state.secret, credentials.credentials),
            ApiToken.revoked_at.is_(None),
            or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
        )
    )
    if token is None or not token.user.active:
        raise _unauthorised("the token is unknown, expired or revoked")
    user = token.user
    return Principal(
        user_id=user.id,
        email=user.email,
        role=Role(user.role),
        organisation_id=user.organisation_id,
        org_type=OrgType(user.organisation.org_type),
    )


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
