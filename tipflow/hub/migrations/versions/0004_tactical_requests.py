"""Tactical requests (issue 8): the FIU or police ask member institutions about pseudonymised
identifiers; members see matches among their own tokens and answer.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _key(name: str, target: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey(target), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "tactical_requests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("case_reference", sa.String(255), nullable=False),
        sa.Column("key_fingerprint", sa.String(64), nullable=False),
        _when("deadline"),
        _when("created_at"),
    )
    op.create_index(
        "ix_tactical_requests_organisation_id", "tactical_requests", ["organisation_id"]
    )
    op.create_table(
        "tactical_targets",
        _key("request_id", "tactical_requests.id"),
        sa.Column("kind", sa.String(32), primary_key=True),
        sa.Column("pseudonym", sa.String(64), primary_key=True),
    )
    op.create_table(
        "tactical_addressees",
        _key("request_id", "tactical_requests.id"),
        _key("organisation_id", "organisations.id"),
    )
    op.create_index(
        "ix_tactical_addressees_organisation_id", "tactical_addressees", ["organisation_id"]
    )
    op.create_table(
        "tactical_answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "request_id", sa.Integer(), sa.ForeignKey("tactical_requests.id"), nullable=False
        ),
        sa.Column(
            "organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"), nullable=False
        ),
        sa.Column("answered_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _when("first_answered_at"),
        _when("answered_at"),
        sa.UniqueConstraint(
            "request_id", "organisation_id", name="uq_tactical_answers_request_org"
        ),
    )
    op.create_index("ix_tactical_answers_request_id", "tactical_answers", ["request_id"])
    op.create_table(
        "tactical_answer_reports",
        _key("answer_id", "tactical_answers.id"),
        _key("report_id", "reports.id"),
    )


def downgrade() -> None:
    for table in (
        "tactical_answer_reports",
        "tactical_answers",
        "tactical_addressees",
        "tactical_targets",
        "tactical_requests",
    ):
        op.drop_table(table)
