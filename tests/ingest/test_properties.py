"""Property-based tests of the reader: what goes into a CSV file comes out as the contract says.

Every example builds its files in a fresh temporary folder: hypothesis runs many examples in one
call of a test function, and function-scoped fixtures such as ``tmp_path`` are not reset between
them. Example counts are sized so that the whole file runs in well under 40 s on two cores.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ingest.column_probe import ProbedRow, probe
from tipflow.errors import TipflowError
from tipflow.ingest import IngestOptions, validate_dataset
from tipflow.ingest.phones import to_e164

PROBE_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _probe(table: str, columns: dict[str, list[str | None]]) -> list[ProbedRow]:
    with tempfile.TemporaryDirectory() as folder:
        return probe(Path(folder), table, columns)


# --- (a) free text survives the CSV round trip -------------------------------------------------

#: Any character but NUL and lone surrogates (which UTF-8 cannot encode), with the characters
#: that CSV quoting is about drawn often.
CSV_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([",", '"', "\n", "\r", " ", "\t", "'", ";", "\\", "\ufeff"]),
        st.characters(blacklist_categories=["Cs"], blacklist_characters=["\x00"]),
    ),
    max_size=24,
)


@PROBE_SETTINGS
@given(st.lists(CSV_TEXT, min_size=1, max_size=12))
def test_free_text_comes_back_exactly_but_for_surrounding_spaces(values: list[str]) -> None:
    ids: list[str | None] = [f"T{i}" for i in range(len(values))]
    rows = _probe("transactions", {"transaction_id": ids, "description": list(values)})
    assert [row.values["description"] for row in rows] == [v.strip(" ") or None for v in values]
    assert [row.values["transaction_id"] for row in rows] == ids


# --- (b) ISO 8601 timestamps -------------------------------------------------------------------

NAIVE_TIMES = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31, 23, 59, 59, 999999)
)
#: None: no offset; "Z": UTC; an int: minutes east of UTC.
OFFSETS = st.one_of(st.none(), st.just("Z"), st.integers(min_value=-14 * 60, max_value=14 * 60))


@dataclass(frozen=True)
class Spelling:
    separator: str  # "T" or " "
    seconds: bool  # write seconds (always written when not zero)
    fraction: str  # "" (none unless needed), "." or ","
    colon: bool  # "+05:30" or "+0530"
    hours_only: bool  # "+05" for a whole-hour offset


SPELLINGS = st.builds(
    Spelling,
    separator=st.sampled_from(["T", " "]),
    seconds=st.booleans(),
    fraction=st.sampled_from(["", ".", ","]),
    colon=st.booleans(),
    hours_only=st.booleans(),
)


def _render_timestamp(moment: datetime, offset: str | int | None, how: Spelling) -> str:
    text = moment.strftime(f"%Y-%m-%d{how.separator}%H:%M")
    if how.seconds or moment.second or moment.microsecond or how.fraction:
        text += f":{moment.second:02d}"
    if moment.microsecond or how.fraction:
        digits = f"{moment.microsecond:06d}".rstrip("0") or "0"
        text += (how.fraction or ".") + digits
    if offset is None:
        return text
    if offset == "Z":
        return text + "Z"
    assert isinstance(offset, int)
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    if how.hours_only and not minutes:
        return text + f"{sign}{hours:02d}"
    return text + f"{sign}{hours:02d}{':' if how.colon else ''}{minutes:02d}"


@PROBE_SETTINGS
@given(st.lists(st.tuples(NAIVE_TIMES, OFFSETS, SPELLINGS), min_size=1, max_size=10))
def test_timestamp_local_time_and_offset_are_read_as_written(
    cases: list[tuple[datetime, str | int | None, Spelling]],
) -> None:
    texts = [_render_timestamp(moment, offset, how) for moment, offset, how in cases]
    rows = _probe("transactions", {"timestamp": list(texts)})
    for (moment, offset, _), text, row in zip(cases, texts, rows, strict=True):
        assert row.errors_of("timestamp") == [], text
        assert row.warnings_of("timestamp") == [], text
        assert row.values["timestamp"] == moment, text
        expected_offset = 0 if offset == "Z" else offset
        assert row.values["utc_offset_minutes"] == expected_offset, text


# --- (c) exact decimals ------------------------------------------------------------------------


@st.composite
def decimals(draw: st.DrawFn) -> Decimal:
    """Up to 20 integer digits and up to 10 fractional digits, either sign."""
    places = draw(st.integers(min_value=0, max_value=10))
    units = draw(
        st.integers(min_value=-(10 ** (20 + places)) + 1, max_value=10 ** (20 + places) - 1)
    )
    return Decimal(units).scaleb(-places)


@st.composite
def rendered_decimals(draw: st.DrawFn) -> tuple[Decimal, str]:
    value = draw(decimals())
    text = format(value, "f")
    places = len(text.partition(".")[2])
    padding = draw(st.integers(min_value=0, max_value=10 - places))
    if padding:
        text += ("" if "." in text else ".") + "0" * padding
    if value >= 0 and draw(st.booleans()):
        text = "+" + text
    return value, text


@PROBE_SETTINGS
@given(st.lists(rendered_decimals(), min_size=1, max_size=10))
def test_amount_is_stored_exactly_and_must_be_positive(cases: list[tuple[Decimal, str]]) -> None:
    rows = _probe("transactions", {"amount": [text for _, text in cases]})
    for (value, text), row in zip(cases, rows, strict=True):
        assert row.values["amount"] == value, text
        assert row.warnings_of("amount") == [], text
        if value > 0:
            assert row.errors_of("amount") == [], text
        else:
            assert row.errors_of("amount") == ["amount: must be greater than 0"], text


# --- (d) dates ---------------------------------------------------------------------------------

#: Year 0 is left out: DuckDB reads 0000 as 1 BC (see test_kinds: test_date_year_zero_is_an_error).
YEARS = st.one_of(
    st.integers(min_value=1, max_value=9999), st.sampled_from([1900, 2000, 2023, 2024])
)
MONTHS = st.integers(min_value=0, max_value=13)
DAYS = st.one_of(st.integers(min_value=28, max_value=31), st.integers(min_value=0, max_value=32))


def _python_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _check_dates(triples: Sequence[tuple[int, int, int]]) -> None:
    texts: list[str | None] = [f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in triples]
    rows = _probe("parties", {"birth_date": texts})
    for triple, text, row in zip(triples, texts, rows, strict=True):
        expected = _python_date(*triple)
        assert row.values["birth_date"] == expected, text
        errors = [] if expected else ["birth_date: not a date (YYYY-MM-DD)"]
        assert row.errors_of("birth_date") == errors, text


@PROBE_SETTINGS
@given(st.lists(st.tuples(YEARS, MONTHS, DAYS), min_size=1, max_size=12))
def test_dates_accepted_are_exactly_the_calendar_dates(triples: list[tuple[int, int, int]]) -> None:
    _check_dates(triples)


def test_days_29_to_31_of_every_month_in_a_leap_and_a_common_year() -> None:
    _check_dates(
        [(y, m, d) for y in (1900, 2000, 2023, 2024) for m in range(1, 13) for d in (29, 30, 31)]
    )


# --- (e) phone numbers -------------------------------------------------------------------------

REGIONS = ["US", "CA", "GB", "DE", "FR", "MX", "IN", "PH", "NG", "AU"]
NUMBER_TYPES = [None, phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE]
FORMATS = ["NATIONAL", "INTERNATIONAL", "E164", "00"]


def _written(number: phonenumbers.PhoneNumber, how: str) -> str:
    if how == "00":
        return "00" + phonenumbers.format_number(
            number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
        ).removeprefix("+")
    fmt = getattr(phonenumbers.PhoneNumberFormat, how)
    return str(phonenumbers.format_number(number, fmt))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(REGIONS), st.sampled_from(NUMBER_TYPES), st.sampled_from(FORMATS))
def test_example_numbers_round_trip_to_e164(region: str, number_type: int | None, how: str) -> None:
    if number_type is None:
        number = phonenumbers.example_number(region)
    else:
        number = phonenumbers.example_number_for_type(region, number_type)
    assert number is not None, (region, number_type)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert to_e164(_written(number, how), region) == e164
    assert to_e164(_written(number, how), region.lower()) == e164


# --- (f) a whole file: every broken row is quarantined, at its line, for its reason ------------

BREAKAGES = [
    "amount",
    "timestamp",
    "channel",
    "to_account_id",
    "duplicate",
    "cash_sides",
    "currency",
    "too_many_fields",
]
#: The column each kind of breakage must be named by (one of the '/'-separated names).
EXPECTED_COLUMN = {
    "amount": "amount",
    "timestamp": "timestamp",
    "channel": "channel",
    "to_account_id": "to_account_id",
    "duplicate": "transaction_id",
    "cash_sides": "from_account_id",
    "currency": "currency",
    "too_many_fields": "row",
}
TRANSACTION_COLUMNS = [
    "transaction_id",
    "timestamp",
    "amount",
    "currency",
    "channel",
    "from_account_id",
    "to_account_id",
    "description",
]
ACCOUNTS = ["A1", "A2", "A3"]


@dataclass(frozen=True)
class PlannedRow:
    fields: list[str]
    broken: str | None  # a key of EXPECTED_COLUMN, or None for a valid row


@st.composite
def valid_transaction(draw: st.DrawFn, index: int) -> dict[str, str]:
    moment = datetime(2024, 1, 1) + timedelta(minutes=draw(st.integers(0, 500_000)))
    channel = draw(st.sampled_from(["wire", "card", "p2p", "CASH", "cash", "Internal"]))
    source, target = draw(st.permutations(ACCOUNTS))[:2]
    if channel.lower() == "cash":
        source, target = draw(st.sampled_from([(source, ""), ("", target)]))
    elif draw(st.booleans()):
        target = ""
    return {
        "transaction_id": f"T{index:03d}",
        "timestamp": moment.isoformat() + draw(st.sampled_from(["", "Z", "-05:00", "+0530"])),
        "amount": draw(st.sampled_from(["0.01", "12.50", "1000", " 7 ", "1e3"])),
        "currency": draw(st.sampled_from(["CAD", "usd", "EUR"])),
        "channel": channel,
        "from_account_id": source,
        "to_account_id": target,
        "description": draw(st.sampled_from(["", "rent", "two\nlines", 'say "hi", ok', " x "])),
    }


@st.composite
def transaction_rows(draw: st.DrawFn) -> list[PlannedRow]:
    planned: list[PlannedRow] = []
    for index in range(draw(st.integers(min_value=1, max_value=14))):
        row = draw(valid_transaction(index))
        broken: str | None = draw(st.one_of(st.none(), st.sampled_from(BREAKAGES)))
        staged_ids = [p.fields[0] for p in planned if p.broken != "too_many_fields"]
        if broken == "duplicate" and not staged_ids:
            broken = None
        extra: list[str] = []
        if broken == "amount":
            row["amount"] = draw(st.sampled_from(["0", "-150.00", "-0.01", "0.00"]))
        elif broken == "timestamp":
            row["timestamp"] = draw(st.sampled_from(["31/12/2024 10:00", "2024-02-30T10:00"]))
        elif broken == "channel":
            row["channel"] = "teleport"
        elif broken == "to_account_id":
            row["channel"], row["to_account_id"] = "wire", "A999"
        elif broken == "duplicate":
            row["transaction_id"] = draw(st.sampled_from(staged_ids))
        elif broken == "cash_sides":
            row["channel"], row["from_account_id"], row["to_account_id"] = "cash", "A1", "A2"
        elif broken == "currency":
            row["currency"] = draw(st.sampled_from(["", "  "]))
        elif broken == "too_many_fields":
            extra = ["EXTRA"]
        planned.append(PlannedRow([row[c] for c in TRANSACTION_COLUMNS] + extra, broken))
    return planned


def _write(path: Path, header: list[str], rows: Sequence[Sequence[str]], newline: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator=newline)
        writer.writerow(header)
        writer.writerows(rows)


def _dataset(scratch: Path, rows: Sequence[Sequence[str]], newline: str) -> Path:
    """A dataset of two parties, three accounts and the given transaction rows."""
    dataset = scratch / "dataset"
    dataset.mkdir()
    parties = [["P1", "person"], ["P2", "organisation"]]
    _write(dataset / "parties.csv", ["party_id", "party_type"], parties, "\n")
    _write(
        dataset / "accounts.csv",
        ["account_id", "institution_id", "party_id", "account_type", "currency"],
        [[a, "BANK", "P1" if a != "A3" else "P2", "current", "CAD"] for a in ACCOUNTS],
        "\n",
    )
    _write(dataset / "transactions.csv", TRANSACTION_COLUMNS, rows, newline)
    return dataset


def _start_lines(rows: Sequence[Sequence[str]], newline: str) -> list[int]:
    """The physical line on which each data row starts (header = line 1)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(TRANSACTION_COLUMNS)
    lines = []
    for row in rows:
        lines.append(buffer.getvalue().count("\n") + 1)
        writer.writerow(row)
    return lines


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transaction_rows(), st.sampled_from(["\n", "\r\n"]))
def test_exactly_the_broken_rows_are_quarantined_at_their_lines(
    planned: list[PlannedRow], newline: str
) -> None:
    rows = [p.fields for p in planned]
    with tempfile.TemporaryDirectory() as scratch:
        dataset, out = _dataset(Path(scratch), rows, newline), Path(scratch) / "out"
        report = validate_dataset(dataset, out, IngestOptions(max_quarantine=1.0))
        quarantine = out / "quarantine" / "transactions.csv"
        found: dict[int, str] = {}
        if quarantine.exists():
            with quarantine.open(encoding="utf-8", newline="") as handle:
                found = {int(r["line"]): r["error"] for r in csv.DictReader(handle)}

    for table in report.tables.values():
        assert table.accepted + table.quarantined == table.read, table.table
    assert report.tables["parties"].quarantined == report.tables["accounts"].quarantined == 0
    assert report.tables["transactions"].read == len(planned)

    starts = _start_lines(rows, newline)
    expected = {line: p.broken for line, p in zip(starts, planned, strict=True) if p.broken}
    assert sorted(found) == sorted(expected)
    assert report.tables["transactions"].quarantined == len(expected)
    for line, broken in expected.items():
        messages = found[line].split("; ")
        assert len(messages) == 1, (line, broken, found[line])
        named = messages[0].split(":", 1)[0].split("/")
        assert EXPECTED_COLUMN[broken] in named, (line, broken, found[line])


