"""Alembic migrations of the hub's database (run through ``tipflow.hub.db.migrate``)."""
