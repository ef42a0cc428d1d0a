"""Typology publication (issue 8): the FIU publishes typology and indicator sets (tipflow YAML) to
members; members rate them and report hits.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def _when(name: str) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _refers(name: str, target: str, *, primary_key: bool = False) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer(), sa.ForeignKey(target), nullable=False, primary_key=primary_key
    )


def upgrade() -> None:
    op.create_table(
        "typology_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False, unique=True),
        _refers("organisation_id", "organisations.id"),
        _refers("published_by", "users.id"),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("filename", sa.String(100), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        _when("published_at"),
    )
    op.create_table(
        "typology_version_items",
        _refers("version_id", "typology_versions.id", primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("item_id", sa.String(64), primary_key=True),
    )
    op.create_index("ix_typology_version_items_item_id", "typology_version_items", ["item_id"])
    op.create_table(
        "typology_ratings",
        sa.Column("id", sa.Integer(), primary_key=True),
        _refers("version_id", "typology_versions.id"),
        sa.Column("typology_id", sa.String(64), nullable=False),
        _refers("organisation_id", "organisations.id"),
        _refers("rated_by", "users.id"),
        sa.Column("usefulness", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _when("rated_at"),
        sa.UniqueConstraint(
            "version_id",
            "organisation_id",
            "typology_id",
            name="uq_typology_ratings_version_org_typology",
        ),
    )
    op.create_index("ix_typology_ratings_version_id", "typology_ratings", ["version_id"])
    op.create_table(
        "typology_hits",
        sa.Column("id", sa.Integer(), primary_key=True),
        _refers("version_id", "typology_versions.id"),
        sa.Column("typology_id", sa.String(64), nullable=False),
        _refers("organisation_id", "organisations.id"),
        _refers("reported_by", "users.id"),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("alerts", sa.Integer(), nullable=False),
        sa.Column("reports_filed", sa.Integer(), nullable=False),
        sa.Column("false_positives", sa.Integer(), nullable=False),
        _when("reported_at"),
        sa.UniqueConstraint(
            "version_id",
            "organisation_id",
            "typology_id",
            "month",
            name="uq_typology_hits_version_org_typology_month",
        ),
    )
    op.create_index("ix_typology_hits_version_id", "typology_hits", ["version_id"])
    op.create_table(
        "typology_hits_reports",
        _refers("hits_id", "typology_hits.id", primary_key=True),
        _refers("report_id", "reports.id", primary_key=True),
    )
    op.create_index("ix_typology_hits_reports_report_id", "typology_hits_reports", ["report_id"])


def downgrade() -> None:
    for table in (
        "typology_hits_reports",
        "typology_hits",
        "typology_ratings",
        "typology_version_items",
        "typology_versions",
    ):
        op.drop_table(table)
