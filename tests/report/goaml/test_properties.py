"""Properties: whatever names, amounts, dates and memos a dataset holds, every report is valid
against both schemas and reads back to the same facts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.report.goaml.builders import account, make_case, person, transaction
from tests.report.goaml.conftest import SUBMITTED, Validator
from tipflow.report.goaml.profile import FiuProfile
from tipflow.report.goaml.reader import read_goaml
from tipflow.report.goaml.text import COMMENTS_LIMIT, fit, one_line
from tipflow.report.goaml.writer import report_bytes

# Words that have tripped name handling: placeholders, scripts, punctuation, business endings.
WORDS = ["Unknown", "-", "Иван", "Петров", "محمد", "王小明", "O'Brien", "&", "LLC", "Nguyễn", "."]
names = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=4).map(" ".join),
)
amounts = st.decimals(
    min_value=Decimal("0.0001"),
    max_value=Decimal("100000000"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)
memos = st.one_of(st.none(), st.text(max_size=300))
moments = st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2100, 1, 1))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("goaml-properties") / "report.xml"


ONE = [Decimal(1)] * 3
NO_MEMOS: list[str | None] = [None] * 3
NOON = dt.datetime(2024, 1, 1, 12)


@settings(max_examples=60, deadline=None)
@example("Unknown Smith", "Unknown", ONE, NO_MEMOS, NOON)  # a real word equal to the placeholder
@example("Иван Петров", "- Suharto", ONE, ["\r\n memo ", "\x00", "(no memo)"], NOON)
@example(None, "Global Travel LLC & Co", [Decimal("0.0001")] * 3, NO_MEMOS, NOON)
@given(
    holder=names,
    payer=names,
    values=st.lists(amounts, min_size=3, max_size=3),
    descriptions=st.lists(memos, min_size=3, max_size=3),
    when=moments,
)
def test_random_facts_validate_and_round_trip(
    uae_profile: FiuProfile,
    generic_profile: FiuProfile,
    uae_schema: Validator,
    generic_schema: Validator,
    scratch: Path,
    holder: str | None,
    payer: str | None,
    values: list[Decimal],
    descriptions: list[str | None],
    when: dt.datetime,
) -> None:
    parties = [person("P1", holder), person("P2", "Ana Ruiz")]
    accounts = [account("A-1", "P1"), account("A-2", "P2")]
    transactions = [
        transaction("T-1", str(values[0]), timestamp=when, from_account_id="A-1",
                    to_account_id="A-2", description=descriptions[0]),
        transaction("T-2", str(values[1]), timestamp=when, to_account_id="A-1",
                    counterparty_name=payer, description=descriptions[1]),
        transaction("T-3", str(values[2]), timestamp=when, channel="cash", to_account_id="A-2",
                    description=descriptions[2]),
    ]  # fmt: skip
    case = make_case(parties, accounts, transactions)
    for profile, schema in ((uae_profile, uae_schema), (generic_profile, generic_schema)):
        data = report_bytes(case, profile, submitted=SUBMITTED)
        assert schema(data) == []
        scratch.write_bytes(data)
        report = read_goaml(scratch, profile)
        read = {t.transaction_id: t for t in report.transactions}
        assert list(read) == ["T-1", "T-2", "T-3"]
        for original in transactions:
            again = read[original.transaction_id]
            assert (again.amount, again.currency) == (original.amount, "USD")
            assert again.base_amount is None or again.base_amount > 0  # the contract wants > 0
            assert again.timestamp == when
            assert again.description == fit(original.description, COMMENTS_LIMIT)
            assert again.from_account_id == original.from_account_id
            assert again.to_account_id == original.to_account_id
        assert read["T-2"].counterparty_name == one_line(payer, 255)
        assert read["T-3"].counterparty_name is None  # cash paid in by the holder
        holder_row = next(p for p in report.parties if p.party_id == "P1")
        assert holder_row.name == one_line(holder, 255)
        assert holder_row.birth_date == dt.date(1990, 5, 17)
