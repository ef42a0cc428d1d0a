"""The audit chain's head row exists from the start (id 1, no rows yet, the genesis hash), so
every append can lock it with ``SELECT ... FOR UPDATE``: the row lock serialises appends on
PostgreSQL in the same round trip that reads the head (it replaces an advisory lock).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_GENESIS = "0" * 64  # the first row's previous hash (audit.GENESIS; migrations stay frozen)


def upgrade() -> None:
    op.execute(
        sa.text(
            "INSERT INTO audit_head (id, last_id, last_hash) SELECT 1, 0, :genesis "
            "WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1)"
        ).bindparams(genesis=_GENESIS)
    )


def downgrade() -> None:
    # An empty chain's head row only; a head that moved records rows and stays.
    op.execute(sa.text("DELETE FROM audit_head WHERE id = 1 AND last_id = 0"))
