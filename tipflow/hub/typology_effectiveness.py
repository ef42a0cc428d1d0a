"""How well each published typology works: per version, typology and month, the members'
ratings, the alerts it raised, the reports (STRs) and false positives they became, and the
outcomes of the linked reports that the FIU disclosed.

Counts are summed in Python over small row sets (one row per institution, typology and month),
the same on SQLite and PostgreSQL. Ratings count in the month they were (last) given.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from tipflow.hub.models import DisclosureReport, Outcome
from tipflow.hub.models_typologies import (
    TypologyHits,
    TypologyHitsReport,
    TypologyRating,
    TypologyVersion,
)
from tipflow.hub.schemas import TypologyEffectiveness

Key = tuple[int, str, str]  # version, typology id, month


@dataclass
class _Figures:
    ratings: list[int] = field(default_factory=list)
    institutions: set[int] = field(default_factory=set)
    alerts: int = 0
    reports_filed: int = 0
    false_positives: int = 0
    linked: set[int] = field(default_factory=set)
    disclosed: set[int] = field(default_factory=set)
    outcomes: Counter[str] = field(default_factory=Counter)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def typology_effectiveness(
    session: Session, version: int | None = None, typology_id: str | None = None
) -> list[TypologyEffectiveness]:
    """Rows by version, typology and month (all, or of one version and/or typology)."""

    def scope(typology_column: InstrumentedAttribute[str]) -> list[ColumnElement[bool]]:
        conditions = []
        if version is not None:
            conditions.append(TypologyVersion.version == version)
        if typology_id is not None:
            conditions.append(typology_column == typology_id)
        return conditions

    figures: defaultdict[Key, _Figures] = defaultdict(_Figures)
    ratings = (
        select(
            TypologyVersion.version,
            TypologyRating.typology_id,
            TypologyRating.rated_at,
            TypologyRating.usefulness,
        )
        .join(TypologyVersion, TypologyVersion.id == TypologyRating.version_id)
        .where(*scope(TypologyRating.typology_id))
    )
    for number, rated, at, usefulness in session.execute(ratings):
        figures[(number, rated, at.strftime("%Y-%m"))].ratings.append(usefulness)
    hit_key = (TypologyVersion.version, TypologyHits.typology_id, TypologyHits.month)
    hits = (
        select(
            *hit_key,
            TypologyHits.organisation_id,
            TypologyHits.alerts,
            TypologyHits.reports_filed,
            TypologyHits.false_positives,
        )
        .join(TypologyVersion, TypologyVersion.id == TypologyHits.version_id)
        .where(*scope(TypologyHits.typology_id))
    )
    for number, hit, month, organisation_id, alerts, filed, false in session.execute(hits):
        row = figures[(number, hit, month)]
        row.institutions.add(organisation_id)
        row.alerts += alerts
        row.reports_filed += filed
        row.false_positives += false
    linked = (
        select(*hit_key, TypologyHitsReport.report_id)
        .join(TypologyHits, TypologyHits.id == TypologyHitsReport.hits_id)
        .join(TypologyVersion, TypologyVersion.id == TypologyHits.version_id)
        .where(*scope(TypologyHits.typology_id))
    )
    for number, hit, month, report_id in session.execute(linked):
        figures[(number, hit, month)].linked.add(report_id)
    disclosed = linked.join(
        DisclosureReport, DisclosureReport.report_id == TypologyHitsReport.report_id
    )
    for number, hit, month, report_id in session.execute(disclosed):
        figures[(number, hit, month)].disclosed.add(report_id)
    outcomes = (
        disclosed.join(Outcome, Outcome.disclosure_id == DisclosureReport.disclosure_id)
        .add_columns(Outcome.kind)
        .distinct()  # a report counts once per kind, however many outcomes of that kind
    )
    for number, hit, month, _report_id, kind in session.execute(outcomes):
        figures[(number, hit, month)].outcomes[kind] += 1
    return [_row(key, figures[key]) for key in sorted(figures)]


def _row(key: Key, figures: _Figures) -> TypologyEffectiveness:
    number, typology_id, month = key
    ratings = figures.ratings
    return TypologyEffectiveness(
        version=number,
        typology_id=typology_id,
        month=month,
        ratings=len(ratings),
        mean_rating=round(statistics.fmean(ratings), 3) if ratings else None,
        institutions=len(figures.institutions),
        alerts=figures.alerts,
        reports_filed=figures.reports_filed,
        false_positives=figures.false_positives,
        conversion_rate=_ratio(figures.reports_filed, figures.alerts),
        false_positive_rate=_ratio(figures.false_positives, figures.alerts),
        linked_reports=len(figures.linked),
        linked_reports_disclosed=len(figures.disclosed),
        outcomes=dict(sorted(figures.outcomes.items())),
    )
