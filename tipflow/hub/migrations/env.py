"""Alembic environment: runs on the connection ``tipflow.hub.db.migrate`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from tipflow.hub.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run the hub's migrations through tipflow.hub.db.migrate")
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("the hub's migrations run online only (tipflow.hub.db.migrate)")
run_migrations_online()
