"""The reason text and the choice of transactions when a case has too many."""

from __future__ import annotations

from tests.report.goaml.builders import (
    account,
    evidence,
    make_case,
    person,
    transaction,
)
from tipflow.report.cases import Case
from tipflow.report.goaml.narrative import (
    choose_transactions,
    mitigating_indicators,
    reason_text,
)


def _case() -> Case:
    transactions = [
        transaction("T-small-twice", "10"),
        transaction("T-big-once", "9000"),
        transaction("T-mid-once", "500"),
        transaction("T-small-once", "20"),
        transaction("T-never", "99999"),
    ]
    rows = [
        evidence("A-1", "HT-SEX-11", "T-small-twice", "T-big-once", "T-mid-once", "T-small-once"),
        evidence("A-1", "HT-SEX-12", "T-small-twice"),
        evidence("A-1", "MIT-01"),
    ]
    return make_case([person("P1", "Maria Santos")], [account("A-1", "P1")], transactions, rows)


def test_all_transactions_when_under_the_maximum() -> None:
    case = _case()
    assert choose_transactions(case, 5) == list(case.transactions)


def test_the_most_evidential_then_the_largest_are_kept_in_time_order() -> None:
    case = _case()
    kept = choose_transactions(case, 3)
    assert {t.transaction_id for t in kept} == {"T-small-twice", "T-big-once", "T-mid-once"}
    assert kept == [t for t in case.transactions if t in kept]


def test_reason_says_what_it_leaves_out() -> None:
    case = _case()
    text = reason_text(case, 3, mitigating_indicators())
    assert text.startswith(case.explanation)
    assert "This report lists 3 of the 5 transactions" in text
    assert "name of HT-SEX-11 (HT-SEX-11): A-1: 5 against 3 (detail of HT-SEX-11)." in text
    # mitigating evidence is shown, marked, and last
    assert text.rstrip().endswith(
        "name of MIT-01 (MIT-01, mitigating): A-1: 5 against 3 (detail of MIT-01)."
    )
    full = reason_text(case, 5, mitigating_indicators())
    assert "This report lists" not in full


def test_reason_is_cut_honestly_at_the_limit() -> None:
    rows = [evidence("A-1", f"HT-SEX-{n:02d}", "T-1") for n in range(1, 40)]
    case = make_case(
        [person("P1", "Maria Santos")], [account("A-1", "P1")], [transaction("T-1")], rows
    )
    text = reason_text(case, 1, frozenset(), limit=1500)
    assert len(text) <= 1500
    shown = text.count("\n- ")
    assert 0 < shown < 39
    assert f"[{39 - shown} more indicators not shown: the reason is limited to 1500" in text


def test_a_long_explanation_is_cut_and_marked() -> None:
    case = _case().model_copy(update={"explanation": "word " * 3000})
    text = reason_text(case, 5, frozenset())
    assert len(text) <= 8000
    assert "[cut to fit]" in text


def test_many_accounts_share_one_line_per_indicator() -> None:
    accounts = [account(f"A-{n}", "P1") for n in range(4)]
    rows = [evidence(f"A-{n}", "HT-LAB-02", "T-1") for n in range(4)]
    rows[2] = rows[2].model_copy(update={"value": 9.0})
    case = make_case([person("P1", "Maria Santos")], accounts, [transaction("T-1")], rows)
    text = reason_text(case, 1, frozenset())
    assert "(HT-LAB-02): 4 accounts, 5 to 9 against 3; e.g. A-0" in text
