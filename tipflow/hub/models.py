"""The hub's tables as SQLAlchemy ORM classes; migrations/versions/ creates them.

Every datetime is stored in UTC and read back as an aware datetime, on SQLite too (which keeps
no offset), so that the audit chain hashes the same text on every database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back with its UTC offset."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the hub stores aware datetimes only")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UtcDateTime()}


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    org_type: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ApiToken(Base):
    """A bearer token; only its keyed hash is stored, the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column()

    user: Mapped[User] = relationship(lazy="joined")


class Report(Base):
    """A suspicious transaction report as submitted (raw) and as the hub read it (summary)."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("organisation_id", "sha256", name="uq_reports_org_sha256"),
        UniqueConstraint("organisation_id", "entity_reference", name="uq_reports_org_reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    entity_reference: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    #: JSON text: counts, amounts, dates, the reason; personal data (reading it is audited).
    summary: Mapped[str] = mapped_column(Text)
    transaction_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), index=True)
    received_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column()

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    indicators: Mapped[list[ReportIndicator]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="ReportIndicator.code"
    )


class ReportIndicator(Base):
    __tablename__ = "report_indicators"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class Disclosure(Base):
    """A package of reports the FIU disseminates to one law-enforcement organisation."""

    __tablename__ = "disclosures"

    id: Mapped[int] = mapped_column(primary_key=True)
    from_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    to_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    reports: Mapped[list[DisclosureReport]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="DisclosureReport.report_id"
    )


class DisclosureReport(Base):
    __tablename__ = "disclosure_reports"

    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), primary_key=True, index=True)


class Outcome(Base):
    """What law enforcement did with a disclosure."""

    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    disclosure_id: Mapped[int] = mapped_column(ForeignKey("disclosures.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class Feedback(Base):
    """The FIU's word to the reporting entity on one of its reports."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    from_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    usefulness: Mapped[int] = mapped_column(Integer)
    quality_notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class AuditEntry(Base):
    """One row of the append-only audit log; ``row_hash`` chains it to the row before.

    ``id`` is assigned by the hub (previous id + 1) under a lock, not by a sequence, so that a
    gap always means a deleted row (a sequence skips numbers on every rolled-back insert).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column()
    actor_user_id: Mapped[int | None] = mapped_column(Integer)
    actor_organisation_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(String(64))
    #: JSON text of non-personal details (counts, statuses, ids); never report contents.
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest audit row's id and hash: without it, deleting the last rows leaves no gap."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class PartnershipKey(Base):
    """The fingerprint of the partnership key the hub's tokens are made with (one row).

    Set by the first token upload, or by an FIU admin (key rotation); uploads under another
    key are refused, and uploads made before a rotation are left out of the linkage.
    """

    __tablename__ = "partnership_key"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    set_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    set_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class TokenUpload(Base):
    """One institution's token file (``tipflow share tokens``): what it holds, never who.

    The newest upload of an organisation replaces its earlier ones: their files are deleted
    and ``replaced_at`` set; the rows stay as the record of what was shared when.
    """

    __tablename__ = "token_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    format_version: Mapped[int] = mapped_column(Integer)
    #: JSON list of the institution ids in the file (pseudonymous names of the tokens' holders).
    institutions: Mapped[str] = mapped_column(Text)
    records: Mapped[int] = mapped_column(Integer)
    flagged_records: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    #: JSON object: rows per kind.
    counts: Mapped[str] = mapped_column(Text)
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    replaced_at: Mapped[dt.datetime | None] = mapped_column()

    organisation: Mapped[Organisation] = relationship(lazy="joined")


class TokenFile(Base):
    """The bytes of an upload's tokens.parquet, kept while the upload is its newest."""

    __tablename__ = "token_files"

    upload_id: Mapped[int] = mapped_column(ForeignKey("token_uploads.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class NgoDataPoint(Base):
    """An NGO's anonymised finance data point from a survivor's case (schemas_ngo.NewDataPoint):
    countable fields as columns, the sensitive ones (amounts, debts, pseudonyms, narrative)
    sealed in ``sealed``. Deleted for good on request; the audit chain keeps the receipt."""

    __tablename__ = "ngo_data_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    consent_basis: Mapped[str] = mapped_column(String(32))
    consent_scope: Mapped[str] = mapped_column(String(32))
    consent_recorded_on: Mapped[dt.date] = mapped_column(Date)
    crime: Mapped[str] = mapped_column(String(32))
    began: Mapped[str] = mapped_column(String(7))
    age_band: Mapped[str] = mapped_column(String(16))
    origin_country: Mapped[str] = mapped_column(String(2))
    destination_country: Mapped[str] = mapped_column(String(2))
    sector: Mapped[str | None] = mapped_column(String(1))
    account_control: Mapped[str] = mapped_column(String(32))
    documents_held_by_controller: Mapped[bool | None] = mapped_column(Boolean)
    #: JSON lists of codes: exploitation, transit_countries, payment_channels,
    #: wage_arrangements, indicator_ids (one object, to keep the row one table).
    lists: Mapped[str] = mapped_column(Text)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    receipt_salt: Mapped[str] = mapped_column(String(32))
    content_sha256: Mapped[str] = mapped_column(String(64))


class TacticalRequest(Base):
    """The FIU or police asking member institutions about pseudonymised identifiers of their
    targets (a tactical request); members see which targets their own tokens hold, and answer."""

    __tablename__ = "tactical_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    purpose: Mapped[str] = mapped_column(Text)
    case_reference: Mapped[str] = mapped_column(String(255), default="")
    #: The partnership key the targets' pseudonyms were made with (the hub's, when created).
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    deadline: Mapped[dt.datetime] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class TacticalTarget(Base):
    """One pseudonymised identifier a tactical request asks about (kind and HMAC token)."""

    __tablename__ = "tactical_targets"

    request_id: Mapped[int] = mapped_column(ForeignKey("tactical_requests.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), primary_key=True)


class TacticalAddressee(Base):
    """An institution (reporting entity) a tactical request is addressed to."""

    __tablename__ = "tactical_addressees"

    request_id: Mapped[int] = mapped_column(ForeignKey("tactical_requests.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id"), primary_key=True, index=True
    )


class TacticalAnswer(Base):
    """An institution's answer to a tactical request; a new answer replaces it (audited)."""

    __tablename__ = "tactical_answers"
    __table_args__ = (
        UniqueConstraint("request_id", "organisation_id", name="uq_tactical_answers_request_org"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("tactical_requests.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    answered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    #: Kept when the answer is replaced: the time to answer (KPI) counts from the first one.
    first_answered_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    answered_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class TacticalAnswerReport(Base):
    """An STR of the answering institution, already at the hub, that its answer points to."""

    __tablename__ = "tactical_answer_reports"

    answer_id: Mapped[int] = mapped_column(ForeignKey("tactical_answers.id"), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), primary_key=True)


# Typology publication's, triage history's and login throttling's tables are in their own
# modules (this one's length); imported here so that Base.metadata always holds every table
# the migrations create.
import tipflow.hub.models_throttle  # noqa: E402
import tipflow.hub.models_triage  # noqa: E402
import tipflow.hub.models_typologies  # noqa: E402, F401
