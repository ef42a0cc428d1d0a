"""What one running hub holds: settings, the database, the password hasher, the token key and
the data key."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tipflow.hub.db import make_engine, make_sessionmaker, migrate
from tipflow.hub.sealing import Sealer
from tipflow.hub.security import Passwords
from tipflow.hub.settings import HubSettings


@dataclass(frozen=True)
class HubState:
    settings: HubSettings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: Passwords
    secret: bytes
    #: Seals sensitive fields at rest (NGO case data points).
    sealer: Sealer

    @classmethod
    def open(cls, settings: HubSettings, *, migrate_schema: bool) -> HubState:
        engine = make_engine(settings.resolved_database_url(), settings.database_pool_size)
        if migrate_schema:
            migrate(engine)
        return cls(
            settings=settings,
            engine=engine,
            sessions=make_sessionmaker(engine),
            passwords=Passwords(
                time_cost=settings.argon2_time_cost, memory_kib=settings.argon2_memory_kib
            ),
            secret=settings.resolved_secret(),
            sealer=Sealer(settings.resolved_data_keys()),
        )
