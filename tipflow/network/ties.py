"""Ties between accounts: the evidence that two accounts belong to one network.

``ties`` (account_id, other_account_id, kind, strength, transactions), symmetric:

* ``same_holder``: both accounts belong to one party, or to parties resolved as one person or
  organisation (``entities``): a controller's card and current account, or his accounts at two
  institutions; with the number of transfers between them;
* ``control``: a party who holds one account is signatory, authorised user or joint holder on
  the other (a person's account), or one third party sits on both;
* ``owner``: the holder of one account signs for or owns the other, a business's account (an
  owner and his company: one network if the company is a front, but no sign that either is
  controlled by someone else);
* ``device``: both accounts were operated from one device (a device used on more than
  ``MAX_DEVICE_ACCOUNTS`` accounts is a shared terminal, not a tie);
* ``identifier``: their holders share a phone, e-mail or address (``tipflow/ingest/addresses.py``;
  values shared by more than ``MAX_SHARED`` parties are not ties);
* ``premises``: both holders are registered in the building of a business that is a customer
  (one is the business, or both live in its rooms: workers on site);
* ``common_beneficiary``: both pay one outside beneficiary (same account number, or, abroad,
  same name of a person: company names and names at home repeat too often) by wire,
  remittance, P2P or crypto, one that
  at most ``MAX_COMMON_BENEFICIARY`` persons or organisations pay (the principals abroad of
  several funnel accounts, a smuggler's collectors in the transit country);
* ``money``: at least two transfers between them, either way (transfers between accounts of
  one holder are never money ties); ``money_in`` / ``money_out``:
  at least two from the other account to this one / from this one to the other;
  ``large_in`` / ``large_out``: at least one transfer of ``LARGE_TRANSFER`` or more (not
  payroll or rent) from the other account / to it.

Built set-based from ``legs``, ``account_profile``, ``parties`` and ``account_parties``.
"""

from __future__ import annotations

from typing import Literal, get_args

from tipflow.engine.workspace import Workspace

TieKind = Literal[
    "same_holder",
    "control",
    "owner",
    "device",
    "identifier",
    "premises",
    "common_beneficiary",
    "money",
    "money_in",
    "money_out",
    "large_in",
    "large_out",
]
TIE_KINDS: tuple[str, ...] = get_args(TieKind)  # every kind build_ties writes

MAX_DEVICE_ACCOUNTS = 12
MAX_SHARED = 12
MAX_COMMON_BENEFICIARY = 10
MIN_MONEY_TRANSFERS = 2
LARGE_TRANSFER = 1000.0


