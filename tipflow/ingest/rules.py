"""Rules of the contract that involve more than one column of a row.

A closed registry: a table's YAML names rules by id, and only the ids defined here exist.
Like ``kinds.py`` every rule is row-wise SQL over the typed columns (layer 4 of the stage query),
yielding a message or NULL. Errors quarantine the row; warnings only count it.
"""

from __future__ import annotations

from collections.abc import Callable

from tipflow.engine.sql import quote_identifier as q
from tipflow.ingest.contract import TableSpec
from tipflow.ingest.kinds import Check, problem

RuleSQL = tuple[tuple[Check, ...], tuple[Check, ...]]  # (errors, warnings)

SIDES = "from_account_id/to_account_id"


def _account_sides(table: TableSpec) -> RuleSQL:
    """At least one side is an account; cash has exactly one (the cash side has no account)."""
    source, target, channel = q("from_account_id"), q("to_account_id"), q("channel")
    return (
        (
            (f"{source} IS NULL AND {target} IS NULL", problem(SIDES, "no account on either side")),
            (
                f"{channel} = 'cash' AND {source} IS NOT NULL AND {target} IS NOT NULL",
                problem(SIDES, "cash must have an account on exactly one side"),
            ),
        ),
        (),
    )


def _closed_after_opened(table: TableSpec) -> RuleSQL:
    closed, opened = q("closed_date"), q("opened_date")
    return ((), ((f"{closed} < {opened}", problem("closed_date", "before opened_date")),))


RULES: dict[str, Callable[[TableSpec], RuleSQL]] = {
    "account_sides": _account_sides,
    "closed_after_opened": _closed_after_opened,
}


def party_type_warnings(table: TableSpec) -> tuple[Check, ...]:
    """Columns the contract reserves for persons or organisations, filled for the other type."""
    if "party_type" not in table.columns:
        return ()
    other = {"person": "organisation", "organisation": "person"}
    article = {"person": "a", "organisation": "an"}
    warnings: list[Check] = []
    for column in table.columns.values():
        if column.applies_to is None:
            continue
        wrong_type = other[column.applies_to]
        warnings.append(
            (
                f"{q('party_type')} = '{wrong_type}' AND {q(column.name)} IS NOT NULL",
                problem(column.name, f"given for {article[wrong_type]} {wrong_type}"),
            )
        )
    return tuple(warnings)


def table_rules(table: TableSpec) -> RuleSQL:
    """Every cross-column error and warning of ``table``."""
    errors: list[Check] = []
    warnings: list[Check] = list(party_type_warnings(table))
    for rule in table.rules:
        rule_errors, rule_warnings = RULES[rule](table)
        errors.extend(rule_errors)
        warnings.extend(rule_warnings)
    return tuple(errors), tuple(warnings)
