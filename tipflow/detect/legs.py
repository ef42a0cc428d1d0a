"""The ``legs`` view: each transaction seen from each of its accounts (see :mod:`features`).

The rows are stored in ``legs_packed`` with the reference flags (keyword lists on the memo,
merchant groups, country lists: ``kw_*``, ``mcc_*``, ``cp_in_*``) packed as bits of BIGINT
words ``flags0``, ``flags1``, ...; the view ``legs`` unpacks them under their column names, so
measures read ``kw_payroll`` or ``mcc_lodging`` as before. Writing 38 boolean columns of
11.7 M rows was a fifth of the cost of building the table (docs/benchmarks.md); the view costs
a bit test per row of the flags a query names, and DuckDB drops the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipflow.detect.schema import Reference
from tipflow.engine.sql import quote_identifier, sql_string
from tipflow.engine.workspace import Workspace, engine_of, table_kind

STORED = "legs_packed"
#: Flags per BIGINT word: bits 0..61, so that every mask is a positive BIGINT literal.
WORD_BITS = 62

#: Columns stored without compression: nearly unique strings that most measures read, where
#: decoding DuckDB's dictionary and FSST compression cost more than reading plain bytes.
PLAIN = ("account_id", "transaction_id")

#: A regular expression that matches nothing (RE2 has no lookahead), for empty word lists.
NEVER = "[^\\s\\S]"


def word_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words`` as whole words (``" co."`` matches
    "smith co." but ``" ag"`` does not match "agnes")."""
    alternatives = "|".join(re.escape(word.strip().lower()) for word in words if word.strip())
    return f"(^|[^a-z0-9])({alternatives})($|[^a-z0-9])" if alternatives else NEVER


def keyword_pattern(words: list[str]) -> str:
    """A case-insensitive regular expression matching any of ``words`` as a substring."""
    return "|".join(re.escape(word.lower()) for word in words) or NEVER


def column_name(prefix: str, name: str) -> str:
    """The ``legs`` column of a reference group or list: ``mcc_lodging``, ``cp_in_ht_source``."""
    return prefix + re.sub(r"[^a-z0-9]+", "_", name.lower())


@dataclass(frozen=True)
class Flag:
    """One packed ``legs`` column: ``test`` is SQL over a row of its ``source`` lookup."""

    name: str
    source: str  # its lookup in the legs query: m (memos), g (merchant codes), c (countries)
    test: str
    word: int
    bit: int

    @property
    def unpacked(self) -> str:
        return f"(flags{self.word} & {1 << self.bit}) <> 0 AS {self.name}"


