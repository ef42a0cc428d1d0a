"""The partnership's key figures: reports, disclosures, time to disclosure, outcomes, feedback.

Counts and averages only, never report content; computed in the database where it is a count,
in Python where it is a median (portable across SQLite and PostgreSQL).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tipflow.hub.models import (
    Disclosure,
    DisclosureReport,
    Feedback,
    Organisation,
    Outcome,
    Report,
    ReportIndicator,
)
from tipflow.hub.schemas import Kpis


def _counts(session: Session, query: Select[str, int]) -> dict[str, int]:
    return {str(name): int(count) for name, count in session.execute(query)}


def _hours(received: dt.datetime, disclosed: dt.datetime) -> float:
    return (disclosed - received).total_seconds() / 3600


def compute_kpis(session: Session) -> Kpis:
    by_indicator = _counts(
        session,
        select(ReportIndicator.code, func.count())
        .group_by(ReportIndicator.code)
        .order_by(ReportIndicator.code),
    )
    by_institution = _counts(
        session,
        select(Organisation.name, func.count(Report.id))
        .join(Report, Report.organisation_id == Organisation.id)
        .group_by(Organisation.name)
        .order_by(Organisation.name),
    )
    outcomes = _counts(
        session,
        select(Outcome.kind, func.count()).group_by(Outcome.kind).order_by(Outcome.kind),
    )
    first_disclosed = (
        select(DisclosureReport.report_id, func.min(Disclosure.created_at).label("first"))
        .join(Disclosure, Disclosure.id == DisclosureReport.disclosure_id)
        .group_by(DisclosureReport.report_id)
        .subquery()
    )
    pairs = session.execute(
        select(Report.received_at, first_disclosed.c.first).join(
            first_disclosed, first_disclosed.c.report_id == Report.id
        )
    ).all()
    hours = [_hours(received, disclosed) for received, disclosed in pairs]
    scores = list(session.scalars(select(Feedback.usefulness)))
    return Kpis(
        reports=int(session.scalar(select(func.count(Report.id))) or 0),
        reports_by_indicator=by_indicator,
        reports_by_institution=by_institution,
        disclosures=int(session.scalar(select(func.count(Disclosure.id))) or 0),
        reports_disclosed=len(pairs),
        median_hours_to_disclosure=round(statistics.median(hours), 3) if hours else None,
        outcomes=outcomes,
        feedback_count=len(scores),
        mean_feedback_score=round(statistics.fmean(scores), 3) if scores else None,
    )


def kpis_csv(kpis: Kpis) -> str:
    """The figures as ``metric,key,value`` rows (one per count), for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["metric", "key", "value"])
    writer.writerow(["reports", "", kpis.reports])
    for code, count in kpis.reports_by_indicator.items():
        writer.writerow(["reports_by_indicator", code, count])
    for name, count in kpis.reports_by_institution.items():
        writer.writerow(["reports_by_institution", name, count])
    writer.writerow(["disclosures", "", kpis.disclosures])
    writer.writerow(["reports_disclosed", "", kpis.reports_disclosed])
    writer.writerow(["median_hours_to_disclosure", "", _blank(kpis.median_hours_to_disclosure)])
    for kind, count in kpis.outcomes.items():
        writer.writerow(["outcomes", kind, count])
    writer.writerow(["feedback_count", "", kpis.feedback_count])
    writer.writerow(["mean_feedback_score", "", _blank(kpis.mean_feedback_score)])
    return out.getvalue()


def _blank(value: float | None) -> str:
    return "" if value is None else str(value)
