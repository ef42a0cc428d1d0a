"""Intake of suspicious transaction reports: read (goAML XML or JSON), summarise, store once.

A report is stored once per organisation: the same bytes (SHA-256), or the same entity
reference, give back the stored report instead of a second copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Table, bindparam, insert, or_, select
from sqlalchemy.orm import Session

from tipflow.hub.audit import Actor, record
from tipflow.hub.db import insert_ignoring_conflicts, sqlite_writer
from tipflow.hub.models import Report, ReportIndicator, utc_now
from tipflow.hub.schemas import JsonReport
from tipflow.hub.vocabulary import ReportFormat, ReportStatus
from tipflow.report.goaml.reader import GoamlReport, read_goaml


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


def read_goaml_bytes(data: bytes) -> GoamlReport:
    """Read a goAML report with tipflow's safe reader (which refuses DTDs, entities, bombs).

    The reader takes a path, so the bytes go to a private temporary file first. Its
    DatasetError names that file; callers answer with the problem only.
    """
    with tempfile.TemporaryDirectory(prefix="tipflow-hub-") as folder:
        path = Path(folder) / "report.xml"
        path.write_bytes(data)
        return read_goaml(path)


def parse_goaml_bytes(data: bytes) -> ParsedReport:
    """A goAML report's facts for the hub (``read_goaml_bytes``)."""
    report = read_goaml_bytes(data)
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


@dataclass(frozen=True)
class StoredTransaction:
    """A transaction of a stored report, as the report gave it (personal data)."""

    transaction_id: str
    timestamp: dt.datetime
    amount: Decimal
    currency: str
    from_account: str | None
    to_account: str | None
    channel: str | None = None  # goAML reports only
    description: str | None = None


def stored_transactions(fmt: str, raw: bytes) -> list[StoredTransaction]:
    """The transactions of a stored report, read again from its raw document (the summary
    keeps only counts and totals)."""
    if fmt == ReportFormat.JSON.value:
        return [
            StoredTransaction(t.transaction_id, t.timestamp, t.amount, t.currency,
                              t.from_account, t.to_account)
            for t in JsonReport.model_validate_json(raw).transactions
        ]  # fmt: skip
    return [
        StoredTransaction(t.transaction_id, t.timestamp, t.amount, t.currency,
                          t.from_account_id, t.to_account_id, t.channel, t.description)
        for t in read_goaml_bytes(raw).transactions
    ]  # fmt: skip


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class StoredReport:
    id: int
    sha256: str
    entity_reference: str


_REPORTS: Table = Report.__table__  # type: ignore[assignment]
_INDICATORS: Table = ReportIndicator.__table__  # type: ignore[assignment]
# Built once: constructing a statement costs more than running it.
_FIND_EXISTING = (
    select(_REPORTS.c.id, _REPORTS.c.sha256, _REPORTS.c.entity_reference)
    .where(
        _REPORTS.c.organisation_id == bindparam("org"),
        or_(
            _REPORTS.c.sha256 == bindparam("digest"),
            _REPORTS.c.entity_reference == bindparam("reference"),
        ),
    )
    .order_by(_REPORTS.c.id)
    .limit(1)
)
# A duplicate (same bytes or same entity_reference from the same organisation) inserts nothing
# and returns no id: one round trip for a new report, and no error to recover from when two
# copies arrive at once (PostgreSQL waits for the first to commit, then does nothing).


def _existing(
    session: Session, organisation_id: int, digest: str, reference: str
) -> StoredReport | None:
    row = session.execute(
        _FIND_EXISTING, {"org": organisation_id, "digest": digest, "reference": reference}
    ).first()
    return None if row is None else StoredReport(int(row[0]), str(row[1]), str(row[2]))


def store_report(
    session: Session, actor: Actor, fmt: ReportFormat, raw: bytes, parsed: ParsedReport
) -> tuple[StoredReport, bool]:
    """The stored report and whether it is new; commits.

    Plain SQL statements in one transaction (report, indicators, audit row; the duplicate
    check is the insert's ``ON CONFLICT DO NOTHING``): this is the hub's busiest path, and the
    ORM's unit of work cost more than the database. On SQLite the transaction runs under the
    process's writer lock (``db.sqlite_writer``).
    """
    assert actor.organisation_id is not None and actor.user_id is not None
    digest = sha256_hex(raw)
    values = {
        "organisation_id": actor.organisation_id,
        "submitted_by": actor.user_id,
        "entity_reference": parsed.entity_reference,
        "format": fmt.value,
        "sha256": digest,
        "raw": raw,
        "summary": json.dumps(parsed.summary, sort_keys=True),
        "transaction_count": parsed.transaction_count,
        "status": ReportStatus.RECEIVED.value,
        "status_changed_at": None,
        "received_at": utc_now(),
    }
    with sqlite_writer(session):
        try:
            statement = insert_ignoring_conflicts(session, _REPORTS).returning(_REPORTS.c.id)
            report_id = session.execute(statement, values).scalar_one_or_none()
            if report_id is None:
                found = _existing(session, actor.organisation_id, digest, parsed.entity_reference)
                session.rollback()
                if found is None:  # the conflicting report went away in between
                    raise RuntimeError("report intake: a conflict without a stored report")
                return found, False
            if parsed.indicators:
                # One multi-row VALUES statement: a round trip, where executemany is several.
                rows = [{"report_id": report_id, "code": code} for code in parsed.indicators]
                session.execute(insert(_INDICATORS).values(rows))
            detail = {
                "format": fmt.value,
                "sha256": digest,
                "transactions": parsed.transaction_count,
            }
            record(session, actor, "submit_report", "report", report_id, detail)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return StoredReport(report_id, digest, parsed.entity_reference), True
