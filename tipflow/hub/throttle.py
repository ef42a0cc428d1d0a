"""Login throttling: failed logins counted per e-mail and per client address in the hub's
database (so that every worker process counts the same attempts), and refused for a while
past a limit, without checking the password.

An attempt is counted as a failure *before* its password is checked, in a transaction that
holds the counters' rows (``charge``), and given back when the password was right
(``succeeded``): so attempts sent in parallel cannot check more passwords than the limit
allows. A successful login resets its e-mail's count; the address's count only loses that
attempt (an attacker's own account would otherwise reset its address's count).

Unknown e-mails are counted and refused exactly as users' e-mails, so a refusal says nothing
of whether a user exists. The counters' keys are keyed hashes: the table holds no e-mail and
no address. IPv6 addresses are counted per /64 (one host usually holds a whole /64).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Table, case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session
from starlette.requests import Request

from tipflow.hub.db import read_only
from tipflow.hub.models import utc_now
from tipflow.hub.models_throttle import LoginThrottleRow
from tipflow.hub.settings import HubSettings

USER, ADDRESS = "user", "address"
#: Refused attempts reach the audit chain at most once a minute per e-mail or address: each
#: append serialises with every other write, and refusals cost an attacker nothing.
REFUSAL_AUDIT_INTERVAL = dt.timedelta(minutes=1)
_PURGE_BATCH = 100  # stale rows deleted per counted attempt, at most
_TABLE: Table = LoginThrottleRow.__table__  # type: ignore[assignment]
_KEY_PURPOSE = b"tipflow hub login throttle"

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class Limit:
    scope: str
    max_failures: int
    window: dt.timedelta
    lockout: dt.timedelta


@dataclass(frozen=True)
class Counter:
    """One e-mail's or one address's count: its row's key and its limit."""

    key: str
    limit: Limit

    @property
    def scope(self) -> str:
        return self.limit.scope


class LoginLocked(Exception):
    """Refused: too many failed logins for this e-mail or from this address, lately.

    ``seconds`` until another attempt is checked (the API's Retry-After); ``due``: the
    counters whose refusal is to be written to the audit chain (see ``claim_refusal``).
    """

    def __init__(self, retry_after: dt.timedelta, due: Sequence[Counter] = ()) -> None:
        self.seconds = max(1, math.ceil(retry_after.total_seconds()))
        self.minutes = math.ceil(self.seconds / 60)
        self.due = tuple(due)
        unit = "minute" if self.minutes == 1 else "minutes"
        super().__init__(f"too many failed sign-ins; try again in {self.minutes} {unit}")


@dataclass(frozen=True)
class Charge:
    """An attempt counted as a failure: each counter's failures since its window began, and
    the counters this attempt locked (their lockout begins with it)."""

    counters: tuple[Counter, ...]
    failures: dict[str, int]
    locking: tuple[Counter, ...]


def normalised_email(email: str) -> str:
    return email.strip().lower()


def client_address(request: Request) -> str:
    """The caller's address as the server sees it (uvicorn applies X-Forwarded-For only from
    the proxies it trusts: ``--forwarded-allow-ips``, by default 127.0.0.1)."""
    return request.client.host if request.client is not None else ""


