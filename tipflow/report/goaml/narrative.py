"""The words of a report: its reason (why the case is suspicious) and the transactions it lists.

goAML's ``reason`` holds at most 8000 characters. It carries the case's explanation, then the
evidence grouped by indicator (figure against threshold, with one account's detail), and says
plainly what it leaves out: indicators beyond the limit, transactions beyond the profile's
maximum.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from tipflow.report.cases import Case, CaseEvidence, CaseTransaction
from tipflow.report.goaml.text import COMMENTS_LIMIT, number_text, one_line

_LINE_LIMIT = 700  # one indicator's line: the figure and one account's detail
_RESERVED = 300  # kept free for the notes on what was left out


def evidence_by_transaction(case: Case) -> dict[str, list[CaseEvidence]]:
    """The evidence rows that name each transaction."""
    named: dict[str, list[CaseEvidence]] = defaultdict(list)
    for row in case.evidence:
        for transaction_id in dict.fromkeys(row.transaction_ids):
            named[transaction_id].append(row)
    return named


def choose_transactions(case: Case, limit: int) -> list[CaseTransaction]:
    """The case's evidence transactions in time order; over ``limit``, the most evidential.

    Most evidential: named by the most evidence rows, then the largest amount (in the
    reporting currency where the dataset gives it), then by id so the choice is repeatable.
    """
    transactions = list(case.transactions)
    if len(transactions) <= limit:
        return transactions
    named = evidence_by_transaction(case)
    ranked = sorted(
        transactions,
        key=lambda t: (
            -len(named.get(t.transaction_id, ())),
            -(t.base_amount if t.base_amount is not None else t.amount),
            t.transaction_id,
        ),
    )
    kept = {t.transaction_id for t in ranked[:limit]}
    return [t for t in transactions if t.transaction_id in kept]


def reason_text(
    case: Case, listed: int, mitigating: frozenset[str], limit: int = COMMENTS_LIMIT
) -> str:
    """The case explanation, what the report leaves out, and the evidence by indicator."""
    head = [one_line(case.explanation, limit) or f"Case {case.case_id}."]
    facts = f"Case {case.case_id}; risk score {case.risk_score:.3f}"
    if case.typologies:
        facts += "; typologies: " + ", ".join(t.replace("_", " ") for t in case.typologies)
    head.append(facts + ".")
    total = len(case.transactions)
    if listed < total:
        head.append(
            f"This report lists {listed} of the {total} transactions the evidence names: those "
            "named by the most evidence rows, then the largest. The others are in the case file."
        )
    text = "\n".join(head)
    if len(text) > limit - _RESERVED:
        text = text[: limit - _RESERVED - 20].rstrip() + " [cut to fit]"
    lines = _evidence_lines(case, mitigating)
    if not lines:
        return text
    text += "\n\nEvidence by indicator (figure against threshold):"
    for shown, line in enumerate(lines):
        if len(text) + 1 + len(line) > limit - _RESERVED:
            left = len(lines) - shown
            return (
                f"{text}\n[{left} more indicators not shown: the reason is limited to "
                f"{limit} characters. All evidence is in the case file.]"
            )
        text += "\n" + line
    return text


def _evidence_lines(case: Case, mitigating: frozenset[str]) -> list[str]:
    groups: dict[str, list[CaseEvidence]] = defaultdict(list)
    for row in case.evidence:
        groups[row.indicator_id].append(row)
    order = sorted(groups, key=lambda i: (i in mitigating, -len(groups[i]), i))
    return [_line(groups[i], i in mitigating) for i in order]


def _line(rows: list[CaseEvidence], mitigating: bool) -> str:
    first = rows[0]
    label = f"- {first.indicator_name} ({first.indicator_id}{', mitigating' if mitigating else ''})"
    low = min(row.threshold for row in rows)
    high = max(row.threshold for row in rows)
    threshold = number_text(low) if low == high else f"{number_text(low)} to {number_text(high)}"
    if len(rows) == 1:
        figure = f"{first.account_id}: {number_text(first.value)} against {threshold}"
    else:
        values = sorted(row.value for row in rows)
        accounts = len({row.account_id for row in rows})
        spread = number_text(values[0])
        if values[-1] != values[0]:
            spread += f" to {number_text(values[-1])}"
        figure = f"{accounts} accounts, {spread} against {threshold}; e.g. {first.account_id}"
    detail = one_line(first.detail, _LINE_LIMIT)
    line = f"{label}: {figure}" + (f" ({detail})" if detail else "") + "."
    return line if len(line) <= _LINE_LIMIT else line[: _LINE_LIMIT - 5].rstrip() + " ...)"


@cache
def mitigating_indicators() -> frozenset[str]:
    """Indicators that argue against suspicion: shown in the reason, never mapped to a code."""
    from tipflow.detect.registry import load_library

    return frozenset(
        spec.id for spec in load_library().indicator_specs() if spec.kind == "mitigating"
    )
