"""Login, the caller's own identity, API tokens and an organisation admin's users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status

from tipflow.hub.admin import HubAdminError, create_user, issue_token
from tipflow.hub.auth import GUARDED, Authenticated, DbSession, Principal, State, allow, refusals
from tipflow.hub.logins import log_in
from tipflow.hub.models import Organisation, User
from tipflow.hub.schemas import LoginRequest, MeOut, NewUser, TokenOut, UserOut
from tipflow.hub.throttle import LoginLocked, client_address
from tipflow.hub.vocabulary import Role, TokenKind

router = APIRouter(tags=["identity"])
OrgAdmin = Annotated[Principal, Depends(allow(admin=True))]


@router.get("/health", operation_id="health")
def health() -> dict[str, str]:
    """Public: the service answers (nothing about its data)."""
    return {"status": "ok"}


@router.post("/auth/login", operation_id="login", responses=refusals(401, 429))
def login(body: LoginRequest, request: Request, state: State, session: DbSession) -> TokenOut:
    """Public: a session token for an e-mail and password (valid for the configured hours).

    After too many failed logins for the e-mail, or from the caller's address, lately: 429
    with Retry-After, the password unchecked (the same for unknown e-mails)."""
    try:
        started = log_in(state, session, body.email, body.password, client_address(request))
    except LoginLocked as locked:
        retry = {"Retry-After": str(locked.seconds)}
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, str(locked), retry) from None
    if started is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong e-mail or password")
    token, row = started
    return TokenOut(access_token=token, expires_at=row.expires_at)


@router.get("/me", operation_id="read_me", responses=GUARDED)
def read_me(principal: Authenticated) -> MeOut:
    return MeOut(
        user_id=principal.user_id,
        email=principal.email,
        role=principal.role,
        organisation_id=principal.organisation_id,
        org_type=principal.org_type,
    )


@router.post(
    "/tokens",
    operation_id="create_api_token",
    status_code=status.HTTP_201_CREATED,
    responses=GUARDED,
)
def create_api_token(principal: Authenticated, state: State, session: DbSession) -> TokenOut:
    """A long-lived API token for the caller's own account; shown once, stored as a hash."""
    user = session.get_one(User, principal.user_id)
    token, row = issue_token(session, user, state.secret, TokenKind.API)
    session.commit()
    return TokenOut(access_token=token, expires_at=row.expires_at)


@router.post(
    "/org/users",
    operation_id="create_user",
    status_code=status.HTTP_201_CREATED,
    responses=GUARDED | refusals(422),
)
def create_org_user(
    body: NewUser, principal: OrgAdmin, state: State, session: DbSession
) -> UserOut:
    """An admin adds a user to their own organisation (never to another)."""
    organisation = session.get_one(Organisation, principal.organisation_id)
    try:
        user = create_user(
            session,
            organisation,
            body.email,
            body.role,
            body.password,
            state.passwords,
            principal.actor,
        )
    except HubAdminError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    session.commit()
    return UserOut(
        id=user.id, email=user.email, role=Role(user.role), organisation_id=organisation.id
    )
