"""What analysts' closures say about the alerts: ``tipflow evaluate RESULTS --reviews``.

Reads the case action log ``tipflow ui`` keeps (through :class:`SqliteActionLog`, the same
code the pages use, so a status here is the status on the pages) and the alerts of the results
(through :class:`LocalResultsSource`, as the pages read them). A closed alert is **reviewed**;
its outcome says whether the analyst confirmed it (true positive), dismissed it (false
positive) or neither (other). Precision among reviewed alerts is confirmed / (confirmed + false
positives): a closure as "other" says neither, so it is left out. With a world's truth, the
closures are checked against it: how many the truth contradicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError, TipflowError
from tipflow.ui.action_log import SqliteActionLog, local_log_path
from tipflow.ui.actions import AlertState
from tipflow.ui.local_source import LocalResultsSource, check_results_folder
from tipflow.ui.source import AccountResult

NO_CRIME = "none"


class NoCaseActions(TipflowError):
    """The results have no case action log yet: nobody has reviewed an alert."""


def review_figures(
    results: Path, *, action_log: Path | None = None, truth: Path | None = None
) -> dict[str, Any]:
    """The reviews' figures as a JSON-ready dict (``evaluate``'s ``reviews`` key)."""
    check_results_folder(results)
    path = action_log or local_log_path(results)
    if not path.is_file():  # the log's own code would create it: look first
        raise NoCaseActions(f"no case actions yet: review alerts with tipflow ui {results}")
    involved = read_involved(truth) if truth is not None else None
    source = LocalResultsSource(results)
    states = SqliteActionLog(path).states()
    return summarise(source.alerts(), source.typology_names(), states, involved)


def read_involved(truth: Path) -> dict[str, bool]:
    """``{account_id: involved}`` from a truth folder's ``accounts.csv``."""
    accounts = truth / "accounts.csv"
    if not accounts.is_file():
        raise DatasetError(accounts, "missing (give a world's truth folder)")
    con = duckdb.connect()
    try:
        rows = con.execute(
            "SELECT account_id, coalesce(involved::BOOLEAN, false) "
            f"FROM read_csv({sql_string(str(accounts))}, all_varchar = true)"
        ).fetchall()
    finally:
        con.close()
    return {str(account): bool(flag) for account, flag in rows}


def summarise(
    alerts: Sequence[AccountResult],
    typology_names: Mapping[str, str],
    states: Mapping[str, AlertState],
    involved: Mapping[str, bool] | None = None,
) -> dict[str, Any]:
    """The figures over ``alerts`` given each alert's replayed state (open when it has none)."""
    alert_ids = {alert.account_id for alert in alerts}
    stated = [(alert, states.get(alert.account_id, AlertState())) for alert in alerts]
    by_crime: dict[str, list[AlertState]] = {}
    by_typology: dict[str, list[AlertState]] = {}
    for alert, state in stated:
        by_crime.setdefault(alert.crime or NO_CRIME, []).append(state)
        for typology in alert.typologies:
            by_typology.setdefault(typology, []).append(state)
    figures: dict[str, Any] = {
        **_tally(state for _, state in stated),
        "outside_alerts": sum(1 for account in states if account not in alert_ids),
        "by_crime": {crime: _tally(by_crime[crime]) for crime in sorted(by_crime)},
        "by_typology": {
            typology: {"name": typology_names.get(typology, typology), **_tally(group)}
            for typology, group in sorted(by_typology.items())
        },
    }
    if involved is not None:
        figures["truth"] = _agreement(stated, involved)
    return figures


def _tally(states: Iterable[AlertState]) -> dict[str, Any]:
    counts = dict.fromkeys(
        ("alerts", "open", "escalated", "reviewed", "confirmed", "false_positives", "other"), 0
    )
    outcome_key = {"true_positive": "confirmed", "false_positive": "false_positives"}
    for state in states:
        counts["alerts"] += 1
        if state.status == "closed":
            counts["reviewed"] += 1
            counts[outcome_key.get(state.outcome or "other", "other")] += 1
        else:
            counts[state.status] += 1
    judged = counts["confirmed"] + counts["false_positives"]
    return {**counts, "precision": _ratio(counts["confirmed"], judged)}


def _agreement(
    stated: Sequence[tuple[AccountResult, AlertState]], involved: Mapping[str, bool]
) -> dict[str, Any]:
    """Closures against the truth; an account the truth does not list is not involved."""
    closed = [(involved.get(a.account_id, False), s.outcome) for a, s in stated]
    confirmed_not_involved = sum(1 for i, o in closed if o == "true_positive" and not i)
    dismissed_involved = sum(1 for i, o in closed if o == "false_positive" and i)
    judged = sum(1 for _, o in closed if o in ("true_positive", "false_positive"))
    contradicted = confirmed_not_involved + dismissed_involved
    return {
        "judged": judged,
        "agree": judged - contradicted,
        "contradicted": contradicted,
        "confirmed_not_involved": confirmed_not_involved,
        "dismissed_involved": dismissed_involved,
        "other_involved": sum(1 for i, o in closed if o == "other" and i),
        "agreement": _ratio(judged - contradicted, judged),
    }


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None
