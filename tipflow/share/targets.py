"""``make_targets``: a requester's identifiers as the pseudonyms the members' tokens hold.

A tactical request (the FIU or the police ask the banks about targets) and an NGO data point
name identifiers only as pseudonyms, and a pseudonym finds something only if it equals the token
an institution made of the same identifier. So nothing here normalises on its own: each row of
the targets file becomes a row of a small ``parties``-like table in an in-memory DuckDB, read
with the contract column's SQL of the ingest reader (``ingest/kinds.py``: trimmed text, phones in
E.164), phones completed by ``ingest/phones.py``, address keys by ``prepare`` (as screening), the
other kinds by the SQL of ``identifiers.py``; the token is ``keys.identifier_token``, as in
``tokens.py``.

The file is refused whole when a line is bad, naming each line, its kind and the problem, and
never the value: a targets file holds raw identifiers of people under investigation.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from tipflow.engine.duckdb import connect
from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.sql import sql_string
from tipflow.errors import ConfigError, DatasetError
from tipflow.ingest.codes import country_codes
from tipflow.ingest.contract import load_contract
from tipflow.ingest.discover import open_text
from tipflow.ingest.kinds import clean, cleaned_name, column_sql, domain
from tipflow.ingest.phones import normalise_party_phones
from tipflow.share.identifiers import account_number, device, email, ip_address, prepare
from tipflow.share.keys import MIN_KEY_BYTES, derive_key, identifier_token, key_fingerprint

#: The contract column (table, column) whose reading a target's value gets, by target kind:
#: the kinds a token file holds as exact tokens (a counterparty is an account_number token).
READ_AS = {
    "account_number": ("accounts", "account_id"),
    "phone": ("parties", "phone"),
    "email": ("parties", "email"),
    "address": ("parties", "address"),
    "device": ("transactions", "device_id"),
    "ip": ("transactions", "ip_address"),
}
KINDS = tuple(READ_AS)
#: Optional columns, read as the parties' columns: a national phone number is read in
#: ``country``; an address's key holds its ``postal_code`` (else its ``city``).
CONTEXT_COLUMNS = ("country", "postal_code", "city")
COLUMNS = ("kind", "value", *CONTEXT_COLUMNS)
#: The list each hub body takes, and its length limit (schemas_tactical, schemas_ngo).
BODIES = {"tactical": ("targets", 500), "ngo": ("identifiers", 200)}
#: Bad lines named in the error; the rest are counted.
MAX_LISTED = 20

PHONE_PROBLEM = (
    "not a phone number that can be written in E.164 (a national number needs its country: "
    "a `country` column or --default-region)"
)


@dataclass(frozen=True)
class Target:
    kind: str
    pseudonym: str


@dataclass(frozen=True)
class TargetsResult:
    """Distinct targets in file order; ``lines`` rows were read."""

    source: Path
    targets: tuple[Target, ...]
    lines: int
    key_fingerprint: str
    body: str

    def document(self) -> dict[str, Any]:
        """The part of the hub body the targets fill: merge it into the request's JSON."""
        field, _ = BODIES[self.body]
        return {
            "key_fingerprint": self.key_fingerprint,
            field: [{"kind": t.kind, "pseudonym": t.pseudonym} for t in self.targets],
        }

    def counts(self) -> dict[str, int]:
        kinds = [t.kind for t in self.targets]
        return {kind: kinds.count(kind) for kind in KINDS if kind in kinds}


def make_targets(
    path: Path, key: bytes, *, default_region: str | None = None, body: str = "tactical"
) -> TargetsResult:
    """Read the targets CSV at ``path`` (columns ``kind,value`` and optionally
    ``country,postal_code,city``) and pseudonymise it under the partnership ``key``.

    ``default_region``: the country of national phone numbers on rows without a ``country``.
    ``body``: ``tactical`` or ``ngo``, the hub body the result is for (its field and limit).
    """
    if body not in BODIES:
        raise ConfigError(f"{body!r}: not a hub body (one of {', '.join(BODIES)})")
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError(f"the partnership key has {len(key)} bytes; at least 32 are needed")
    region = _region(default_region)
    rows, problems = _read(path)
    values = _normalise(rows, region, problems)
    if problems:
        listed = "; ".join(problems[line] for line in sorted(problems)[:MAX_LISTED])
        more = len(problems) - MAX_LISTED
        tail = f"; and {more} more" if more > 0 else ""
        raise DatasetError(path, f"{len(problems)} bad line(s), no targets written: {listed}{tail}")
    token_key = derive_key(key, "token")
    targets: dict[Target, None] = {}  # distinct, in file order
    for line, kind in sorted((line, row["kind"]) for line, row in rows.items()):
        targets.setdefault(Target(kind, identifier_token(token_key, kind, values[line])))
    field, limit = BODIES[body]
    if not targets:
        raise DatasetError(path, "no targets: the file has a header only")
    if len(targets) > limit:
        raise DatasetError(
            path, f"{len(targets)} distinct targets; the {field} of a {body} body take {limit}"
        )
    return TargetsResult(path, tuple(targets), len(rows), key_fingerprint(key), body)


def write_targets(result: TargetsResult, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result.document(), indent=2) + "\n", encoding="utf-8")
    return out


def _region(default_region: str | None) -> str | None:
    if default_region is None:
        return None
    region = default_region.strip().upper()
    if region not in country_codes():
        raise ConfigError(
            f"--default-region {default_region!r}: not an ISO 3166-1 alpha-2 country code"
        )
    return region


