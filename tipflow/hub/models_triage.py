"""The history of a report's triage (SQLAlchemy ORM; migration 0007 creates it): each status
the FIU set by hand, when, by whom and why.

The report row keeps only its current status; this table keeps the reasons, which are the
FIU's own words and may name people, so they stay out of the audit chain's details (which
records the change itself, by id and status).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tipflow.hub.models import Base, utc_now


class ReportStatusChange(Base):
    __tablename__ = "report_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
