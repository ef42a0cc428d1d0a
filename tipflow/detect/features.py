"""The tables every measure reads, built once per screening run from the workspace.

* ``legs``: each transaction seen from each of its accounts (a transfer between two customers
  is two legs: ``out`` for the payer, ``in`` for the payee; the device and IP address belong to
  the payer's leg only, since the payer's device sent it), with the counterparty resolved
  (its party when it is a customer, its name or account otherwise), whether it is an
  individual, the merchant-category groups, the reference country lists it falls in, keyword
  flags on the memo and names, and the local hour. Measures never join back to transactions.
* ``account_profile``: each account with its holder's KYC and resolved entity (``entities``,
  from :mod:`tipflow.network.resolve`), for profile-aware measures.
* ``party_addresses``: each party's address keys (:mod:`tipflow.ingest.addresses`).
* ``ref_mcc_group``: the reference merchant groups with ranges expanded.

Amounts are ``base_amount`` where given (the reporting currency), else ``amount``, kept as
``DECIMAL(38, 4)``: sums of decimals are exact whatever order DuckDB's threads add them in, so
totals, thresholds and results are the same run to run (sums of doubles were not: 724.5 came out
as 724 or 725 depending on the thread count).
"""

from __future__ import annotations

import re

from tipflow.detect.schema import Reference
from tipflow.engine.duckdb import Connection, scalar, sql_string, table_exists
from tipflow.ingest.addresses import party_addresses_sql


def build_features(con: Connection, reference: Reference) -> None:
    """Create ``ref_mcc_group``, ``account_profile``, ``party_addresses`` and ``legs``
    (replacing earlier ones).

    Needs ``entities``; where entity resolution has not run, each party is its own entity."""
    _reference_tables(con, reference)
    if not table_exists(con, "entities"):
        con.execute("CREATE TABLE entities AS SELECT party_id, party_id AS entity_id FROM parties")
    con.execute(_PROFILE_SQL)
    con.execute(party_addresses_sql())
    con.execute(_legs_sql(reference))


def period_start(con: Connection) -> str:
    """The first day of the data, as an ISO date (window 0 starts there)."""
    value = scalar(con, "SELECT min(ts)::DATE::VARCHAR FROM legs")
    return str(value) if value is not None else "1970-01-01"


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


def _reference_tables(con: Connection, reference: Reference) -> None:
    rows: list[str] = []
    for group, codes in reference.mcc_groups.items():
        for code in codes:
            low, _, high = code.partition("-")
            for number in range(int(low), int(high or low) + 1):
                rows.append(f"({sql_string(f'{number:04d}')}, {sql_string(group)})")
    con.execute("CREATE OR REPLACE TABLE ref_mcc_group (mcc VARCHAR, grp VARCHAR)")
    if rows:
        con.execute(f"INSERT INTO ref_mcc_group VALUES {', '.join(rows)}")
    con.execute(
        "CREATE OR REPLACE TABLE ref_mcc_groups AS "
        "SELECT mcc, list(grp ORDER BY grp) AS groups FROM ref_mcc_group GROUP BY mcc"
    )
    country_rows = [
        f"({sql_string(country)}, {sql_string(name)})"
        for name, countries in reference.countries.items()
        for country in countries
    ]
    con.execute("CREATE OR REPLACE TABLE ref_country_list (country VARCHAR, list VARCHAR)")
    if country_rows:
        con.execute(f"INSERT INTO ref_country_list VALUES {', '.join(country_rows)}")
    con.execute(
        "CREATE OR REPLACE TABLE ref_country_lists AS SELECT country, "
        "list(list ORDER BY list) AS lists FROM ref_country_list GROUP BY country"
    )
    border = ", ".join(f"({sql_string(city.lower())})" for city in reference.border_zone_cities)
    con.execute("CREATE OR REPLACE TABLE ref_border_city (city VARCHAR)")
    if border:
        con.execute(f"INSERT INTO ref_border_city VALUES {border}")


