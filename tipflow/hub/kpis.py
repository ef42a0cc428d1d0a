"""The partnership's key figures: reports, disclosures, time to disclosure, outcomes, feedback,
tactical requests and the time institutions take to answer them, how well each published
typology works (typology_effectiveness.py), NGO data points held and deleted on request.

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

from tipflow.hub.audit import record
from tipflow.hub.auth import Principal
from tipflow.hub.models import (
    AuditEntry,
    Disclosure,
    DisclosureReport,
    Feedback,
    NgoDataPoint,
    Organisation,
    Outcome,
    Report,
    ReportIndicator,
    TacticalAnswer,
    TacticalRequest,
)
from tipflow.hub.ngo_points import DELETE_ACTION
from tipflow.hub.schemas import Kpis
from tipflow.hub.typology_effectiveness import typology_effectiveness
from tipflow.hub.vocabulary import ReportStatus


def _counts(session: Session, query: Select[str, int]) -> dict[str, int]:
    return {str(name): int(count) for name, count in session.execute(query)}


def _hours(received: dt.datetime, disclosed: dt.datetime) -> float:
    return (disclosed - received).total_seconds() / 3600


def reports_by_status(session: Session) -> dict[str, int]:
    """How many reports stand at each status (those with any), in the order of their flow."""
    query = select(Report.status, func.count()).group_by(Report.status)
    counts = _counts(session, query)
    return {s.value: counts[s.value] for s in ReportStatus if s.value in counts}


def read_kpis(session: Session, principal: Principal, fmt: str) -> Kpis:
    """The KPIs, the read audited (``fmt``: how they are shown: json, csv, page)."""
    kpis = compute_kpis(session)
    record(session, principal.actor, "read_kpis", "kpis", None, {"format": fmt})
    session.commit()
    return kpis


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
    by_status = reports_by_status(session)
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
    tactical_answers = _counts(
        session,
        select(TacticalAnswer.status, func.count())
        .group_by(TacticalAnswer.status)
        .order_by(TacticalAnswer.status),
    )
    # from the request to an institution's first answer (a replaced answer keeps its time)
    answer_hours = [
        _hours(asked, answered)
        for asked, answered in session.execute(
            select(TacticalRequest.created_at, TacticalAnswer.first_answered_at).join(
                TacticalAnswer, TacticalAnswer.request_id == TacticalRequest.id
            )
        )
    ]
    return Kpis(
        reports=int(session.scalar(select(func.count(Report.id))) or 0),
        reports_by_indicator=by_indicator,
        reports_by_institution=by_institution,
        reports_by_status=by_status,
        disclosures=int(session.scalar(select(func.count(Disclosure.id))) or 0),
        reports_disclosed=len(pairs),
        median_hours_to_disclosure=round(statistics.median(hours), 3) if hours else None,
        outcomes=outcomes,
        feedback_count=len(scores),
        mean_feedback_score=round(statistics.fmean(scores), 3) if scores else None,
        tactical_requests=int(session.scalar(select(func.count(TacticalRequest.id))) or 0),
        tactical_answers=tactical_answers,
        median_hours_to_tactical_answer=_median(answer_hours),
        typology_effectiveness=typology_effectiveness(session),
        ngo_data_points=int(session.scalar(select(func.count(NgoDataPoint.id))) or 0),
        ngo_data_point_deletions=int(
            session.scalar(
                select(func.count(AuditEntry.id)).where(AuditEntry.action == DELETE_ACTION)
            )
            or 0
        ),
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
    for report_status, count in kpis.reports_by_status.items():
        writer.writerow(["reports_by_status", report_status, count])
    writer.writerow(["disclosures", "", kpis.disclosures])
    writer.writerow(["reports_disclosed", "", kpis.reports_disclosed])
    writer.writerow(["median_hours_to_disclosure", "", _blank(kpis.median_hours_to_disclosure)])
    for kind, count in kpis.outcomes.items():
        writer.writerow(["outcomes", kind, count])
    writer.writerow(["feedback_count", "", kpis.feedback_count])
    writer.writerow(["mean_feedback_score", "", _blank(kpis.mean_feedback_score)])
    writer.writerow(["tactical_requests", "", kpis.tactical_requests])
    for answer_status, count in kpis.tactical_answers.items():
        writer.writerow(["tactical_answers", answer_status, count])
    hours = _blank(kpis.median_hours_to_tactical_answer)
    writer.writerow(["median_hours_to_tactical_answer", "", hours])
    writer.writerow(["ngo_data_points", "", kpis.ngo_data_points])
    writer.writerow(["ngo_data_point_deletions", "", kpis.ngo_data_point_deletions])
    for row in kpis.typology_effectiveness:  # key: typology/version/month
        key = f"{row.typology_id}/v{row.version}/{row.month}"
        for metric in _TYPOLOGY_METRICS:
            writer.writerow([f"typology_{metric}", key, _blank(getattr(row, metric))])
        for kind, count in row.outcomes.items():
            writer.writerow(["typology_outcomes", f"{key}/{kind}", count])
    return out.getvalue()


def _median(hours: list[float]) -> float | None:
    return round(statistics.median(hours), 3) if hours else None


_TYPOLOGY_METRICS = (
    "ratings",
    "mean_rating",
    "institutions",
    "alerts",
    "reports_filed",
    "false_positives",
    "conversion_rate",
    "false_positive_rate",
    "linked_reports",
    "linked_reports_disclosed",
)


def _blank(value: float | None) -> str:
    return "" if value is None else str(value)
