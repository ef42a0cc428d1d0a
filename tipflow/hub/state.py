"""What one running hub holds: settings, the database, the password hasher, the token key, the
data key and the login throttle."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tipflow.hub.db import make_engine, make_sessionmaker, migrate
from tipflow.hub.sealing import Sealer
from tipflow.hub.security import Passwords
from tipflow.hub.settings import HubSettings
from tipflow.hub.throttle import LoginThrottle


@dataclass(frozen=True)
class HubState:
    settings: HubSettings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: Passwords
    secret: bytes
    #: Seals sensitive fields at rest (NGO case data points).
    sealer: Sealer
    #: Failed-login limits, counted in the database (every worker process shares them).
    throttle: LoginThrottle

    @classmethod
    def open(cls, settings: HubSettings, *, migrate_schema: bool) -> HubState:
        engine = make_engine(settings.resolved_database_url(), settings.database_pool_size)
        if migrate_schema:
            migrate(engine)
        secret = settings.resolved_secret()
        return cls(
            settings=settings,
            engine=engine,
            sessions=make_sessionmaker(engine),
            passwords=Passwords(
                time_cost=settings.argon2_time_cost, memory_kib=settings.argon2_memory_kib
            ),
            secret=secret,
            sealer=Sealer(settings.resolved_data_keys()),
            throttle=LoginThrottle(settings, secret),
        )
