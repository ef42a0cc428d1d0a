"""A goAML report as tipflow's tables, and those tables written as an input-contract dataset.

The rows have the input contract's columns (docs: ``tipflow/ingest/contract_v1.yaml``), so
``write_dataset``'s folder is a dataset ``tipflow validate`` and ``tipflow screen`` read. A few
``goaml_*`` columns keep the codes the report used (the contract keeps and ignores extra
columns). A transaction the contract cannot hold (no side is an account the report describes,
a non-positive amount, a repeated id) is left out of ``transactions.csv`` and listed, with the
reason, in ``goaml_left_out.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tipflow.errors import DatasetError
from tipflow.ingest.codes import currency_codes
from tipflow.report.cases import CaseParty, CaseTransaction

LEFT_OUT = "goaml_left_out"
#: goAML's dates carry no UTC offset: a case transaction's offset has no column to come from.
_NOT_CONTRACT = ("utc_offset_minutes",)


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True)


class PartyRow(CaseParty):
    """A party as the input contract's parties table has it (the same columns as a case's)."""


class AccountRow(_Row):
    account_id: str
    institution_id: str
    party_id: str
    account_type: str
    currency: str
    opened_date: dt.date | None = None
    closed_date: dt.date | None = None
    branch_city: str | None = None
    branch_country: str | None = None
    goaml_account_type: str | None = None


class AccountPartyRow(_Row):
    account_id: str
    party_id: str
    relation: str


class TransactionRow(CaseTransaction):
    """A transaction as the input contract has it, with the goAML codes the report used."""

    goaml_transmode_code: str | None = None
    goaml_from_funds_code: str | None = None
    goaml_to_funds_code: str | None = None


class GoamlReport(_Row):
    """What one goAML file says: its header, its narrative and its subjects as tables."""

    source: str
    schema_version: str | None = None
    rentity_id: int | None = None
    rentity_branch: str | None = None
    submission_code: str | None = None
    report_code: str | None = None
    entity_reference: str | None = None
    fiu_ref_number: str | None = None
    submission_date: dt.datetime | None = None
    currency_code_local: str | None = None
    reporting_person: str | None = None
    reason: str | None = None
    action: str | None = None
    indicators: tuple[str, ...] = ()
    parties: tuple[PartyRow, ...] = ()
    accounts: tuple[AccountRow, ...] = ()
    account_parties: tuple[AccountPartyRow, ...] = ()
    transactions: tuple[TransactionRow, ...] = ()

    def contract_transactions(self) -> tuple[list[TransactionRow], list[tuple[str, str]]]:
        """The transactions the contract can hold, and (id, reason) for each one it cannot."""
        accounts = {account.account_id for account in self.accounts}
        kept: list[TransactionRow] = []
        left_out: list[tuple[str, str]] = []
        seen: set[str] = set()
        for tx in self.transactions:
            problem = _problem(tx, accounts)
            if tx.transaction_id in seen:
                problem = "the same transactionnumber appears earlier in the report"
            seen.add(tx.transaction_id)
            if problem is None:
                kept.append(tx)
            else:
                left_out.append((tx.transaction_id, problem))
        return kept, left_out


def _problem(tx: TransactionRow, accounts: set[str]) -> str | None:
    sides = [side for side in (tx.from_account_id, tx.to_account_id) if side is not None]
    if any(side not in accounts for side in sides):
        return "names an account the report does not describe"
    if not sides:
        return "neither side is an account held by a customer the report describes"
    if tx.channel == "cash" and len(sides) != 1:
        return "cash between two accounts: the contract wants exactly one account side"
    if tx.amount <= 0:
        return f"amount {tx.amount} is not positive"
    if tx.currency not in currency_codes():
        return f"currency {tx.currency!r} is not an ISO 4217 code"
    return None


def write_dataset(report: GoamlReport, out_dir: Path) -> dict[Path, int]:
    """The report's tables as contract CSVs in ``out_dir``; each file with its row count."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatasetError(out_dir, f"cannot create the folder ({exc.strerror or exc})") from exc
    kept, left_out = report.contract_transactions()
    tables: dict[str, tuple[list[str], list[BaseModel]]] = {
        "parties": (list(PartyRow.model_fields), list(report.parties)),
        "accounts": (list(AccountRow.model_fields), list(report.accounts)),
        "account_parties": (list(AccountPartyRow.model_fields), list(report.account_parties)),
        "transactions": (
            [c for c in TransactionRow.model_fields if c not in _NOT_CONTRACT],
            list(kept),
        ),
    }
    left_path = out_dir / f"{LEFT_OUT}.csv"
    left_path.unlink(missing_ok=True)  # one from an earlier read would mislead
    if left_out:
        reasons = [_Reason(transaction_id=i, reason=r) for i, r in left_out]
        tables[LEFT_OUT] = (["transaction_id", "reason"], list(reasons))
    return {
        _write_csv(out_dir / f"{name}.csv", columns, rows): len(rows)
        for name, (columns, rows) in tables.items()
    }


class _Reason(_Row):
    transaction_id: str
    reason: str


def _write_csv(path: Path, columns: list[str], rows: list[BaseModel]) -> Path:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(getattr(row, column)) for column in columns])
    except OSError as exc:
        raise DatasetError(path, f"cannot be written ({exc.strerror or exc})") from exc
    return path


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)