def _read(path: Path) -> tuple[dict[int, dict[str, str]], dict[int, str]]:
    """The rows by the line they start on (header = line 1), and the lines already bad."""
    rows: dict[int, dict[str, str]] = {}
    problems: dict[int, str] = {}
    line = 1
    try:
        with open_text(path, "csv") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            columns = _columns(path, header)
            line = reader.line_num + 1
            for record in reader:
                if record:  # a blank line is no row
                    row = _row(record, columns, line, problems)
                    if row is not None:
                        rows[line] = row
                line = reader.line_num + 1
    except FileNotFoundError as exc:
        raise DatasetError(path, "not found") from exc
    except UnicodeDecodeError as exc:
        raise DatasetError(path, f"not UTF-8 text (bad bytes at or after line {line})") from exc
    except csv.Error as exc:  # its messages name no field
        raise DatasetError(path, f"not valid CSV: {exc}") from exc
    except OSError as exc:
        raise DatasetError(path, f"cannot be read ({exc.strerror})") from exc
    return rows, problems


def _columns(path: Path, header: list[str] | None) -> list[str]:
    if not header or not any(cell.strip() for cell in header):
        raise DatasetError(path, "empty: no header row")
    # Matched as the reader matches a dataset's header: without regard to case or spaces.
    names = [cell.strip().lower() for cell in header]
    if "kind" not in names or "value" not in names:
        raise DatasetError(path, "the header needs the columns kind and value (line 1)")
    for name in names:
        if names.count(name) > 1:
            raise DatasetError(path, f"the header names column {name!r} twice")
        if name not in COLUMNS:
            raise DatasetError(
                path,
                f"unknown column {name!r}: the columns are kind, value and optionally "
                + ", ".join(CONTEXT_COLUMNS),
            )
    return names


def _row(
    record: list[str], columns: list[str], line: int, problems: dict[int, str]
) -> dict[str, str] | None:
    if len(record) != len(columns):
        problems[line] = f"line {line}: {len(record)} fields where the header has {len(columns)}"
        return None
    row = dict(zip(columns, record, strict=True))
    row["kind"] = row["kind"].strip().lower()
    if row["kind"] not in READ_AS:
        # never the kind as written: in a shifted row it may be the identifier
        problems[line] = f"line {line}: unknown kind (one of {', '.join(KINDS)})"
        return None
    return row


def _normalise(
    rows: dict[int, dict[str, str]], region: str | None, problems: dict[int, str]
) -> dict[int, str]:
    """The normalised value of each row; the rows without one go to ``problems``."""
    contract = load_contract().tables
    raw = {name: [row.get(name) for row in rows.values()] for name in COLUMNS}
    table = pa.table(
        {"line": pa.array(list(rows), pa.int64())}
        | {name: pa.array(values, pa.string()) for name, values in raw.items()}
    )
    # Layer 2 and 3 of the reader's stage query (ingest/stage.py): each kind's value in the
    # cleaned column of the contract column it is read as, then that column's typed outputs.
    cleaned = [f"{clean(q('value'))} IS NULL AS empty"]
    typed = []
    for kind, (table_name, column) in READ_AS.items():
        spec = contract[table_name].columns[column]
        cleaned.append(
            f"CASE WHEN kind = {sql_string(kind)} THEN {clean(q('value'))} END "
            f"AS {q(cleaned_name(column))}"
        )
        typed += [f"{expr} AS {q(name)}" for name, expr in column_sql(spec, "NULL").outputs]
    for column in CONTEXT_COLUMNS:
        spec = contract["parties"].columns[column]
        cleaned.append(f"{clean(q(column))} AS {q(cleaned_name(column))}")
        typed += [f"{expr} AS {q(name)}" for name, expr in column_sql(spec, "NULL").outputs]
    # The default region plays the nationality's part: phones.py reads a national number in
    # coalesce(country, nationality).
    nationality = sql_string(region) if region else "NULL::VARCHAR"
    con = connect(None)
    try:
        con.register("_target_rows", table)
        con.execute(
            f"CREATE TABLE parties AS SELECT party_id, kind, empty, {', '.join(typed)}, "
            f"{nationality} AS nationality FROM (SELECT line AS party_id, kind, "
            f"{', '.join(cleaned)} FROM _target_rows)"
        )
        normalise_party_phones(con)
        prepare(con)
        found = con.execute(
            f"""
            SELECT p.party_id, p.kind, p.empty, p.country, CASE p.kind
              WHEN 'account_number' THEN {account_number("p.account_id")}
              WHEN 'phone' THEN p.phone
              WHEN 'email' THEN {email("p.email")}
              WHEN 'address' THEN a.address
              WHEN 'device' THEN {device("p.device_id")}
              WHEN 'ip' THEN {ip_address("p.ip_address")}
            END
            FROM parties p LEFT JOIN party_addresses a USING (party_id)
            """
        ).fetchall()
    finally:
        con.close()
    codes, country_problem = domain(contract["parties"].columns["country"]) or (frozenset(), "")
    values: dict[int, str] = {}
    for line, kind, empty, country, value in found:
        problem = None
        if empty:
            problem = "empty value"
        elif country is not None and country not in codes:
            problem = country_problem
        elif not value and kind == "phone":
            problem = PHONE_PROBLEM
        elif not value and kind == "address":
            problem = "no street line left once normalised"
        elif not value:
            problem = "nothing left once normalised"
        if problem is None:
            values[line] = value
        else:
            problems[line] = f"line {line} ({kind}): {problem}"
    return values
