"""The tables of typology publication (SQLAlchemy ORM; migration 0005 creates them): published
versions of the typology set, the ids each holds, members' ratings and hits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tipflow.hub.models import Base, utc_now


class TypologyVersion(Base):
    """One published version of the partnership's typology set: the YAML as the FIU sent it
    (what members download and screen with), its SHA-256, and the ids it holds (``items``)."""

    __tablename__ = "typology_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    published_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text, default="")  # what changed since the last version
    filename: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    document: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # loaded for downloads
    published_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    items: Mapped[list[TypologyVersionItem]] = relationship(
        lazy="selectin",
        cascade="all, delete-orphan",
        order_by="(TypologyVersionItem.kind, TypologyVersionItem.item_id)",
    )


class TypologyVersionItem(Base):
    """A typology or indicator id in a published version, for queries by id."""

    __tablename__ = "typology_version_items"

    version_id: Mapped[int] = mapped_column(ForeignKey("typology_versions.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # typology or indicator
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class TypologyRating(Base):
    """A reporting entity's usefulness rating (1-5) of one typology of a version; rating again
    replaces it (audited)."""

    __tablename__ = "typology_ratings"
    __table_args__ = (
        UniqueConstraint(
            "version_id",
            "organisation_id",
            "typology_id",
            name="uq_typology_ratings_version_org_typology",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("typology_versions.id"), index=True)
    typology_id: Mapped[str] = mapped_column(String(64))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    rated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    usefulness: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class TypologyHits(Base):
    """What one typology of a version raised at one institution in one month: alerts, the
    reports (STRs) they became, the false positives found on review. Reporting the same month
    again replaces the figures (audited), so that nothing is counted twice."""

    __tablename__ = "typology_hits"
    __table_args__ = (
        UniqueConstraint(
            "version_id",
            "organisation_id",
            "typology_id",
            "month",
            name="uq_typology_hits_version_org_typology_month",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("typology_versions.id"), index=True)
    typology_id: Mapped[str] = mapped_column(String(64))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    reported_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    alerts: Mapped[int] = mapped_column(Integer)
    reports_filed: Mapped[int] = mapped_column(Integer)
    false_positives: Mapped[int] = mapped_column(Integer)
    reported_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    reports: Mapped[list[TypologyHitsReport]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="TypologyHitsReport.report_id"
    )


class TypologyHitsReport(Base):
    """A report at the hub that the institution filed from these hits (its outcomes count)."""

    __tablename__ = "typology_hits_reports"

    hits_id: Mapped[int] = mapped_column(ForeignKey("typology_hits.id"), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), primary_key=True, index=True)