_PROFILE_SQL = """
CREATE OR REPLACE TABLE account_profile AS
SELECT a.account_id, a.institution_id, a.party_id, coalesce(e.entity_id, a.party_id) AS entity_id,
       a.account_type, a.opened_date,
       a.branch_city, p.party_type, p.name, p.birth_date, p.gender, p.nationality, p.address,
       p.postal_code,
       p.city AS home_city, p.country AS home_country, p.phone, p.email, p.occupation,
       p.industry_code, p.declared_income::DOUBLE AS declared_income, p.employee_count,
       p.onboarding_date,
       lower(p.city) IN (SELECT city FROM ref_border_city)
         OR lower(a.branch_city) IN (SELECT city FROM ref_border_city) AS in_border_zone
FROM accounts a LEFT JOIN parties p USING (party_id) LEFT JOIN entities e USING (party_id)
"""


def column_name(prefix: str, name: str) -> str:
    """The ``legs`` column of a reference group or list: ``mcc_lodging``, ``cp_in_ht_source``."""
    return prefix + re.sub(r"[^a-z0-9]+", "_", name.lower())


def _legs_sql(reference: Reference) -> str:
    night = reference.night_hours
    markers = word_pattern(reference.business_name_markers)
    keyword_flags = [
        f"regexp_matches(memo, {sql_string(keyword_pattern(words))}) AS kw_{name}"
        for name, words in sorted(reference.keywords.items())
    ]
    group_flags = [
        f"coalesce(list_contains(mg.groups, {sql_string(group)}), false) "
        f"AS {column_name('mcc_', group)}"
        for group in sorted(reference.mcc_groups)
    ]
    list_flags = [
        f"coalesce(list_contains(cl.lists, {sql_string(name)}), false) "
        f"AS {column_name('cp_in_', name)}"
        for name in sorted(reference.countries)
    ]
    flag_names = [f.rsplit(" AS ", 1)[1] for f in keyword_flags + group_flags + list_flags]
    # Memos repeat (a payroll batch, a merchant): keyword flags are computed once per distinct
    # memo and joined back; everything per transaction is computed before the two legs split.
    # No ORDER BY: measures order what they need themselves.
    return f"""
CREATE OR REPLACE TABLE legs AS
WITH raw AS (
  SELECT *, lower(concat_ws(' ', description, counterparty_name, merchant_name)) AS memo
  FROM transactions
), memos AS (
  SELECT memo, {", ".join(keyword_flags)} FROM (SELECT DISTINCT memo FROM raw)
), names AS (
  SELECT name, regexp_matches(name, {sql_string(markers)}) AS cp_business_name
  FROM (SELECT DISTINCT lower(counterparty_name) AS name FROM raw
        WHERE counterparty_name IS NOT NULL)
), tx AS (
  SELECT t.transaction_id, t."timestamp" AS ts,
         coalesce(t.base_amount, t.amount)::DECIMAL(38, 4) AS amount, t.channel, t.from_account_id,
         t.to_account_id, t.merchant_category_code AS mcc, t.merchant_name, t.counterparty_name,
         t.counterparty_account, t.counterparty_country, t.city, t.device_id, t.ip_address,
         n.cp_business_name, {", ".join(f"m.{f.rsplit(' AS ', 1)[1]}" for f in keyword_flags)},
         {", ".join(group_flags + list_flags)}
  FROM raw t
  JOIN memos m ON m.memo = t.memo
  LEFT JOIN names n ON n.name = lower(t.counterparty_name)
  LEFT JOIN ref_mcc_groups mg ON mg.mcc = t.merchant_category_code
  LEFT JOIN ref_country_lists cl ON cl.country = t.counterparty_country
), sides AS (
  SELECT tx.*, 'out' AS direction, from_account_id AS account_id, to_account_id AS other_account_id
  FROM tx WHERE from_account_id IS NOT NULL
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
         AS ip_address,
       {", ".join(f"s.{name}" for name in flag_names)}
FROM sides s
JOIN account_profile me ON me.account_id = s.account_id
LEFT JOIN account_profile other ON other.account_id = s.other_account_id
"""
