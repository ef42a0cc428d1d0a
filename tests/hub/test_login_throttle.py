"""Login throttling's rules with an injected clock, on SQLite and PostgreSQL (the ``hub``
fixture): failures per e-mail and per client address, lockouts that check no password, the
window, resets, two hub processes sharing the counters, parallel attempts, the audit rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.hub.conftest import PASSWORD, Hub
from tipflow.hub.audit import verify_chain
from tipflow.hub.logins import log_in
from tipflow.hub.models import AuditEntry, User
from tipflow.hub.models_throttle import LoginThrottleRow
from tipflow.hub.security import Passwords
from tipflow.hub.state import HubState
from tipflow.hub.throttle import LoginLocked, LoginThrottle, address_group

ANA = "analyst@fiu.example"
WRONG = "not the password at all"
HERE, THERE = "192.0.2.10", "198.51.100.7"


class Clock:
    """A settable clock for the throttle (the rest of the hub keeps real time)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2027, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


class CountingPasswords(Passwords):
    """Passwords that count how many were checked (thread-safe)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_kib=64)
        self.checked = 0
        self._lock = threading.Lock()

    def verify(self, password_hash: str | None, password: str) -> bool:
        with self._lock:
            self.checked += 1
        return super().verify(password_hash, password)


@dataclasses.dataclass
class Throttled:
    state: HubState
    clock: Clock
    passwords: CountingPasswords

    def attempt(self, email: str, password: str, address: str = HERE) -> str:
        """``ok``, ``wrong`` or ``locked <seconds>``."""
        with self.state.sessions() as session:
            try:
                started = log_in(self.state, session, email, password, address)
            except LoginLocked as locked:
                return f"locked {locked.seconds}"
        return "wrong" if started is None else "ok"


def throttled(hub: Hub, clock: Clock | None = None, **limits: Any) -> Throttled:
    """The hub's state with the throttle on ``clock`` and ``limits`` (settings fields)."""
    clock = clock or Clock()
    settings = hub.state.settings.model_copy(update=limits)
    passwords = CountingPasswords()
    state = dataclasses.replace(
        hub.state,
        settings=settings,
        passwords=passwords,
        throttle=LoginThrottle(settings, hub.state.secret, clock),
    )
    hub.app.state.hub = state
    return Throttled(state, clock, passwords)


def _actions(hub: Hub) -> list[tuple[str, str | None, str]]:
    with hub.state.sessions() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.object_id, AuditEntry.detail)
            .where(AuditEntry.action.like("login_%"))
            .order_by(AuditEntry.id)
        ).all()
    return [(row.action, row.object_id, row.detail) for row in rows]


def test_five_failures_lock_the_email_without_checking_its_password(hub: Hub) -> None:
    t = throttled(hub)
    assert [t.attempt(ANA, WRONG) for _ in range(5)] == ["wrong"] * 5
    assert t.passwords.checked == 5
    assert t.attempt(ANA, PASSWORD) == "locked 900"  # the right password: not even checked
    assert t.passwords.checked == 5
    t.clock.advance(minutes=14, seconds=30)
    assert t.attempt(ANA, PASSWORD) == "locked 30"
    assert t.attempt(" Analyst@FIU.example", PASSWORD) == "locked 30"  # the same e-mail
    assert t.attempt("admin@fiu.example", PASSWORD) == "ok"  # another user is not locked
    t.clock.advance(seconds=30)
    assert t.attempt(ANA, PASSWORD) == "ok"


def test_the_message_gives_whole_minutes() -> None:
    assert str(LoginLocked(dt.timedelta(minutes=15))) == (
        "too many failed sign-ins; try again in 15 minutes"
    )
    one = LoginLocked(dt.timedelta(seconds=30))
    assert (one.seconds, str(one)) == (30, "too many failed sign-ins; try again in 1 minute")
    assert LoginLocked(dt.timedelta(seconds=61)).minutes == 2


