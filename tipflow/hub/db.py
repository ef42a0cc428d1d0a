"""The hub's database: engine, sessions and migrations (Alembic, shipped in this package).

On SQLite every transaction starts with ``BEGIN IMMEDIATE``: the hub reads the audit chain's
head and appends to it in one transaction, and SQLite's default deferred transactions would
let two of them read the same head and then deadlock on the write. On PostgreSQL the audit
module takes a transaction-scoped advisory lock instead.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, Insert, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str, pool_size: int = 5) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith("sqlite"):
        # Overflow connections are closed when returned: a few for bursts, not for steady load.
        return create_engine(
            url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max(2, pool_size // 4)
        )
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver's own BEGIN off: ours below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL: readers do not block the writer, and a commit is one append to the log;
        # synchronous=NORMAL syncs the log at checkpoints, so a power cut may lose the last
        # commits but never corrupts the database (a killed process loses nothing).
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(READ_ONLY):
            return  # one read in the driver's autocommit: WAL readers need no lock
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


#: Execution option for a connection that only reads (on SQLite: no ``BEGIN IMMEDIATE``, so
#: no write lock; each statement is its own read transaction). See ``read_only``.
READ_ONLY = "tipflow_read_only"


def read_only(session: Session) -> Connection:
    """The session's connection for one read outside a transaction: no write lock on SQLite,
    and on PostgreSQL autocommit (no BEGIN and ROLLBACK round trips). End it with
    ``session.rollback()`` before the session writes."""
    if session.get_bind().dialect.name == "postgresql":
        return session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return session.connection(execution_options={READ_ONLY: True})


#: Serialises this process's SQLite write transactions on the intake path. Without it, writer
#: threads queue in SQLite's busy handler, which sleeps and retries (up to 100 ms a time), and
#: under load the sleeping starves throughput; a lock hands the database over at once.
_SQLITE_WRITER = threading.Lock()


@contextmanager
def sqlite_writer(session: Session) -> Iterator[None]:
    """Hold the process's SQLite writer lock for a transaction (a no-op on PostgreSQL); the
    caller must end the transaction (commit or rollback) inside the block."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    with _SQLITE_WRITER:
        yield


def insert_ignoring_conflicts(session: Session, table: Table) -> Insert:
    """``INSERT ... ON CONFLICT DO NOTHING`` on the session's database (PostgreSQL or SQLite):
    a row that would break a unique constraint is not inserted, and no error is raised (on
    PostgreSQL after waiting for a concurrent insert of the same key to commit)."""
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[session.get_bind().dialect.name]
    statement: Insert = dialect.insert(table).on_conflict_do_nothing()
    return statement


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration pointing at the package's migrations; no .ini file needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to ``revision`` (idempotent)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
