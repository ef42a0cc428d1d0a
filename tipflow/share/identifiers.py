"""The identifiers of each account, normalised exactly as screening compares them.

Read from a workspace that ``tipflow.ingest.load_dataset`` wrote, so a phone is already E.164
(``ingest/phones.py``), and with the address keys screening uses (``ingest/addresses.py``).
Every holder, joint holder, signatory or owner of an account (``account_parties``) lends the
account their phone, email, address and name: a controller who is a signatory on a victim's
account is exactly the link sharing should find.
"""

from __future__ import annotations

from tipflow.engine.duckdb import Connection
from tipflow.ingest.addresses import party_addresses_sql

#: How screening compares account numbers (the watchlist's 'account' normalisation):
#: upper case, without spaces or dashes, so "gb29 nwbk 6016" and "GB29NWBK6016" agree.
ACCOUNT_SQL = "upper(regexp_replace({}, '[\\s-]', '', 'g'))"

#: The identifier kinds an institution tokenises, in output order.
EXACT_KINDS = ("account_number", "phone", "email", "address", "device", "ip", "counterparty")


def account_number(column: str) -> str:
    return ACCOUNT_SQL.format(column)


# The other kinds' normalisations, shared with ``targets.py`` so that a requester's target
# gets exactly the value (and so the token) an institution's identifier gets.
def email(column: str) -> str:
    return f"lower(trim({column}))"


def device(column: str) -> str:
    return f"trim({column})"


def ip_address(column: str) -> str:
    return f"lower(trim({column}))"


def identifiers_sql() -> str:
    """(account_id, institution_id, kind, value): one row per distinct identifier of an
    account; the counterparty kind is in :func:`counterparties_sql`, names in
    :func:`names_sql`."""
    return f"""
    WITH related AS (
      SELECT account_id, party_id FROM accounts
      UNION SELECT account_id, party_id FROM account_parties
    ), party_values AS (
      SELECT party_id, 'phone' AS kind, phone AS value FROM parties
      UNION ALL SELECT party_id, 'email', {email("email")} FROM parties
      UNION ALL SELECT party_id, 'address', address FROM party_addresses
    ), own_side AS (
      -- the device or IP address of whoever initiated: the sender, or the only account side
      SELECT coalesce(from_account_id, to_account_id) AS account_id, device_id, ip_address
      FROM transactions
      WHERE from_account_id IS NOT NULL OR to_account_id IS NOT NULL
    ), values_ AS (
      SELECT account_id, 'account_number' AS kind, {account_number("account_id")} AS value
      FROM accounts
      UNION ALL
      SELECT r.account_id, v.kind, v.value FROM related r JOIN party_values v USING (party_id)
      UNION ALL SELECT account_id, 'device', {device("device_id")} FROM own_side
      UNION ALL SELECT account_id, 'ip', {ip_address("ip_address")} FROM own_side
    )
    SELECT DISTINCT v.account_id, a.institution_id, v.kind, v.value
    FROM values_ v JOIN accounts a USING (account_id)
    WHERE v.value IS NOT NULL AND v.value <> ''
    """


def counterparties_sql() -> str:
    """(account_id, institution_id, value, direction, transfers, amount_total): the accounts
    at other institutions this account pays ('out') or is paid by ('in'), with how often and
    how much (in the base currency where given)."""
    return f"""
    SELECT t.account_id, a.institution_id, t.value, t.direction,
           count(*) AS transfers, round(sum(t.amount), 2)::DOUBLE AS amount_total
    FROM (
      SELECT coalesce(from_account_id, to_account_id) AS account_id,
             {account_number("counterparty_account")} AS value,
             CASE WHEN from_account_id IS NOT NULL THEN 'out' ELSE 'in' END AS direction,
             coalesce(base_amount, amount) AS amount
      FROM transactions
      WHERE counterparty_account IS NOT NULL
        AND (from_account_id IS NULL) <> (to_account_id IS NULL)
    ) t JOIN accounts a USING (account_id)
    WHERE t.value <> ''
    GROUP BY ALL
    """


def names_sql() -> str:
    """(account_id, institution_id, name): the names of every party related to an account."""
    return """
    SELECT DISTINCT r.account_id, a.institution_id, p.name
    FROM (SELECT account_id, party_id FROM accounts
          UNION SELECT account_id, party_id FROM account_parties) r
    JOIN parties p USING (party_id) JOIN accounts a USING (account_id)
    WHERE p.name IS NOT NULL AND trim(p.name) <> ''
    """


def prepare(con: Connection) -> None:
    """The address keys screening computes (``party_addresses``), if not there yet."""
    con.execute(party_addresses_sql())