def test_failures_count_within_the_window_only(hub: Hub) -> None:
    t = throttled(hub)
    for _ in range(4):
        assert t.attempt(ANA, WRONG) == "wrong"
        t.clock.advance(minutes=3)
    # the first failure (12 min ago) is still in the window: the fifth locks
    assert t.attempt(ANA, WRONG) == "wrong"
    assert t.attempt(ANA, PASSWORD).startswith("locked")
    t.clock.advance(minutes=15)
    for _ in range(4):
        assert t.attempt(ANA, WRONG) == "wrong"
    t.clock.advance(minutes=15)  # the window of those four is over: counting starts again
    assert [t.attempt(ANA, WRONG) for _ in range(4)] == ["wrong"] * 4
    assert t.attempt(ANA, PASSWORD) == "ok"


def test_a_successful_login_resets_the_count(hub: Hub) -> None:
    t = throttled(hub)
    assert [t.attempt(ANA, WRONG) for _ in range(4)] == ["wrong"] * 4
    assert t.attempt(ANA, PASSWORD) == "ok"
    assert [t.attempt(ANA, WRONG) for _ in range(4)] == ["wrong"] * 4
    assert t.attempt(ANA, PASSWORD) == "ok"


def test_unknown_emails_are_counted_and_refused_alike(hub: Hub) -> None:
    t = throttled(hub)
    unknown = "nobody@nowhere.example"
    assert [t.attempt(unknown, WRONG) for _ in range(5)] == ["wrong"] * 5
    assert t.attempt(unknown, WRONG) == "locked 900"
    assert t.passwords.checked == 5
    with hub.state.sessions() as session:  # the table holds keyed hashes, not the e-mails
        keys = list(session.scalars(select(LoginThrottleRow.key)))
    assert keys and all(len(key) == 64 and "@" not in key for key in keys)


def test_one_address_cannot_try_many_emails(hub: Hub) -> None:
    t = throttled(hub, login_max_failures_per_address=6)
    for number in range(6):
        assert t.attempt(f"guess{number}@fiu.example", WRONG) == "wrong"
    # a user this address never tried, with the right password: refused from here
    assert t.attempt("admin@fiu.example", PASSWORD) == "locked 900"
    assert t.passwords.checked == 6
    assert t.attempt("admin@fiu.example", PASSWORD, address=THERE) == "ok"
    # an IPv6 host is counted per /64: another address of the same /64 is the same
    v6 = throttled(hub, login_max_failures_per_address=2)
    assert v6.attempt("a@b.example", WRONG, "2001:db8:1:2::5") == "wrong"
    assert v6.attempt("c@d.example", WRONG, "2001:db8:1:2:aaaa::9") == "wrong"
    assert v6.attempt(ANA, PASSWORD, "2001:db8:1:2::77").startswith("locked")
    assert v6.attempt(ANA, PASSWORD, "2001:db8:1:3::5") == "ok"


def test_logging_in_gives_back_only_its_own_attempt_to_the_address(hub: Hub) -> None:
    t = throttled(hub, login_max_failures_per_address=3)
    assert t.attempt("x@y.example", WRONG) == "wrong"
    assert t.attempt("z@y.example", WRONG) == "wrong"
    assert t.attempt(ANA, PASSWORD) == "ok"  # the third attempt locked, then gave it back
    assert t.attempt("admin@fiu.example", PASSWORD) == "ok"
    assert t.attempt("w@y.example", WRONG) == "wrong"  # the third failure
    assert t.attempt(ANA, PASSWORD).startswith("locked")


def test_no_limit_per_address_when_set_to_zero(hub: Hub) -> None:
    t = throttled(hub, login_max_failures_per_address=0)
    for number in range(25):
        assert t.attempt(f"guess{number}@fiu.example", WRONG) == "wrong"
    assert t.attempt(ANA, PASSWORD) == "ok"


