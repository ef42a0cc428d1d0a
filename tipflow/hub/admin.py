"""Organisations, users and tokens: created by the CLI and by organisation admins."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipflow.errors import TipflowError
from tipflow.hub.audit import Actor, record
from tipflow.hub.models import ApiToken, Organisation, User, utc_now
from tipflow.hub.security import Passwords, new_token, token_hash
from tipflow.hub.vocabulary import OrgType, Role, TokenKind

#: Enough to catch typos; the hub sends no e-mail, so no deliverability check.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
MIN_PASSWORD = 12
SYSTEM = Actor(None, None)  # the command line, run by whoever operates the server


class HubAdminError(TipflowError):
    """An organisation, user or token that cannot be created as asked."""


def create_organisation(
    session: Session, name: str, org_type: OrgType, actor: Actor = SYSTEM
) -> Organisation:
    name = name.strip()
    if not name:
        raise HubAdminError("an organisation needs a name")
    if session.scalar(select(Organisation).where(Organisation.name == name)) is not None:
        raise HubAdminError(f"an organisation named {name!r} exists already")
    organisation = Organisation(name=name, org_type=org_type.value)
    session.add(organisation)
    session.flush()
    record(session, actor, "create_organisation", "organisation", organisation.id)
    return organisation


def find_organisation(session: Session, name: str) -> Organisation:
    organisation = session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        raise HubAdminError(f"no organisation named {name!r}")
    return organisation


def create_user(
    session: Session,
    organisation: Organisation,
    email: str,
    role: Role,
    password: str | None,
    passwords: Passwords,
    actor: Actor = SYSTEM,
) -> User:
    """A user; without a password the user can only use API tokens."""
    email = email.strip().lower()
    if not EMAIL.fullmatch(email):
        raise HubAdminError(f"{email!r} is not an e-mail address")
    if password is not None and len(password) < MIN_PASSWORD:
        raise HubAdminError(f"a password needs {MIN_PASSWORD} characters at least")
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise HubAdminError("a user with this e-mail exists already")
    user = User(
        organisation_id=organisation.id,
        email=email,
        role=role.value,
        password_hash=None if password is None else passwords.hash(password),
    )
    session.add(user)
    session.flush()
    record(session, actor, "create_user", "user", user.id, {"role": role.value})
    return user


def find_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise HubAdminError("no user with this e-mail")
    return user


def issue_token(
    session: Session,
    user: User,
    secret: bytes,
    kind: TokenKind,
    *,
    lifetime: dt.timedelta | None = None,
    actor: Actor | None = None,
) -> tuple[str, ApiToken]:
    """A new token (returned once, never stored) and its row."""
    token = new_token()
    row = ApiToken(
        user_id=user.id,
        token_hash=token_hash(secret, token),
        kind=kind.value,
        expires_at=None if lifetime is None else utc_now() + lifetime,
    )
    session.add(row)
    session.flush()
    who = actor or Actor(user.id, user.organisation_id)
    record(session, who, f"issue_{kind.value}_token", "token", row.id, {"user_id": user.id})
    return token, row
