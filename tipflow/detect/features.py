"""The tables every measure reads, built once per screening run from the workspace.

* ``legs``: each transaction seen from each of its accounts (a transfer between two customers
  is two legs: ``out`` for the payer, ``in`` for the payee; the device and IP address belong to
  the payer's leg only, since the payer's device sent it), with the counterparty resolved
  (its party when it is a customer, its name or account otherwise), whether it is an
  individual, the merchant-category groups, the reference country lists it falls in, keyword
  flags on the memo and names, and the local hour. Measures never join back to transactions.
  It is a view over ``legs_packed``, which stores the flags as bits (:mod:`tipflow.detect.legs`).
* ``account_profile``: each account with its holder's KYC and resolved entity (``entities``,
  from :mod:`tipflow.network.resolve`), for profile-aware measures.
* ``account_relations``: the ``account_parties`` rows with each party's resolved entity, so
  that a controller or owner known to two banks as two parties is one person to every measure
  and tie.
* ``party_addresses``: each party's address keys (:mod:`tipflow.ingest.addresses`).
* ``ref_mcc_group``: the reference merchant groups with ranges expanded.

Amounts are ``base_amount`` where given (the reporting currency), else ``amount``, kept as
``DECIMAL(38, 4)``: sums of decimals are exact whatever order DuckDB's threads add them in, so
totals, thresholds and results are the same run to run (sums of doubles were not: 724.5 came out
as 724 or 725 depending on the thread count).
"""

from __future__ import annotations

from tipflow.detect.legs import build_legs
from tipflow.detect.schema import Reference
from tipflow.engine.sql import sql_string
from tipflow.engine.workspace import Workspace, scalar, table_exists
from tipflow.ingest.addresses import party_addresses_sql


def build_features(con: Workspace, reference: Reference) -> None:
    """Create ``ref_mcc_group``, ``account_profile``, ``account_relations``,
    ``party_addresses`` and ``legs`` (replacing earlier ones).

    Needs ``entities``; where entity resolution has not run, each party is its own entity."""
    _reference_tables(con, reference)
    if not table_exists(con, "entities"):
        con.execute("CREATE TABLE entities AS SELECT party_id, party_id AS entity_id FROM parties")
    con.execute(_PROFILE_SQL)
    con.execute(_RELATIONS_SQL)
    con.execute(party_addresses_sql())
    build_legs(con, reference)


def period_start(con: Workspace) -> str:
    """The first day of the data, as an ISO date (window 0 starts there)."""
    value = scalar(con, "SELECT min(ts)::DATE::VARCHAR FROM legs")
    return str(value) if value is not None else "1970-01-01"


def _reference_tables(con: Workspace, reference: Reference) -> None:
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


_RELATIONS_SQL = """
CREATE OR REPLACE TABLE account_relations AS
SELECT ap.account_id, ap.party_id, ap.relation, coalesce(e.entity_id, ap.party_id) AS entity_id
FROM account_parties ap LEFT JOIN entities e USING (party_id)
"""

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