def build_ties(con: Workspace) -> None:
    con.execute(
        f"""
        CREATE OR REPLACE TABLE ties AS
        WITH holder AS (SELECT account_id, entity_id AS party_id FROM account_profile),
        -- A business's premises: whoever is registered in the building (a room of the
        -- storefront, the flat above the shop) is tied to it and to each other.
        premises AS (
          SELECT DISTINCT pa.building FROM party_addresses pa JOIN parties p USING (party_id)
          WHERE p.party_type = 'organisation' AND pa.building IS NOT NULL
        ),
        party_values AS (
          SELECT party_id, 'phone' AS kind, phone AS value FROM parties
          UNION ALL SELECT party_id, 'email', lower(email) FROM parties
          UNION ALL SELECT party_id, 'address', address FROM party_addresses
          UNION ALL SELECT party_id, 'premises', building FROM party_addresses
          WHERE building IN (SELECT building FROM premises)
        ),
        ids AS (
          SELECT * FROM (
            SELECT a.account_id, a.entity_id AS party_id, v.kind, v.value,
                   count(DISTINCT a.entity_id) OVER (PARTITION BY v.kind, v.value) AS sharing
            FROM party_values v JOIN account_profile a USING (party_id)
            WHERE v.value IS NOT NULL AND v.value <> '')
          WHERE sharing BETWEEN 2 AND {MAX_SHARED}
        ),
        paid AS (
          SELECT DISTINCT account_id, entity_id, key FROM (
            SELECT l.account_id, a.entity_id,
                   unnest([CASE WHEN l.cp_key IS DISTINCT FROM lower(trim(l.counterparty_name))
                                THEN 'account:' || l.cp_key END,
                           CASE WHEN l.cp_person AND l.cross_border
                                THEN 'name:' || lower(trim(l.counterparty_name)) END]) AS key
            FROM legs l JOIN account_profile a USING (account_id)
            WHERE l.direction = 'out' AND l.other_account_id IS NULL AND l.merchant_name IS NULL
              AND l.mcc IS NULL AND l.channel IN ('wire', 'remittance', 'p2p', 'crypto', 'other'))
          WHERE key IS NOT NULL
        ),
        beneficiary AS (
          SELECT * FROM paid WHERE key IN (
            SELECT key FROM paid GROUP BY key
            HAVING count(DISTINCT entity_id) BETWEEN 2 AND {MAX_COMMON_BENEFICIARY})
        ),
        third AS (
          SELECT r.account_id, r.entity_id AS party_id, a.party_type = 'organisation' AS business
          FROM account_relations r JOIN account_profile a USING (account_id)
          WHERE r.relation <> 'holder'
        ),
        pairs AS (
          SELECT a.account_id, b.account_id AS other_account_id, 'same_holder' AS kind,
                 (SELECT count(*) FROM legs l WHERE l.account_id = a.account_id
                    AND l.other_account_id = b.account_id) AS transactions
          FROM holder a JOIN holder b ON a.party_id = b.party_id AND a.account_id <> b.account_id
          UNION ALL
          SELECT t.account_id, h.account_id,
                 CASE WHEN t.business THEN 'owner' ELSE 'control' END, 0
          FROM third t JOIN holder h ON h.party_id = t.party_id AND h.account_id <> t.account_id
          UNION ALL
          SELECT x.account_id, y.account_id,
                 CASE WHEN x.business AND y.business THEN 'owner' ELSE 'control' END, 0
          FROM third x JOIN third y ON x.party_id = y.party_id AND x.account_id <> y.account_id
          UNION ALL
          SELECT x.account_id, y.account_id, 'device', 0
          FROM (SELECT DISTINCT device_id, account_id FROM legs WHERE device_id IS NOT NULL) x
          JOIN (SELECT DISTINCT device_id, account_id FROM legs WHERE device_id IS NOT NULL) y
            USING (device_id)
          WHERE x.account_id <> y.account_id AND device_id IN (
            SELECT device_id FROM legs WHERE device_id IS NOT NULL GROUP BY device_id
            HAVING count(DISTINCT account_id) <= {MAX_DEVICE_ACCOUNTS})
          UNION ALL
          SELECT x.account_id, y.account_id,
                 CASE x.kind WHEN 'premises' THEN 'premises' ELSE 'identifier' END, 0
          FROM ids x JOIN ids y USING (kind, value)
          WHERE x.account_id <> y.account_id AND x.party_id <> y.party_id
          UNION ALL
          SELECT DISTINCT x.account_id, y.account_id, 'common_beneficiary', 0
          FROM beneficiary x JOIN beneficiary y USING (key)
          WHERE x.account_id <> y.account_id AND x.entity_id <> y.entity_id
          UNION ALL
          SELECT account_id, other_account_id, 'money', count(*)
          FROM legs WHERE other_account_id IS NOT NULL AND other_account_id <> account_id
            AND NOT coalesce(own_transfer, false)
          GROUP BY ALL HAVING count(*) >= {MIN_MONEY_TRANSFERS}
        ),
        directed AS (
          SELECT account_id, other_account_id,
                 CASE direction WHEN 'in' THEN 'money_in' ELSE 'money_out' END AS kind,
                 count(*) AS transactions
          FROM legs WHERE other_account_id IS NOT NULL AND other_account_id <> account_id
            AND NOT coalesce(own_transfer, false)
          GROUP BY ALL HAVING count(*) >= {MIN_MONEY_TRANSFERS}
        ),
        large AS (
          SELECT account_id, other_account_id,
                 CASE direction WHEN 'in' THEN 'large_in' ELSE 'large_out' END AS kind,
                 count(*) AS transactions
          FROM legs WHERE other_account_id IS NOT NULL AND other_account_id <> account_id
            AND amount >= {LARGE_TRANSFER} AND NOT kw_payroll AND NOT kw_rent
            AND NOT coalesce(own_transfer, false)
          GROUP BY ALL
        )
        SELECT account_id, other_account_id, kind, max(transactions) AS transactions
        FROM (
          SELECT * FROM pairs
          UNION ALL SELECT other_account_id, account_id, kind, transactions FROM pairs
          UNION ALL SELECT * FROM directed
          UNION ALL SELECT * FROM large
        )
        GROUP BY ALL
        """
    )
