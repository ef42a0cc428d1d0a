"""Logging in and out: a session token for an e-mail and password, revoked at logout.

``POST /auth/login`` and the hub's web pages (``/ui/login``) both start sessions here, so a
browser's session is a hub session token like any other: stored only as its keyed hash,
expiring after ``session_hours``, recorded in the audit chain when issued and when ended.
Failed logins are limited per e-mail and per client address (``tipflow.hub.throttle``).
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
from tipflow.hub.throttle import USER, LoginLocked, normalised_email
from tipflow.hub.vocabulary import TokenKind

#: Who fails to log in: nobody yet (the audit row's object is the user, when there is one).
_NOBODY = Actor(None, None)
_USER = select(User.id, User.password_hash).where(User.active.is_(True))


def log_in(
    state: HubState, session: Session, email: str, password: str, address: str = ""
) -> tuple[str, ApiToken] | None:
    """A new session token and its row (committed), or None for a wrong e-mail or password
    (the same answer, and about the same time, whether or not the e-mail is known).

    Raises ``LoginLocked``, without checking the password, after too many failed logins for
    this e-mail or from this client ``address`` lately (``tipflow.hub.throttle``). Failures,
    lockouts and refusals are audited (``login_failed``, ``login_lockout``, ``login_refused``)
    with the user's id when the e-mail is a user's, and never the e-mail or the address.
    """
    throttle = state.throttle
    counters = throttle.counters(email, address)
    locked = throttle.refusal(session, counters)
    if locked is None:
        try:
            charge = throttle.charge(session, counters)
        except LoginLocked as refused:  # locked since the read: nothing counted
            session.rollback()
            locked = refused
    if locked is not None:
        _audit_refusal(state, session, email, locked)
        raise locked
    found = session.execute(_USER.where(User.email == normalised_email(email))).first()
    # The attempt is counted; argon2 takes a while: no transaction (on SQLite, the write lock;
    # on PostgreSQL, the counters' row locks) is held meanwhile.
    session.commit()
    password_hash = None if found is None else found.password_hash
    if not state.passwords.verify(password_hash, password) or found is None:
        user_id = None if found is None else found.id
        failures = {"failures": charge.failures[USER]}
        record(session, _NOBODY, "login_failed", "user", user_id, failures)
        for counter in charge.locking:
            lockout = {"scope": counter.scope, "minutes": state.settings.login_lockout_minutes}
            record(session, _NOBODY, "login_lockout", "user", user_id, lockout)
        session.commit()
        return None
    throttle.succeeded(session, charge)
    user = session.get_one(User, found.id)
    lifetime = dt.timedelta(hours=state.settings.session_hours)
    token, row = issue_token(session, user, state.secret, TokenKind.SESSION, lifetime=lifetime)
    session.commit()
    return token, row


def _audit_refusal(state: HubState, session: Session, email: str, locked: LoginLocked) -> None:
    """Write a refused attempt to the audit chain, at most once a minute per counter."""
    if not locked.due:
        return
    # The counters' rows first, then the audit chain's head: every login takes its locks in
    # that order (two transactions never wait for each other's).
    claimed = [c for c in locked.due if state.throttle.claim_refusal(session, c)]
    if claimed:
        user_id = session.scalar(select(User.id).where(User.email == normalised_email(email)))
        for counter in claimed:
            detail = {"scope": counter.scope}
            record(session, _NOBODY, "login_refused", "user", user_id, detail)
    session.commit()


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