def flags_of(reference: Reference) -> list[Flag]:
    """Every flag column, in the order of the ``legs`` columns."""
    tests = [
        (f"kw_{name}", "m", f"regexp_matches(memo, {sql_string(keyword_pattern(words))})")
        for name, words in sorted(reference.keywords.items())
    ]
    tests += [
        (column_name("mcc_", group), "g", f"list_contains(groups, {sql_string(group)})")
        for group in sorted(reference.mcc_groups)
    ]
    tests += [
        (column_name("cp_in_", name), "c", f"list_contains(lists, {sql_string(name)})")
        for name in sorted(reference.countries)
    ]
    return [
        Flag(name, source, test, i // WORD_BITS, i % WORD_BITS)
        for i, (name, source, test) in enumerate(tests)
    ]


def build_legs(con: Workspace, reference: Reference) -> None:
    """Create ``legs_packed`` and the ``legs`` view over it (replacing earlier ones, also a
    ``legs`` table of a workspace written before the flags were packed)."""
    flags = flags_of(reference)
    if table_kind(con, "legs") == "BASE TABLE":
        con.execute("DROP TABLE legs")
    select = _legs_sql(reference, flags)
    if engine_of(con) == "duckdb":
        # Created from the query's own column types, then filled, to choose the compression.
        columns = ", ".join(
            f"{quote_identifier(name)} {column_type}"
            + (" USING COMPRESSION uncompressed" if name in PLAIN else "")
            for name, column_type, *_ in con.execute(f"DESCRIBE {select}").fetchall()
        )
        con.execute(f"CREATE OR REPLACE TABLE {STORED} ({columns})")
        con.execute(f"INSERT INTO {STORED} {select}")
    else:
        con.execute(f"CREATE OR REPLACE TABLE {STORED} AS {select}")
    create_legs_view(con, reference)


def create_legs_view(con: Workspace, reference: Reference) -> None:
    """The ``legs`` view over ``legs_packed``: the flags unpacked under their names."""
    flags = flags_of(reference)
    words = sorted({flag.word for flag in flags})
    exclude = f" EXCLUDE ({', '.join(f'flags{w}' for w in words)})" if words else ""
    unpacked = "".join(f", {flag.unpacked}" for flag in flags)
    con.execute(f"CREATE OR REPLACE VIEW legs AS SELECT *{exclude}{unpacked} FROM {STORED}")


def _words(flags: list[Flag], source: str) -> dict[int, str]:
    """SQL of each flags word's bits that ``source`` sets, OR-ed, by word."""
    words: dict[int, list[str]] = {}
    for flag in flags:
        if flag.source == source:
            words.setdefault(flag.word, []).append(f"(({flag.test})::BIGINT << {flag.bit})")
    return {word: " | ".join(parts) for word, parts in words.items()}


def _lookup(flags: list[Flag], source: str, key: str, rows: str) -> str:
    """SELECT of a lookup: its ``key`` and its bits of every word, over ``rows``."""
    columns = "".join(f", {sql} AS w{word}" for word, sql in _words(flags, source).items())
    return f"SELECT {key}{columns} FROM {rows}"


def _memo(alias: str = "") -> str:
    """The text the keyword lists are matched in: the memo and the names, lower case."""
    a = f"{alias}." if alias else ""
    return f"lower(concat_ws(' ', {a}description, {a}counterparty_name, {a}merchant_name))"


def _legs_sql(reference: Reference, flags: list[Flag]) -> str:
    night = reference.night_hours
    markers = word_pattern(reference.business_name_markers)
    packed = []
    for word in sorted({flag.word for flag in flags}):
        parts = [f"coalesce({s}.w{word}, 0)" for s in "mgc" if word in _words(flags, s)]
        packed.append(f"{' | '.join(parts)} AS flags{word}")
    packed_columns = "".join(f", {column}" for column in packed)
    flag_columns = "".join(f", s.flags{word}" for word in sorted({f.word for f in flags}))
    # Memos repeat (a payroll batch, a merchant): keyword flags are computed once per distinct
    # memo and joined back. ``tx`` is not materialised (a CTE read twice is, and writing it
    # cost more than computing the 1.2 M payee legs' part twice). The legs are written in three
    # runs, payers' card legs, payers' other legs, payees' legs, so that measures filtering on
    # the direction or the channel skip whole row groups by their min/max: card legs are two
    # thirds of the rows and most measures skip them (indicators -18 % CPU; splitting by a
    # cross join with both directions instead interleaved them and slowed the measures by a
    # third; a run per channel cost more to write than it saved). No ORDER BY: measures order
    # what they need themselves.
    return f"""
WITH memos AS (
  {_lookup(flags, "m", "memo", f"(SELECT DISTINCT {_memo()} AS memo FROM transactions)")}
), mcc_bits AS (
  {_lookup(flags, "g", "mcc", "ref_mcc_groups")}
), country_bits AS (
  {_lookup(flags, "c", "country", "ref_country_lists")}
), names AS (
  SELECT name, regexp_matches(name, {sql_string(markers)}) AS cp_business_name
  FROM (SELECT DISTINCT lower(counterparty_name) AS name FROM transactions
        WHERE counterparty_name IS NOT NULL)
), tx AS NOT MATERIALIZED (
  SELECT t.transaction_id, t."timestamp" AS ts,
         coalesce(t.base_amount, t.amount)::DECIMAL(38, 4) AS amount, t.channel, t.from_account_id,
         t.to_account_id, t.merchant_category_code AS mcc, t.merchant_name, t.counterparty_name,
         t.counterparty_account, t.counterparty_country, t.city, t.device_id, t.ip_address,
         n.cp_business_name{packed_columns}
  FROM transactions t
  JOIN memos m ON m.memo = {_memo("t")}
  LEFT JOIN names n ON n.name = lower(t.counterparty_name)
  LEFT JOIN mcc_bits g ON g.mcc = t.merchant_category_code
  LEFT JOIN country_bits c ON c.country = t.counterparty_country
), sides AS (
  SELECT tx.*, 'out' AS direction, from_account_id AS account_id, to_account_id AS other_account_id
  FROM tx WHERE from_account_id IS NOT NULL AND channel IS DISTINCT FROM 'card'
  UNION ALL
  SELECT tx.*, 'out', from_account_id, to_account_id
  FROM tx WHERE from_account_id IS NOT NULL AND channel = 'card'
  UNION ALL
  SELECT tx.*, 'in', to_account_id, from_account_id FROM tx WHERE to_account_id IS NOT NULL
)
SELECT s.account_id, s.transaction_id, s.ts, s.ts::DATE AS day, hour(s.ts) AS hour,
       (hour(s.ts) >= {night.start} OR hour(s.ts) < {night.end}) AS night,
       s.direction, s.amount, s.channel, s.mcc, s.merchant_name, s.counterparty_name,
       s.other_account_id IS NOT NULL AS cp_internal, s.other_account_id,
       other.party_id AS other_party_id, other.account_type AS other_account_type,
       coalesce(other.party_id, s.counterparty_account, lower(trim(s.counterparty_name)),
                lower(trim(s.merchant_name))) AS cp_key,
       CASE WHEN other.party_id IS NOT NULL THEN other.party_type = 'person'
            WHEN s.channel = 'cash' OR s.merchant_name IS NOT NULL OR s.mcc IS NOT NULL
              THEN false
            ELSE NOT s.cp_business_name
       END AS cp_person,
       other.entity_id = me.entity_id AS own_transfer,
       s.channel = 'cash' AND s.direction = 'in' AND s.counterparty_name IS NOT NULL
         AND lower(trim(s.counterparty_name)) <> lower(trim(me.name)) AS third_party_cash,
       me.nationality AS holder_nationality,
       me.party_type AS holder_party_type, me.industry_code AS holder_industry,
       me.account_type AS holder_account_type, me.employee_count AS holder_employees,
       s.counterparty_country AS cp_country,
       s.counterparty_country IS NOT NULL AND s.counterparty_country <> me.home_country
         AS cross_border,
       s.city, lower(s.city) IS NOT DISTINCT FROM lower(me.home_city) AS in_home_city,
       CASE WHEN s.direction = 'out' OR s.other_account_id IS NULL THEN s.device_id END
         AS device_id,
       CASE WHEN s.direction = 'out' OR s.other_account_id IS NULL THEN s.ip_address END
         AS ip_address{flag_columns}
FROM sides s
JOIN account_profile me ON me.account_id = s.account_id
LEFT JOIN account_profile other ON other.account_id = s.other_account_id
"""
