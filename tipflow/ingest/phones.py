"""Phone numbers to E.164 with ``phonenumbers``, and the watchlist's normalised values.

Runs after the scan on *distinct* values only (a party table holds far fewer distinct phones
than rows), and only for the values that are not already written in E.164. A national number is
read in the country of the party's address, else of its nationality. A value that cannot be
read as a phone number is kept as given in ``phone_as_given`` and counted as a warning.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import phonenumbers
import pyarrow as pa

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.workspace import scalar

PHONE_WARNING = "phone: not a phone number that can be written in E.164, kept as given"


def to_e164(number: str, region: str | None) -> str | None:
    """``number`` in E.164, reading national forms in ``region``; None if it is not a number."""
    text = number.strip()
    if text.startswith("00"):  # the international prefix of most of the world
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def normalise_party_phones(con: Connection, table: str = "parties") -> int:
    """Fill ``phone`` where only ``phone_as_given`` is set; returns rows left unnormalised."""
    pending = con.execute(
        f"SELECT DISTINCT phone_as_given, coalesce(country, nationality) FROM {q(table)} "
        "WHERE phone IS NULL AND phone_as_given IS NOT NULL"
    ).fetchall()
    with _registered_mapping(con, [(given, region) for given, region in pending]):
        con.execute(
            f"UPDATE {q(table)} AS p SET phone = m.e164 FROM _phone_mapping AS m "
            "WHERE p.phone IS NULL AND p.phone_as_given = m.given "
            "AND coalesce(p.country, p.nationality) IS NOT DISTINCT FROM m.region "
            "AND m.e164 IS NOT NULL"
        )
    return int(
        scalar(
            con,
            f"SELECT count(*) FROM {q(table)} WHERE phone IS NULL AND phone_as_given IS NOT NULL",
        )
    )


def add_watchlist_normalised_values(con: Connection, table: str = "watchlist") -> None:
    """``value_normalised``: the form later stages match on, by kind of entry."""
    con.execute(f"ALTER TABLE {q(table)} ADD COLUMN value_normalised VARCHAR")
    con.execute(
        f"""
        UPDATE {q(table)} SET value_normalised = CASE kind
            WHEN 'email' THEN lower(value)
            WHEN 'account' THEN upper(regexp_replace(value, '[\\s-]', '', 'g'))
            WHEN 'name' THEN lower(regexp_replace(value, '\\s+', ' ', 'g'))
            WHEN 'address' THEN lower(regexp_replace(value, '\\s+', ' ', 'g'))
            ELSE value END
        """
    )
    phones = con.execute(f"SELECT DISTINCT value FROM {q(table)} WHERE kind = 'phone'").fetchall()
    with _registered_mapping(con, [(value, None) for (value,) in phones]):
        con.execute(
            f"UPDATE {q(table)} AS w SET value_normalised = m.e164 FROM _phone_mapping AS m "
            "WHERE w.kind = 'phone' AND w.value = m.given AND m.e164 IS NOT NULL"
        )


@contextmanager
def _registered_mapping(con: Connection, numbers: list[tuple[str, str | None]]) -> Iterator[None]:
    """Register ``_phone_mapping`` (given, region, e164) for the duration of an UPDATE."""
    mapping = pa.table(
        {
            "given": pa.array([given for given, _ in numbers], pa.string()),
            "region": pa.array([region for _, region in numbers], pa.string()),
            "e164": pa.array([to_e164(given, region) for given, region in numbers], pa.string()),
        }
    )
    con.register("_phone_mapping", mapping)
    try:
        yield
    finally:
        con.unregister("_phone_mapping")