def test_addresses_are_grouped() -> None:
    assert address_group("192.0.2.1") == "192.0.2.1"
    assert address_group("::ffff:192.0.2.1") == "192.0.2.1"
    assert address_group("2001:db8::1") == address_group("[2001:db8::ffff:1]") == "2001:db8::/64"
    assert address_group("fe80::1%eth0") == "fe80::/64"
    assert address_group("testclient") == "testclient" and address_group("") == ""


def test_two_hub_processes_share_the_counts(hub: Hub) -> None:
    """Each worker process opens its own engine on the same database: the counts are there."""
    t = throttled(hub)
    other_state = HubState.open(t.state.settings, migrate_schema=False)
    throttle = LoginThrottle(other_state.settings, other_state.secret, t.clock)
    other = Throttled(
        dataclasses.replace(other_state, passwords=t.passwords, throttle=throttle),
        t.clock,
        t.passwords,
    )
    try:
        outcomes = [(t if n % 2 else other).attempt(ANA, WRONG) for n in range(5)]
        assert outcomes == ["wrong"] * 5
        assert other.attempt(ANA, PASSWORD) == t.attempt(ANA, PASSWORD) == "locked 900"
    finally:
        other_state.engine.dispose()


def test_parallel_attempts_check_no_more_passwords_than_the_limit(hub: Hub) -> None:
    t = throttled(hub)
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda _: t.attempt(ANA, WRONG), range(16)))
    assert sorted(outcomes) == ["locked 900"] * 11 + ["wrong"] * 5
    assert t.passwords.checked == 5


def test_failures_lockouts_and_refusals_are_audited(hub: Hub) -> None:
    t = throttled(hub)
    with hub.state.sessions() as session:
        ana = session.scalar(select(User.id).where(User.email == ANA))
    for _ in range(5):
        t.attempt(ANA, WRONG)
    for _ in range(3):  # refusals within a minute: one audit row
        assert t.attempt(ANA, PASSWORD).startswith("locked")
    t.clock.advance(minutes=1)
    assert t.attempt(ANA, PASSWORD).startswith("locked")
    t.attempt("nobody@nowhere.example", WRONG)
    expected = [("login_failed", str(ana), f'{{"failures":{n}}}') for n in range(1, 6)]
    expected += [
        ("login_lockout", str(ana), '{"minutes":15.0,"scope":"user"}'),
        ("login_refused", str(ana), '{"scope":"user"}'),
        ("login_refused", str(ana), '{"scope":"user"}'),
        ("login_failed", None, '{"failures":1}'),  # an unknown e-mail: no user
    ]
    assert _actions(hub) == expected
    with hub.state.sessions() as session:
        assert verify_chain(session).ok
        details = " ".join(session.scalars(select(AuditEntry.detail)))
    assert "@" not in details and HERE not in details


def test_stale_counters_are_deleted(hub: Hub) -> None:
    t = throttled(hub)
    for number in range(3):
        t.attempt(f"guess{number}@fiu.example", WRONG)
    t.clock.advance(minutes=16)
    t.attempt(ANA, WRONG)
    with hub.state.sessions() as session:
        rows = session.scalar(select(func.count()).select_from(LoginThrottleRow))
    assert rows == 2  # this attempt's e-mail and address; the older ones are gone


def test_the_limits_have_defaults_and_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tipflow.hub.settings import HubSettings

    defaults = HubSettings()
    assert (defaults.login_max_failures, defaults.login_window_minutes) == (5, 15.0)
    assert (defaults.login_lockout_minutes, defaults.login_max_failures_per_address) == (15, 20)
    monkeypatch.setenv("TIPFLOW_HUB_LOGIN_MAX_FAILURES", "3")
    monkeypatch.setenv("TIPFLOW_HUB_LOGIN_LOCKOUT_MINUTES", "60")
    monkeypatch.setenv("TIPFLOW_HUB_LOGIN_MAX_FAILURES_PER_ADDRESS", "0")
    settings = HubSettings.from_environment()
    assert (settings.login_max_failures, settings.login_lockout_minutes) == (3, 60.0)
    assert settings.login_max_failures_per_address == 0