def _row(transaction_id: str, description: str, amount: str = "5") -> list[str]:
    return [transaction_id, "2024-01-01T10:00:00", amount, "CAD", "wire", "A1", "A2", description]


def test_line_after_a_quoted_lone_carriage_return_in_an_irregular_file() -> None:
    rows = [_row("T1", "a\rb"), _row("T2", "two\nlines"), _row("T3", "", amount="-1")]
    with tempfile.TemporaryDirectory() as scratch:
        dataset = _dataset(Path(scratch), rows, "\r\n")
        validate_dataset(dataset, Path(scratch) / "out", IngestOptions(max_quarantine=1.0))
        data = (dataset / "transactions.csv").read_bytes()
        with (Path(scratch) / "out" / "quarantine" / "transactions.csv").open(newline="") as f:
            lines = [int(r["line"]) for r in csv.DictReader(f)]
    # header, T1 (its CR is no line break for sed), T2 on two lines, then T3
    assert data[: data.index(b"T3")].count(b"\n") + 1 == 5
    assert lines == [5]


def test_unquoted_lone_carriage_return_is_quarantined_or_reported() -> None:
    rows = [_row("T1", "ok"), _row("T2", "a\rb")]
    with tempfile.TemporaryDirectory() as scratch:
        dataset = _dataset(Path(scratch), rows, "\n")
        assert b",a\rb\n" in (dataset / "transactions.csv").read_bytes()
        try:
            report = validate_dataset(
                dataset, Path(scratch) / "out", IngestOptions(max_quarantine=1.0)
            )
        except TipflowError:
            return  # one clear message naming the file: acceptable
    assert report.tables["transactions"].read == 2
