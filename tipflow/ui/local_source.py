"""A :class:`~tipflow.ui.source.ResultsSource` over one results folder of ``tipflow screen``.

Reads the workspace the screening kept (``RESULTS/workspace.duckdb``), as ``tipflow report``
and ``tipflow network`` do, so every page shows the same facts as the files and the STRs.
A read-only connection per call: the server answers requests on several threads, and the
results never change under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from tipflow.detect.screen import WORKSPACE_NAME
from tipflow.errors import DatasetError
from tipflow.network.subgraph import network_graph
from tipflow.report.cases import CaseTransaction, load_cases
from tipflow.report.goaml.profile import FiuProfile, load_fiu_profile
from tipflow.report.goaml.writer import report_bytes
from tipflow.report.html.run_info import RunSummary, read_run_summary
from tipflow.report.html.workspace import CaseFlows, read_flows, read_typology_names
from tipflow.ui.source import AccountDetail, AccountResult, EvidenceRow

#: The files that make a folder a results folder of ``tipflow screen`` (shared contract).
RESULTS_FILES = ("accounts.csv", "networks.csv", "evidence.parquet", WORKSPACE_NAME)
#: Evidence names at most 50 transactions per indicator; a page lists at most this many.
TRANSACTIONS_SHOWN = 200


def check_results_folder(results: Path) -> None:
    """Raise a one-line :class:`DatasetError` unless ``results`` was written by screening."""
    if not results.is_dir():
        raise DatasetError(results, "no such folder: give a results folder of tipflow screen")
    missing = [name for name in RESULTS_FILES if not (results / name).is_file()]
    if missing:
        raise DatasetError(
            results, f"not a results folder of tipflow screen (missing {', '.join(missing)})"
        )


class LocalResultsSource:
    """The results of one screening run, read from its folder."""

    def __init__(self, results: Path, *, fiu_profile: Path | None = None) -> None:
        check_results_folder(results)
        self.results = results
        self._profile: FiuProfile = load_fiu_profile(fiu_profile)  # a bad one fails at start
        self._run = read_run_summary(results)
        self._typologies = read_typology_names(results)
        with self._connect() as con:
            self._alerts = tuple(
                _result(row)
                for row in _records(con, _RESULTS_SQL + " WHERE s.flagged ORDER BY s.rank", [])
            )

    @property
    def title(self) -> str:
        return self.results.resolve().name

    def run_summary(self) -> RunSummary:
        return self._run

    def alerts(self) -> Sequence[AccountResult]:
        return self._alerts

    def typology_names(self) -> Mapping[str, str]:
        return self._typologies

    def account(self, account_id: str) -> AccountDetail | None:
        with self._connect() as con:
            found = _records(con, _RESULTS_SQL + " WHERE s.account_id = ?", [account_id])
            if not found:
                return None
            row = found[0]
            evidence = tuple(
                EvidenceRow(**{**e, "transaction_ids": tuple(e["transaction_ids"])})
                for e in _records(con, _EVIDENCE_SQL, [account_id])
            )
            named = sorted({t for e in evidence for t in e.transaction_ids})
            transactions = tuple(
                CaseTransaction(**t)
                for t in _records(con, _TRANSACTIONS_SQL, [named, TRANSACTIONS_SHOWN])
            )
            network_flagged = _records(
                con, "SELECT flagged FROM networks WHERE network_id = ?", [row["network_id"]]
            )
        result = _result(row)
        if network_flagged and network_flagged[0]["flagged"]:
            case_id: str | None = result.network_id
        else:
            case_id = result.account_id if result.flagged else None
        return AccountDetail(
            result=result,
            holder_name=row["holder_name"],
            holder_type=row["holder_type"],
            account_type=row["account_type"],
            case_id=case_id,
            evidence=evidence,
            transactions=transactions,
            transactions_named=len(named),
        )

    def account_flows(self, account_id: str) -> CaseFlows:
        with self._connect() as con:
            named = con.execute(
                "SELECT DISTINCT unnest(transaction_ids) FROM evidence WHERE account_id = ?",
                [account_id],
            ).fetchall()
        return read_flows(
            self.results,
            [account_id],
            members=[(account_id, account_id)],
            named=[(account_id, str(t[0])) for t in named],
        )[account_id]

    def network(self, network_id: str) -> dict[str, Any] | None:
        try:
            return network_graph(self.results, network_id)
        except DatasetError:
            return None

    def goaml_report(self, case_id: str) -> bytes | None:
        try:
            cases = load_cases(self.results, case_ids=[case_id])
        except DatasetError:
            return None
        # The submission time goAML asks for is the moment the analyst generates it, in UTC.
        submitted = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        return report_bytes(cases[0], self._profile, submitted=submitted)

    def _connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.results / WORKSPACE_NAME), read_only=True)


def _records(
    con: duckdb.DuckDBPyConnection, sql: str, parameters: list[Any]
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, parameters)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _result(row: dict[str, Any]) -> AccountResult:
    return AccountResult(
        account_id=row["account_id"],
        institution_id=row["institution_id"],
        risk_score=float(row["risk_score"]),
        flagged=bool(row["flagged"]),
        rank=int(row["rank"]),
        crime=row["crime"] or None,
        role=row["role"] or None,
        typologies=_split(row["typologies"]),
        indicators=_split(row["indicators"]),
        network_id=row["network_id"],
        explanation=row["explanation"] or "",
    )


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part for part in (text or "").split(";") if part)


# The columns of accounts.csv (tipflow/detect/results.py), with the holder for the page.
_RESULTS_SQL = """
SELECT s.account_id, s.institution_id, s.risk_score::DOUBLE AS risk_score, s.flagged, s.rank,
       s.crime, s.role, s.typologies, s.indicators, n.network_id, s.explanation,
       p.name AS holder_name, p.party_type AS holder_type, a.account_type
FROM account_scores s LEFT JOIN account_networks n USING (account_id)
LEFT JOIN accounts a USING (account_id) LEFT JOIN parties p ON p.party_id = a.party_id
"""

# Indicator names from the library the run used (a typology set may have renamed some).
_EVIDENCE_SQL = """
SELECT e.indicator_id, coalesce(l.name, e.indicator_id) AS indicator_name,
       e.value::DOUBLE AS value, e.threshold::DOUBLE AS threshold,
       coalesce(e.detail, '') AS detail, coalesce(e.transaction_ids, []) AS transaction_ids
FROM evidence e LEFT JOIN lib_indicators l USING (indicator_id)
WHERE e.account_id = ? ORDER BY e.indicator_id
"""

_TRANSACTIONS_SQL = """
SELECT t.transaction_id, t."timestamp", t.utc_offset_minutes, t.amount, t.currency,
       t.base_amount, t.channel, t.from_account_id, t.to_account_id, t.counterparty_name,
       t.counterparty_account, t.counterparty_institution, t.counterparty_country,
       t.merchant_name, t.merchant_category_code, t.city, t.country, t.description
FROM transactions t WHERE t.transaction_id IN (SELECT unnest(?))
ORDER BY t."timestamp", t.transaction_id LIMIT ?
"""
