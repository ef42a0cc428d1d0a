"""How each column kind of the contract is normalised and checked, as DuckDB SQL.

For every column the reader builds, from its cleaned text, the typed workspace value(s), the
checks that quarantine a row and the warnings that only count it. All of it is plain row-wise
SQL (no joins, no lookups), so that the one scan that reads a file can also check it while
keeping the file's row order (see ``stage.py``). Membership of a code list (enumerations,
countries, currencies) is the exception: it is checked after the scan on the column's distinct
values (``postchecks.py``), which costs far less than a test per row.

Messages have the form ``<column>: <problem>`` and never quote the value: the quarantine file
shows the value beside the message, and the run summary counts rows per message.

Costs were measured on 10 M rows (docs/benchmarks.md): trimming only the values that start or
end with a space is nearly free, while trimming every value of every column, or trimming a set
of characters, cost more than the scan itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.sql import sql_string
from tipflow.ingest.codes import country_codes, currency_codes
from tipflow.ingest.contract import ColumnSpec, Kind

#: Money and other decimals: 28 digits before the point, 10 after (crypto needs 8), exact.
DECIMAL_TYPE = "DECIMAL(38, 10)"
DECIMAL_SCALE = 10

#: Years 0001 to 9999: what Python's datetime holds (DuckDB would read 0000 as 1 BC).
YEAR = r"(?:[1-9]\d{3}|0[1-9]\d{2}|00[1-9]\d|000[1-9])"
#: ISO 8601 date-time: date, optional time (minutes, seconds, fraction) and then an optional
#: UTC offset. A date alone is accepted (read as midnight, with a warning).
TIMESTAMP_PATTERN = (
    rf"{YEAR}-\d{{2}}-\d{{2}}"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?)?"
)
#: A date, optionally followed by a midnight time (as Parquet and spreadsheets write dates).
DATE_PATTERN = rf"{YEAR}-\d{{2}}-\d{{2}}(?:[T ]00:00(?::00(?:\.0+)?)?)?"
#: An E.164 number as the contract prefers it; anything else goes through ``phones.py``.
E164_PATTERN = r"\+[1-9]\d{6,14}"
MCC_PATTERN = r"\d{1,4}(?:\.0+)?"
ISIC_PATTERN = r"\d{3,4}(?:\.0+)?"
MAX_OFFSET_HOURS = 18  # the widest offset ISO 8601 software accepts (real ones: -12 to +14)

Check = tuple[str, str]  # (SQL condition that is true when the row fails, message)


@dataclass(frozen=True)
class ColumnSQL:
    """The SQL of one contract column, in the layers of the stage query.

    ``parts`` are helper expressions over the raw text (layer 2, beside the cleaned text);
    ``outputs`` are the workspace columns (layer 3, over cleaned text and parts);
    ``errors`` and ``warnings`` are checks over everything before (layer 4).
    """

    outputs: tuple[tuple[str, str], ...]
    parts: tuple[tuple[str, str], ...] = ()
    errors: tuple[Check, ...] = ()
    warnings: tuple[Check, ...] = ()


def clean(raw: str) -> str:
    """The text without surrounding spaces, NULL when empty (empty and missing mean null)."""
    return (
        f"NULLIF(CASE WHEN {raw} LIKE ' %' OR {raw} LIKE '% ' THEN trim({raw}) ELSE {raw} END, '')"
    )


def cleaned_name(column: str) -> str:
    return f"__c_{column}"


def problem(column: str, text: str) -> str:
    return f"{column}: {text}"


def column_sql(spec: ColumnSpec, raw: str) -> ColumnSQL:
    """The SQL for one contract column whose raw text is the expression ``raw``."""
    c = q(cleaned_name(spec.name))
    built = _BUILDERS[spec.kind](spec, c, q(spec.name), raw)
    if not spec.required:
        return built
    missing = (f"{c} IS NULL", problem(spec.name, "missing (required)"))
    return ColumnSQL(built.outputs, built.parts, (missing, *built.errors), built.warnings)


def domain(spec: ColumnSpec) -> tuple[frozenset[str], str] | None:
    """The code list a column's values must belong to, and the message when one does not."""
    if spec.kind is Kind.ENUM:
        return frozenset(spec.values), problem(spec.name, "not one of " + ", ".join(spec.values))
    if spec.kind is Kind.COUNTRY:
        return country_codes(), problem(spec.name, "not an ISO 3166-1 alpha-2 country code")
    if spec.kind is Kind.CURRENCY:
        return currency_codes(), problem(spec.name, "not an ISO 4217 currency code")
    return None