def address_group(address: str) -> str:
    """What one address is counted as: an IPv4 address, an IPv6 /64, or the text itself."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]").split("%")[0])
    except ValueError:
        return address.strip()[:200]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class LoginThrottle:
    """The limits of one hub's settings, counted in its database; ``clock`` for tests."""

    def __init__(self, settings: HubSettings, secret: bytes, clock: Clock = utc_now) -> None:
        self._key = hmac.new(secret, _KEY_PURPOSE, hashlib.sha256).digest()
        window = dt.timedelta(minutes=settings.login_window_minutes)
        lockout = dt.timedelta(minutes=settings.login_lockout_minutes)
        self._user = Limit(USER, settings.login_max_failures, window, lockout)
        per_address = settings.login_max_failures_per_address
        self._address = Limit(ADDRESS, per_address, window, lockout) if per_address else None
        self.clock = clock

    def counters(self, email: str, address: str) -> tuple[Counter, ...]:
        """The counters of an attempt, in key order (rows are always locked in that order,
        so two attempts never wait for each other's rows in a cycle)."""
        found = [Counter(self._hash(USER, normalised_email(email)), self._user)]
        if self._address is not None:
            found.append(Counter(self._hash(ADDRESS, address_group(address)), self._address))
        return tuple(sorted(found, key=lambda counter: counter.key))

    def refusal(self, session: Session, counters: Sequence[Counter]) -> LoginLocked | None:
        """Whether the counters refuse an attempt now: one read, no transaction left open (a
        refused attempt writes nothing, unless its refusal is due in the audit chain)."""
        keys = [counter.key for counter in counters]
        rows = read_only(session).execute(select(_TABLE).where(_TABLE.c.key.in_(keys))).all()
        session.rollback()
        return self._locked(counters, {row.key: row for row in rows}, self.clock())

    def charge(self, session: Session, counters: Sequence[Counter]) -> Charge:
        """Count an attempt as a failure of each counter, in the caller's transaction (its
        rows stay locked until the caller commits); LoginLocked, and nothing counted (the
        caller rolls back), when a counter refuses it."""
        now = self.clock()
        self._purge(session, now)
        rows = {counter.key: self._locked_row(session, counter, now) for counter in counters}
        locked = self._locked(counters, rows, now)
        if locked is not None:
            raise locked
        failures: dict[str, int] = {}
        locking: list[Counter] = []
        for counter in counters:
            row, limit = rows[counter.key], counter.limit
            start, count = row.window_started_at, row.failures + 1
            if start + limit.window <= now:  # the window is over: a new one begins
                start, count = now, 1
            lock = now + limit.lockout if count >= limit.max_failures else None
            if lock is not None:
                locking.append(counter)
            expires = max(start + limit.window, lock or now)
            session.execute(
                update(_TABLE)
                .where(_TABLE.c.key == counter.key)
                .values(
                    failures=count, window_started_at=start, locked_until=lock, expires_at=expires
                )
            )
            failures[counter.scope] = count
        return Charge(tuple(counters), failures, tuple(locking))

    def succeeded(self, session: Session, charge: Charge) -> None:
        """The charged attempt's password was right: the e-mail's count starts again, the
        address's loses this attempt (and the lockout it began, if it did)."""
        for counter in charge.counters:
            if counter.scope == USER:
                session.execute(delete(_TABLE).where(_TABLE.c.key == counter.key))
                continue
            values: dict[str, Any] = {
                "failures": case((_TABLE.c.failures > 0, _TABLE.c.failures - 1), else_=0)
            }
            if counter in charge.locking:
                values["locked_until"] = None
            session.execute(update(_TABLE).where(_TABLE.c.key == counter.key).values(values))

    def claim_refusal(self, session: Session, counter: Counter) -> bool:
        """Whether this process writes the counter's refusal to the audit chain now (none was
        written in the last minute, by any process), in the caller's transaction."""
        now = self.clock()
        audited = _TABLE.c.refusal_audited_at
        result = session.execute(
            update(_TABLE)
            .where(
                _TABLE.c.key == counter.key,
                or_(audited.is_(None), audited <= now - REFUSAL_AUDIT_INTERVAL),
            )
            .values(refusal_audited_at=now)
        )
        assert isinstance(result, CursorResult)
        return result.rowcount == 1

    def _hash(self, scope: str, value: str) -> str:
        return hmac.new(self._key, f"{scope}\n{value}".encode(), hashlib.sha256).hexdigest()

    def _locked(
        self, counters: Sequence[Counter], rows: dict[str, Row[Any]], now: dt.datetime
    ) -> LoginLocked | None:
        waits, due = [], []
        for counter in counters:
            row = rows.get(counter.key)
            if row is None or row.locked_until is None or row.locked_until <= now:
                continue
            waits.append(row.locked_until - now)
            audited = row.refusal_audited_at
            if audited is None or audited <= now - REFUSAL_AUDIT_INTERVAL:
                due.append(counter)
        return LoginLocked(max(waits), due) if waits else None

    def _locked_row(self, session: Session, counter: Counter, now: dt.datetime) -> Row[Any]:
        """The counter's row, created when missing, and locked until the transaction ends
        (PostgreSQL: the upsert's row lock; SQLite: ``BEGIN IMMEDIATE`` holds the database)."""
        new = {
            "key": counter.key,
            "scope": counter.scope,
            "failures": 0,
            "window_started_at": now,
            "expires_at": now + counter.limit.window,
        }
        insert = _dialect_insert(session).values(new)
        upsert = insert.on_conflict_do_update(
            index_elements=[_TABLE.c.key], set_={"scope": insert.excluded.scope}
        )
        return session.execute(upsert.returning(*_TABLE.columns)).one()

    def _purge(self, session: Session, now: dt.datetime) -> None:
        """Delete some stale rows (window and lockout over); rows another transaction holds
        are skipped, not waited for."""
        stale = (
            select(_TABLE.c.key)
            .where(_TABLE.c.expires_at <= now)
            .limit(_PURGE_BATCH)
            .with_for_update(skip_locked=True)
        )
        session.execute(delete(_TABLE).where(_TABLE.c.key.in_(stale)))


def _dialect_insert(session: Session) -> postgresql.Insert | sqlite.Insert:
    """The database's own INSERT (PostgreSQL or SQLite), which has ``on_conflict_do_update``."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(_TABLE)
    return sqlite.insert(_TABLE)
