"""How each column kind of the contract is normalised and checked, as DuckDB SQL.

For every column the reader builds, from its cleaned text, the typed workspace value(s), the
error messages that quarantine a row and the warnings that only count it. All of it is plain
row-wise SQL (no joins, no lookups in other tables), so that the one scan that reads a file can
also check it while keeping the file's row order (see ``stage.py``).

Messages have the form ``<column>: <problem>`` and never quote the value: the quarantine file
shows the value beside the message, and the run summary counts rows per message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tipflow.engine.duckdb import quote_identifier as q
from tipflow.engine.duckdb import sql_string, sql_string_list
from tipflow.ingest.codes import country_codes, currency_codes
from tipflow.ingest.contract import ColumnSpec, Kind

#: Money and other decimals: 28 digits before the point, 10 after (crypto needs 8), exact.
DECIMAL_TYPE = "DECIMAL(38, 10)"
DECIMAL_SCALE = 10

#: Characters trimmed from both ends of every value (incl. the no-break space of spreadsheets).
WHITESPACE = " \t\r\n\u00a0"

#: ISO 8601 date-time: date, optional time (minutes, seconds, fraction), optional UTC offset.
#: A date alone is accepted (read as midnight, with a warning).
TIMESTAMP_PATTERN = (
    r"^(\d{4}-\d{2}-\d{2})"
    r"(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?"
    r" ?(Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)
#: A date, optionally followed by a midnight time (as Parquet and spreadsheets write dates).
DATE_PATTERN = r"\d{4}-\d{2}-\d{2}(?:[T ]00:00(?::00(?:\.0+)?)?)?"
#: An E.164 number as the contract prefers it; anything else goes through ``phones.py``.
E164_PATTERN = r"\+[1-9]\d{6,14}"
MCC_PATTERN = r"\d{1,4}(?:\.0+)?"
ISIC_PATTERN = r"\d{3,4}(?:\.0+)?"
MAX_OFFSET_HOURS = 18


@dataclass(frozen=True)
class ColumnSQL:
    """The SQL of one contract column, in the layers of the stage query.

    ``parts`` are helper expressions over the raw text (layer 2, beside the cleaned text);
    ``outputs`` are the workspace columns (layer 3, over cleaned text and parts);
    ``errors`` and ``warnings`` yield a message or NULL (layer 4, over everything before).
    """

    outputs: tuple[tuple[str, str], ...]
    parts: tuple[tuple[str, str], ...] = ()
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def clean(raw: str) -> str:
    """Trimmed text, NULL when empty: the contract says empty and missing both mean null."""
    return f"NULLIF(trim({raw}, {sql_string(WHITESPACE)}), '')"


def cleaned_name(column: str) -> str:
    return f"__c_{column}"


def message(column: str, problem: str) -> str:
    return sql_string(f"{column}: {problem}")


def when(condition: str, column: str, problem: str) -> str:
    return f"CASE WHEN {condition} THEN {message(column, problem)} END"


def column_sql(spec: ColumnSpec, raw: str) -> ColumnSQL:
    """The SQL for one contract column whose raw text is the expression ``raw``."""
    c = q(cleaned_name(spec.name))
    out = q(spec.name)
    required = (when(f"{c} IS NULL", spec.name, "missing (required)"),) if spec.required else ()
    built = _BUILDERS[spec.kind](spec, c, out, raw)
    return ColumnSQL(
        outputs=built.outputs,
        parts=built.parts,
        errors=required + built.errors,
        warnings=built.warnings,
    )


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
    allowed = sql_string_list(spec.values)
    return ColumnSQL(
        outputs=((spec.name, value),),
        errors=(
            when(
                f"{c} IS NOT NULL AND NOT list_contains({allowed}, {out})",
                spec.name,
                "not one of " + ", ".join(spec.values),
            ),
        ),
    )


def _date(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    value = (
        f"CASE WHEN regexp_full_match({c}, {sql_string(DATE_PATTERN)}) "
        f"THEN try_cast(left({c}, 10) AS DATE) END"
    )
    return ColumnSQL(
        outputs=((spec.name, value),),
        errors=(when(f"{c} IS NOT NULL AND {out} IS NULL", spec.name, "not a date (YYYY-MM-DD)"),),
    )


def _timestamp(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    assert spec.offset_column  # guaranteed by the contract model
    parts = q(f"__p_{spec.name}")
    found = (
        f"regexp_extract({clean(raw)}, {sql_string(TIMESTAMP_PATTERN)}, ['day', 'time', 'zone'])"
    )
    day, time, zone = f"{parts}.day", f"{parts}.time", f"{parts}.zone"
    local = (
        f"CASE WHEN {day} <> '' THEN try_cast({day} || ' ' || "
        f"coalesce(nullif(replace({time}, ',', '.'), ''), '00:00:00') AS TIMESTAMP) END"
    )
    zone_hours = f"try_cast(substr({zone}, 2, 2) AS INTEGER)"
    zone_minutes = (
        f"coalesce(try_cast(nullif(substr(replace({zone}, ':', ''), 4, 2), '') AS INTEGER), 0)"
    )
    offset = (
        f"CAST(CASE WHEN {zone} = '' OR {zone} IS NULL THEN NULL "
        f"WHEN {zone} IN ('Z', 'z') THEN 0 "
        f"ELSE (CASE WHEN left({zone}, 1) = '-' THEN -1 ELSE 1 END) "
        f"* ({zone_hours} * 60 + {zone_minutes}) END AS SMALLINT)"
    )
    zone_valid = (
        f"({zone} IN ('', 'Z', 'z') "
        f"OR ({zone_hours} <= {MAX_OFFSET_HOURS} AND {zone_minutes} < 60))"
    )
    return ColumnSQL(
        parts=((f"__p_{spec.name}", found),),
        outputs=((spec.name, local), (spec.offset_column, offset)),
        errors=(
            when(f"{c} IS NOT NULL AND {out} IS NULL", spec.name, "not an ISO 8601 date-time"),
            when(f"{out} IS NOT NULL AND NOT {zone_valid}", spec.name, "UTC offset out of range"),
        ),
        warnings=(
            when(
                f"{out} IS NOT NULL AND {time} = ''",
                spec.name,
                "date without a time, read as midnight",
            ),
        ),
    )


def _decimal(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    errors = [when(f"{c} IS NOT NULL AND {out} IS NULL", spec.name, "not a decimal number")]
    if spec.greater_than is not None:
        bound = f"{spec.greater_than:g}"
        errors.append(when(f"{out} <= {bound}", spec.name, f"must be greater than {bound}"))
    # Cheap string test (no regex) for digits beyond the stored scale, which DuckDB rounds.
    point = f"strpos({c}, '.')"
    too_precise = (
        f"{point} > 0 AND length({c}) - {point} > {DECIMAL_SCALE} AND NOT contains(lower({c}), 'e')"
    )
    return ColumnSQL(
        outputs=((spec.name, f"try_cast({c} AS {DECIMAL_TYPE})"),),
        errors=tuple(errors),
        warnings=(
            when(too_precise, spec.name, f"more than {DECIMAL_SCALE} decimal places, rounded"),
        ),
    )


def _count(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    number = f"try_cast({c} AS {DECIMAL_TYPE})"
    value = (
        f"CASE WHEN {number} >= 0 AND {number} = trunc({number}) THEN CAST({number} AS BIGINT) END"
    )
    return ColumnSQL(
        outputs=((spec.name, value),),
        errors=(
            when(
                f"{c} IS NOT NULL AND {out} IS NULL", spec.name, "not a whole number of at least 0"
            ),
        ),
    )


def _code(spec: ColumnSpec, c: str, out: str, allowed: frozenset[str], problem: str) -> ColumnSQL:
    return ColumnSQL(
        outputs=((spec.name, f"upper({c})"),),
        errors=(
            when(
                f"{c} IS NOT NULL AND NOT list_contains({sql_string_list(allowed)}, {out})",
                spec.name,
                problem,
            ),
        ),
    )


def _country(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    return _code(spec, c, out, country_codes(), "not an ISO 3166-1 alpha-2 country code")


def _currency(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    return _code(spec, c, out, currency_codes(), "not an ISO 4217 currency code")


def _padded_digits(c: str, pattern: str) -> str:
    """Digits left-padded to 4 (numeric exports drop leading zeros and may append '.0')."""
    matches = f"regexp_full_match({c}, {sql_string(pattern)})"
    return f"CASE WHEN {matches} THEN lpad(split_part({c}, '.', 1), 4, '0') END"


def _mcc(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    return ColumnSQL(
        outputs=((spec.name, _padded_digits(c, MCC_PATTERN)),),
        errors=(
            when(
                f"{c} IS NOT NULL AND {out} IS NULL",
                spec.name,
                "not a 4-digit merchant category code",
            ),
        ),
    )


def _isic(spec: ColumnSpec, c: str, out: str, raw: str) -> ColumnSQL:
    # The contract types this column as a string: a code of another shape is kept, and counted.
    return ColumnSQL(
        outputs=((spec.name, f"coalesce({_padded_digits(c, ISIC_PATTERN)}, {c})"),),
        warnings=(
            when(
                f"{c} IS NOT NULL AND NOT regexp_full_match({c}, {sql_string(ISIC_PATTERN)})",
                spec.name,
                "not a 4-digit ISIC class, kept as given",
            ),
        ),
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
    Kind.COUNTRY: _country,
    Kind.CURRENCY: _currency,
    Kind.MCC: _mcc,
    Kind.ISIC: _isic,
    Kind.PHONE: _phone,
}
