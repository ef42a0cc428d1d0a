"""NGO case data points (issue 8): anonymised finance data points from survivors' cases, with
consent, sensitive fields encrypted at rest, deletion on request with proof.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def _text(name: str, length: int, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "ngo_data_points",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("submitted_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        _text("consent_basis", 32),
        _text("consent_scope", 32),
        sa.Column("consent_recorded_on", sa.Date(), nullable=False),
        _text("crime", 32),
        _text("began", 7),
        _text("age_band", 16),
        _text("origin_country", 2),
        _text("destination_country", 2),
        _text("sector", 1, nullable=True),
        _text("account_control", 32),
        sa.Column("documents_held_by_controller", sa.Boolean(), nullable=True),
        sa.Column("lists", sa.Text(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        _text("receipt_salt", 32),
        _text("content_sha256", 64),
    )
    op.create_index("ix_ngo_data_points_organisation_id", "ngo_data_points", ["organisation_id"])


def downgrade() -> None:
    op.drop_index("ix_ngo_data_points_organisation_id", "ngo_data_points")
    op.drop_table("ngo_data_points")
