"""What the analyst's pages read: the ``ResultsSource`` protocol and the records it returns.

The pages never open a file or a database themselves. ``tipflow ui`` gives them a
:class:`~tipflow.ui.local_source.LocalResultsSource` over one results folder; the hub will give
them its own source over what members filed, so one set of pages serves both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tipflow.report.cases import CaseTransaction
from tipflow.report.html.run_info import RunSummary
from tipflow.report.html.workspace import CaseFlows


@dataclass(frozen=True)
class AccountResult:
    """One account's screening result (a row of the contract's ``accounts.csv``); an
    **alert** when ``flagged``."""

    account_id: str
    institution_id: str
    risk_score: float
    flagged: bool
    rank: int
    crime: str | None
    role: str | None
    typologies: tuple[str, ...]
    indicators: tuple[str, ...]
    network_id: str | None
    explanation: str


@dataclass(frozen=True)
class EvidenceRow:
    """Why one indicator fired on the account: the figure, what it was compared with, proof."""

    indicator_id: str
    indicator_name: str
    value: float
    threshold: float
    detail: str
    transaction_ids: tuple[str, ...]


@dataclass(frozen=True)
class AccountDetail:
    """Everything the account page shows about one account."""

    result: AccountResult
    holder_name: str | None
    holder_type: str | None  # person | organisation
    account_type: str | None
    case_id: str | None  # the case whose STR covers the account; None when it is in none
    evidence: tuple[EvidenceRow, ...]
    transactions: tuple[CaseTransaction, ...]  # the ones the evidence names, in time order
    transactions_named: int  # how many the evidence names (more than shown when capped)


class ResultsSource(Protocol):
    """The screening results the pages show, wherever they are kept."""

    @property
    def title(self) -> str:
        """What the pages call these results (a folder name, a partnership)."""
        ...

    def run_summary(self) -> RunSummary: ...

    def alerts(self) -> Sequence[AccountResult]:
        """The flagged accounts, riskiest first."""
        ...

    def typology_names(self) -> Mapping[str, str]: ...

    def account(self, account_id: str) -> AccountDetail | None:
        """The account, or None when the results hold no such account."""
        ...

    def account_flows(self, account_id: str) -> CaseFlows:
        """Every money flow of the account, and the other transactions its evidence names."""
        ...

    def network(self, network_id: str) -> dict[str, Any] | None:
        """``tipflow network``'s graph of the network (``network_graph``), or None."""
        ...

    def goaml_report(self, case_id: str) -> bytes | None:
        """A goAML STR for the case, written now, or None when there is no such case."""
        ...