def _unparsed(c: str, out: str, spec: ColumnSpec, text: str) -> Check:
    return f"{c} IS NOT NULL AND {out} IS NULL", problem(spec.name, text)


def _text(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    return ColumnSQL(outputs=((spec.name, c),))


def _enum(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    value = f"lower({c})"
    if spec.aliases:
        cases = " ".join(
            f"WHEN {sql_string(alias)} THEN {sql_string(target)}"
            for alias, target in sorted(spec.aliases.items())
        )
        value = f"CASE lower({c}) {cases} ELSE lower({c}) END"
    return ColumnSQL(outputs=((spec.name, value),))


def _code(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    return ColumnSQL(outputs=((spec.name, f"upper({c})"),))


def _date(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    value = (
        f"CASE WHEN regexp_full_match({c}, {sql_string(DATE_PATTERN)}) "
        f"THEN try_cast(left({c}, 10) AS DATE) END"
    )
    return ColumnSQL(
        outputs=((spec.name, value),), errors=(_unparsed(c, out, spec, "not a date (YYYY-MM-DD)"),)
    )


def _timestamp(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    """Local time as written, and the UTC offset when one is written.

    DuckDB's TIMESTAMP cast keeps the wall-clock time and ignores an offset; its TIMESTAMPTZ
    cast applies it. Their difference is the offset. Both casts are far cheaper than taking the
    text apart; the pattern (one match, no captures) keeps the accepted forms to ISO 8601.
    """
    assert spec.offset_column  # guaranteed by the contract model
    text = q(f"__p_{spec.name}")  # cleaned, with a decimal comma (allowed by ISO) made a point
    zoned = q(f"__p_{spec.name}_zoned")  # ends in a zone (computed once, used three times)
    cleaned = clean(raw)
    point = (
        f"CASE WHEN contains({cleaned}, ',') THEN replace({cleaned}, ',', '.') ELSE {cleaned} END"
    )
    valid = f"regexp_full_match({text}, {sql_string(TIMESTAMP_PATTERN)})"
    local = f"try_cast({text} AS TIMESTAMP)"
    minutes = f"(epoch_us({local}) - epoch_us(try_cast({text} AS TIMESTAMPTZ))) // 60000000"
    offset = f"CAST(CASE WHEN {zoned} AND {valid} THEN {minutes} END AS SMALLINT)"
    stored_offset = q(spec.offset_column)
    # DuckDB carries offset minutes of 60 or more over into the hour; ISO does not allow them.
    zone_minutes = f"substr({text}, -6, 1) IN ('+', '-') OR substr({text}, -5, 1) IN ('+', '-')"
    zone_wrong = (
        f"{zoned} AND {out} IS NOT NULL AND ({stored_offset} IS NULL "
        f"OR abs({stored_offset}) > {MAX_OFFSET_HOURS * 60} "
        f"OR (({zone_minutes}) AND right({text}, 2) >= '60'))"
    )
    return ColumnSQL(
        parts=((f"__p_{spec.name}", point), (f"__p_{spec.name}_zoned", _has_zone(cleaned))),
        outputs=((spec.name, f"CASE WHEN {valid} THEN {local} END"), (spec.offset_column, offset)),
        errors=(
            _unparsed(c, out, spec, "not an ISO 8601 date-time"),
            (zone_wrong, problem(spec.name, "UTC offset out of range")),
        ),
        warnings=(
            (
                f"length({text}) = 10 AND {out} IS NOT NULL",
                problem(spec.name, "date without a time, read as midnight"),
            ),
        ),
    )


def _has_zone(text: str) -> str:
    """Whether a text that matches TIMESTAMP_PATTERN ends in a zone: Z, +hh, +hhmm or +hh:mm.

    In a matching text the last six characters hold only digits, ':' and '.' unless a zone
    ends it; a bare date (10 characters) ends in '-dd', hence the length test.
    """
    signs = " OR ".join(f"substr({text}, {p}, 1) IN ('+', '-')" for p in (-6, -5, -3))
    return f"(right({text}, 1) IN ('Z', 'z') OR (length({text}) > 10 AND ({signs})))"


def _decimal(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    errors = [_unparsed(c, out, spec, "not a decimal number")]
    if spec.greater_than is not None:
        bound = f"{spec.greater_than:g}"
        errors.append((f"{out} <= {bound}", problem(spec.name, f"must be greater than {bound}")))
    # Digits beyond the stored scale, which DuckDB rounds. Cheapest test first: DuckDB only
    # evaluates the later terms of an AND on the rows that passed the earlier ones.
    point = f"strpos({c}, '.')"
    too_precise = (
        f"length({c}) > {DECIMAL_SCALE + 1} AND {point} > 0 "
        f"AND length({c}) - {point} > {DECIMAL_SCALE} "
        f"AND strpos({c}, 'e') = 0 AND strpos({c}, 'E') = 0"
    )
    return ColumnSQL(
        outputs=((spec.name, f"try_cast({c} AS {DECIMAL_TYPE})"),),
        errors=tuple(errors),
        warnings=(
            (too_precise, problem(spec.name, f"more than {DECIMAL_SCALE} decimal places, rounded")),
        ),
    )


def _count(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    number = f"try_cast({c} AS {DECIMAL_TYPE})"
    whole = f"{number} >= 0 AND {number} = trunc({number})"
    value = f"CASE WHEN {whole} THEN try_cast({number} AS BIGINT) END"
    return ColumnSQL(
        outputs=((spec.name, value),),
        errors=(_unparsed(c, out, spec, "not a whole number of at least 0"),),
    )


def _padded_digits(c: str, pattern: str) -> str:
    """Digits left-padded to 4 (numeric exports drop leading zeros and may append '.0')."""
    matches = f"regexp_full_match({c}, {sql_string(pattern)})"
    return f"CASE WHEN {matches} THEN lpad(split_part({c}, '.', 1), 4, '0') END"


def _mcc(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    return ColumnSQL(
        outputs=((spec.name, _padded_digits(c, MCC_PATTERN)),),
        errors=(_unparsed(c, out, spec, "not a 4-digit merchant category code"),),
    )


def _isic(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    # The contract types this column as a string: a code of another shape is kept, and counted.
    odd = f"{c} IS NOT NULL AND NOT regexp_full_match({c}, {sql_string(ISIC_PATTERN)})"
    return ColumnSQL(
        outputs=((spec.name, f"coalesce({_padded_digits(c, ISIC_PATTERN)}, {c})"),),
        warnings=((odd, problem(spec.name, "not a 4-digit ISIC class, kept as given")),),
    )


def _phone(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    assert spec.as_given_column  # guaranteed by the contract model
    # E.164 as given is kept here; other forms are parsed by phones.py after the scan.
    e164 = f"CASE WHEN regexp_full_match({c}, {sql_string(E164_PATTERN)}) THEN {c} END"
    return ColumnSQL(outputs=((spec.name, e164), (spec.as_given_column, c)))


_BUILDERS = {
    Kind.ID: _text,
    Kind.TEXT: _text,
    Kind.ENUM: _enum,
    Kind.DATE: _date,
    Kind.TIMESTAMP: _timestamp,
    Kind.DECIMAL: _decimal,
    Kind.COUNT: _count,
    Kind.COUNTRY: _code,
    Kind.CURRENCY: _code,
    Kind.MCC: _mcc,
    Kind.ISIC: _isic,
    Kind.PHONE: _phone,
}
