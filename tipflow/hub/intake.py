"""Intake of suspicious transaction reports: read (goAML XML or JSON), summarise, store once.

A report is stored once per organisation: the same bytes (SHA-256), or the same entity
reference, give back the stored report instead of a second copy.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tipflow.hub.audit import Actor, record
from tipflow.hub.models import Report, ReportIndicator
from tipflow.hub.schemas import JsonReport
from tipflow.hub.vocabulary import ReportFormat, ReportStatus
from tipflow.report.goaml.reader import read_goaml


@dataclass(frozen=True)
class ParsedReport:
    entity_reference: str
    indicators: tuple[str, ...]
    transaction_count: int
    #: JSON-able; holds the reason (personal data).
    summary: dict[str, object]


class IntakeRefused(Exception):
    """A report the hub cannot accept; the message says why (no report content in it)."""


def _totals(amounts: list[tuple[str, Decimal]]) -> dict[str, str]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for currency, amount in amounts:
        totals[currency] += amount
    return {currency: str(total) for currency, total in sorted(totals.items())}


def parse_goaml_bytes(data: bytes) -> ParsedReport:
    """Read a goAML report with tipflow's safe reader (which refuses DTDs, entities, bombs).

    The reader takes a path, so the bytes go to a private temporary file first. Its
    DatasetError names that file; callers answer with the problem only.
    """
    with tempfile.TemporaryDirectory(prefix="tipflow-hub-") as folder:
        path = Path(folder) / "report.xml"
        path.write_bytes(data)
        report = read_goaml(path)
    if not report.entity_reference:
        raise IntakeRefused("the goAML report has no entity_reference")
    indicators = tuple(sorted({code for code in report.indicators if code != "-"}))
    submitted = report.submission_date
    return ParsedReport(
        entity_reference=report.entity_reference,
        indicators=indicators,
        transaction_count=len(report.transactions),
        summary={
            "report_code": report.report_code,
            "submission_date": submitted.isoformat() if submitted else None,
            "rentity_id": report.rentity_id,
            "currency_code_local": report.currency_code_local,
            "reason": report.reason,
            "action": report.action,
            "parties": len(report.parties),
            "accounts": len(report.accounts),
            "transactions": len(report.transactions),
            "amount_totals": _totals([(t.currency, t.amount) for t in report.transactions]),
        },
    )


def parse_json_report(report: JsonReport) -> tuple[bytes, ParsedReport]:
    """The canonical bytes of a JSON report (so the same content hashes the same) and its
    summary."""
    raw = json.dumps(report.model_dump(mode="json"), sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )
    accounts = {t.from_account for t in report.transactions} | {
        t.to_account for t in report.transactions
    }
    parsed = ParsedReport(
        entity_reference=report.entity_reference,
        indicators=tuple(sorted(set(report.indicators))),
        transaction_count=len(report.transactions),
        summary={
            "reason": report.reason,
            "accounts": len(accounts - {None}),
            "transactions": len(report.transactions),
            "amount_totals": _totals([(t.currency, t.amount) for t in report.transactions]),
        },
    )
    return raw, parsed


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _existing(session: Session, organisation_id: int, digest: str, reference: str) -> Report | None:
    return session.scalar(
        select(Report)
        .where(
            Report.organisation_id == organisation_id,
            or_(Report.sha256 == digest, Report.entity_reference == reference),
        )
        .order_by(Report.id)
        .limit(1)
    )


def store_report(
    session: Session, actor: Actor, fmt: ReportFormat, raw: bytes, parsed: ParsedReport
) -> tuple[Report, bool]:
    """The stored report and whether it is new; commits."""
    assert actor.organisation_id is not None and actor.user_id is not None
    digest = sha256_hex(raw)
    found = _existing(session, actor.organisation_id, digest, parsed.entity_reference)
    if found is not None:
        return found, False
    report = Report(
        organisation_id=actor.organisation_id,
        submitted_by=actor.user_id,
        entity_reference=parsed.entity_reference,
        format=fmt.value,
        sha256=digest,
        raw=raw,
        summary=json.dumps(parsed.summary, sort_keys=True),
        transaction_count=parsed.transaction_count,
        status=ReportStatus.RECEIVED.value,
        indicators=[ReportIndicator(code=code) for code in parsed.indicators],
    )
    session.add(report)
    try:
        session.flush()
        detail = {"format": fmt.value, "sha256": digest, "transactions": parsed.transaction_count}
        record(session, actor, "submit_report", "report", report.id, detail)
        session.commit()
    except IntegrityError:
        # The same report arrived twice at once: the other request stored it first.
        session.rollback()
        found = _existing(session, actor.organisation_id, digest, parsed.entity_reference)
        if found is None:
            raise
        return found, False
    return report, True
