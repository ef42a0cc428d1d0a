"""Logging in and out: a session token for an e-mail and password, revoked at logout.

``POST /auth/login`` and the hub's web pages (``/ui/login``) both start sessions here, so a
browser's session is a hub session token like any other: stored only as its keyed hash,
expiring after ``session_hours``, recorded in the audit chain when issued and when ended.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipflow.hub.admin import issue_token
from tipflow.hub.audit import Actor, record
from tipflow.hub.models import ApiToken, User, utc_now
from tipflow.hub.security import token_hash
from tipflow.hub.state import HubState
from tipflow.hub.vocabulary import TokenKind


def log_in(
    state: HubState, session: Session, email: str, password: str
) -> tuple[str, ApiToken] | None:
    """A new session token and its row (committed), or None for a wrong e-mail or password
    (the same answer, and about the same time, whether or not the e-mail is known)."""
    found = session.execute(
        select(User.id, User.password_hash).where(
            User.email == email.strip().lower(), User.active.is_(True)
        )
    ).first()
    # argon2 takes a while: no transaction (on SQLite, the write lock) is held meanwhile.
    session.rollback()
    password_hash = None if found is None else found.password_hash
    if not state.passwords.verify(password_hash, password) or found is None:
        return None
    user = session.get_one(User, found.id)
    lifetime = dt.timedelta(hours=state.settings.session_hours)
    token, row = issue_token(session, user, state.secret, TokenKind.SESSION, lifetime=lifetime)
    session.commit()
    return token, row


def log_out(state: HubState, session: Session, token: str) -> bool:
    """Revoke a session token (committed); False when it was not a live session token."""
    row = session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == token_hash(state.secret, token),
            ApiToken.kind == TokenKind.SESSION.value,
            ApiToken.revoked_at.is_(None),
        )
    )
    if row is None:
        session.rollback()
        return False
    row.revoked_at = utc_now()
    actor = Actor(row.user_id, row.user.organisation_id)
    record(session, actor, "end_session", "token", row.id, {"user_id": row.user_id})
    session.commit()
    return True
