"""The first schema: organisations, users, tokens, reports, disclosures, outcomes, feedback,
and the hash-chained audit log.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("org_type", sa.String(32), nullable=False),
        _when("created_at"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_users_organisation_id", "users", ["organisation_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        _when("created_at"),
        _when("expires_at", nullable=True),
        _when("revoked_at", nullable=True),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("submitted_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("entity_reference", sa.String(255), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("transaction_count", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        _when("received_at"),
        _when("status_changed_at", nullable=True),
        sa.UniqueConstraint("organisation_id", "sha256", name="uq_reports_org_sha256"),
        sa.UniqueConstraint("organisation_id", "entity_reference", name="uq_reports_org_reference"),
    )
    op.create_index("ix_reports_organisation_id", "reports", ["organisation_id"])
    op.create_index("ix_reports_status", "reports", ["status"])
    op.create_table(
        "report_indicators",
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id"), primary_key=True),
        sa.Column("code", sa.String(64), primary_key=True),
    )
    op.create_index("ix_report_indicators_code", "report_indicators", ["code"])
    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "from_organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column(
            "to_organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_disclosures_to_organisation_id", "disclosures", ["to_organisation_id"])
    op.create_table(
        "disclosure_reports",
        sa.Column("disclosure_id", sa.Integer(), sa.ForeignKey("disclosures.id"), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id"), primary_key=True),
    )
    op.create_index("ix_disclosure_reports_report_id", "disclosure_reports", ["report_id"])
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("disclosure_id", sa.Integer(), sa.ForeignKey("disclosures.id"), nullable=False),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("recorded_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _when("recorded_at"),
    )
    op.create_index("ix_outcomes_disclosure_id", "outcomes", ["disclosure_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id"), nullable=False),
        sa.Column(
            "from_organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("usefulness", sa.Integer(), nullable=False),
        sa.Column("quality_notes", sa.Text(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_feedback_report_id", "feedback", ["report_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        _when("at"),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_organisation_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(64), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("row_hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "audit_head",
        "audit_log",
        "feedback",
        "outcomes",
        "disclosure_reports",
        "disclosures",
        "report_indicators",
        "reports",
        "api_tokens",
        "users",
        "organisations",
    ):
        op.drop_table(table)
