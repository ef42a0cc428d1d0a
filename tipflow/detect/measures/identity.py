"""Query measures over who the customers are: shared identifiers, shared devices, third
parties on several accounts, accounts opened together, watchlist hits, common beneficiaries.

"Unrelated" means a different surname (the last word of the name): families share phones
and addresses; the catalogue's look-alikes for these indicators are mostly families.
"""

from __future__ import annotations

from typing import Literal

from tipflow.detect.legs import keyword_pattern
from tipflow.detect.measures.base import MeasureParameters, QueryContext, QueryMeasure
from tipflow.engine.sql import sql_list, sql_string

#: The surname that tells families apart, lower case: the last word of the name, or of the
#: part before a comma ("ROBINSON, Wayne").
SURNAME = (
    "lower(regexp_extract(trim(CASE WHEN {0} LIKE '%,%' THEN split_part({0}, ',', 1) "
    "ELSE {0} END), '(\\S+)$', 1))"
)


class SharedIdentifier(MeasureParameters):
    """Distinct unrelated parties sharing one of ``kinds`` with the account's holder."""

    kinds: list[Literal["phone", "email", "address", "device", "ip"]] = [
        "phone",
        "email",
        "address",
        "device",
    ]
    max_sharing: int = 60  # values shared by more parties (a corporate VPN, a shelter) are noise


def _party_identifiers(kinds: list[str]) -> str:
    parts = {
        "phone": "SELECT party_id, 'phone' AS kind, phone AS v FROM parties "
        "WHERE phone IS NOT NULL",
        "email": "SELECT party_id, 'email', lower(email) FROM parties WHERE email IS NOT NULL",
        "address": "SELECT party_id, 'address', address FROM party_addresses",
        "device": "SELECT DISTINCT p.party_id, 'device', l.device_id FROM legs l "
        "JOIN account_profile p USING (account_id) WHERE l.device_id IS NOT NULL",
        "ip": "SELECT DISTINCT p.party_id, 'ip', l.ip_address FROM legs l "
        "JOIN account_profile p USING (account_id) WHERE l.ip_address IS NOT NULL",
    }
    return " UNION ALL ".join(parts[kind] for kind in kinds)


def _shared_query(p: SharedIdentifier, _: QueryContext) -> str:
    return f"""
WITH ids AS (SELECT DISTINCT * FROM ({_party_identifiers(list(p.kinds))})),
common AS (SELECT kind, v FROM ids GROUP BY kind, v HAVING count(*) BETWEEN 2 AND {p.max_sharing}),
named AS (
  SELECT i.party_id, i.kind, i.v, {SURNAME.format("pa.name")} AS surname
  FROM ids i JOIN common USING (kind, v) JOIN parties pa USING (party_id)
),
pairs AS (
  SELECT a.party_id, b.party_id AS other, a.kind
  FROM named a JOIN named b ON a.kind = b.kind AND a.v = b.v AND a.party_id <> b.party_id
  WHERE a.surname IS DISTINCT FROM b.surname
),
per_party AS (
  SELECT party_id, count(DISTINCT other) AS others,
         string_agg(DISTINCT kind, '/' ORDER BY kind) AS kinds
  FROM pairs GROUP BY party_id
)
SELECT a.account_id, pp.others::DOUBLE AS value, []::VARCHAR[] AS transaction_ids,
       concat('holder shares a ', pp.kinds, ' with ', pp.others, ' unrelated customers') AS detail
FROM per_party pp JOIN account_profile a USING (party_id)
"""


SHARED_IDENTIFIER = QueryMeasure(
    name="shared_identifier",
    description="Unrelated customers sharing the holder's phone, e-mail, address or device.",
    parameters=SharedIdentifier,
    query=_shared_query,
)


class DeviceAccounts(MeasureParameters):
    """Accounts of distinct holders operated from one device the account also uses."""

    max_sharing: int = 60


def _device_query(p: DeviceAccounts, _: QueryContext) -> str:
    return f"""
WITH used AS (
  SELECT DISTINCT l.device_id, l.account_id, a.party_id FROM legs l
  JOIN account_profile a USING (account_id) WHERE l.device_id IS NOT NULL
),
per_device AS (
  SELECT device_id, count(DISTINCT party_id) AS holders FROM used GROUP BY device_id
  HAVING count(DISTINCT party_id) BETWEEN 2 AND {p.max_sharing}
),
best AS (
  SELECT u.account_id, max(d.holders) AS holders,
         first(u.device_id ORDER BY d.holders DESC, u.device_id) AS device_id
  FROM used u JOIN per_device d USING (device_id) GROUP BY u.account_id
)
SELECT b.account_id, b.holders::DOUBLE AS value,
       (SELECT list(transaction_id ORDER BY ts, transaction_id)[1:50] FROM legs l
        WHERE l.account_id = b.account_id AND l.device_id = b.device_id) AS transaction_ids,
       concat('device ', b.device_id, ' operates accounts of ', b.holders, ' different holders')
         AS detail
FROM best b
"""


DEVICE_ACCOUNTS = QueryMeasure(
    name="device_accounts",
    description="One device used on the accounts of several different holders.",
    parameters=DeviceAccounts,
    query=_device_query,
)


class ThirdPartyControl(MeasureParameters):
    """Accounts of distinct holders on which one third party (signatory, authorised user,
    joint holder) sits; both the controlled accounts and the third party's own count."""

    relations: list[str] = ["authorised_user", "signatory", "joint_holder"]


def _control_query(p: ThirdPartyControl, _: QueryContext) -> str:
    relations = sql_list(p.relations)
    return f"""
-- Parties as resolved entities: one controller known to three banks as three parties, each
-- on one worker's account, sits on three holders' accounts.
WITH third AS (
  SELECT r.entity_id AS controller, r.account_id, a.entity_id AS holder
  FROM account_relations r JOIN account_profile a USING (account_id)
  WHERE r.relation IN ({relations}) AND r.entity_id <> a.entity_id
),
reach AS (SELECT controller, count(DISTINCT holder) AS holders FROM third GROUP BY controller),
controlled AS (
  SELECT t.account_id, max(r.holders) AS holders FROM third t JOIN reach r USING (controller)
  GROUP BY t.account_id
),
own AS (
  SELECT a.account_id, max(r.holders) AS holders
  FROM reach r JOIN account_profile a ON a.entity_id = r.controller GROUP BY a.account_id
)
SELECT account_id, max(holders)::DOUBLE AS value, []::VARCHAR[] AS transaction_ids,
       concat('one third party sits on the accounts of ', max(holders), ' different holders')
         AS detail
FROM (SELECT * FROM controlled UNION ALL SELECT * FROM own) GROUP BY account_id
"""


THIRD_PARTY_CONTROL = QueryMeasure(
    name="third_party_control",
    description="One person as signatory, authorised user or joint holder on the accounts "
    "of several unrelated holders.",
    parameters=ThirdPartyControl,
    query=_control_query,
)


class OpenedTogether(MeasureParameters):
    """Accounts opened within ``days`` at one institution by holders who share an address,
    phone or e-mail with each other (or with a third party on the account)."""

    days: int = 7


def _opened_query(p: OpenedTogether, _: QueryContext) -> str:
    return f"""
WITH a AS (
  SELECT account_id, institution_id, opened_date, party_id, phone, lower(email) AS email
  FROM account_profile WHERE opened_date IS NOT NULL AND party_type = 'person'
),
keys AS (
  SELECT account_id, institution_id, opened_date, party_id, 'phone' AS kind, phone AS v FROM a
  WHERE phone IS NOT NULL
  UNION ALL SELECT account_id, institution_id, opened_date, party_id, 'email', email FROM a
  WHERE email IS NOT NULL
  UNION ALL SELECT a.account_id, a.institution_id, a.opened_date, a.party_id, 'address',
                   pa.address
  FROM a JOIN party_addresses pa USING (party_id)
),
pairs AS (
  -- equi-joins on (institution, identifier); the date window is a filter on the few matches
  SELECT x.account_id, y.party_id AS other
  FROM keys x JOIN keys y ON x.institution_id = y.institution_id AND x.kind = y.kind
   AND x.v = y.v AND x.party_id <> y.party_id
  WHERE abs(date_diff('day', x.opened_date, y.opened_date)) <= {p.days}
)
SELECT account_id, (count(DISTINCT other) + 1)::DOUBLE AS value, []::VARCHAR[] AS transaction_ids,
       concat('opened within {p.days} days of the accounts of ', count(DISTINCT other),
              ' other customers sharing an address, phone or e-mail') AS detail
FROM pairs GROUP BY account_id
"""


OPENED_TOGETHER = QueryMeasure(
    name="opened_together",
    description="Accounts opened within days of each other by customers sharing identifiers.",
    parameters=OpenedTogether,
    query=_opened_query,
)


class WatchlistHit(MeasureParameters):
    """Watchlist entries of ``kinds`` matching the holder, the account, a device or an IP, or
    (``via="counterparty"``) an account this one pays or is paid by.

    ``strength`` sorts the hits. ``firm``: an identifier (not a name) on an entry whose note
    carries no caveat from the reference's ``watchlist_caveats`` ("number since recycled",
    "later found to be spoofed"). ``weak``: a name (names collide: the catalogue's GEN-06
    look-alike) or a caveated entry, supporting evidence only."""

    kinds: list[str] = ["phone", "email", "address", "account", "device", "ip_address"]
    strength: Literal["firm", "weak"] = "firm"
    via: Literal["holder", "counterparty"] = "holder"
    min_transactions: int = 1  # with ``via="counterparty"``: transactions with listed accounts


#: An account number as the watchlist's ``value_normalised`` has it (ingest/phones.py).
ACCOUNT_NUMBER = "upper(regexp_replace({}, '[\\s-]', '', 'g'))"


def _watchlist_query(p: WatchlistHit, context: QueryContext) -> str:
    kinds = sql_list(p.kinds) or "NULL"
    caveat = sql_string(keyword_pattern(context.reference.watchlist_caveats))
    weak = f"(kind = 'name' OR regexp_matches(lower(coalesce(note, '')), {caveat}))"
    strength = weak if p.strength == "weak" else f"NOT {weak}"
    entries = f"""SELECT kind, value_normalised AS v, entry_id, note FROM watchlist
           WHERE kind IN ({kinds}) AND {strength}"""
    if p.via == "counterparty":
        hits = f"""
  SELECT l.account_id, w.entry_id, w.kind, l.transaction_id, w.note FROM legs l JOIN w
    ON w.kind = 'account'
   AND w.v = {ACCOUNT_NUMBER.format("coalesce(l.other_account_id, l.cp_key)")}
  QUALIFY count(*) OVER (PARTITION BY l.account_id) >= {p.min_transactions}"""
        label, suffix = "transactions with a listed ", ": "
    else:
        hits = f"""
  SELECT a.account_id, w.entry_id, w.kind, NULL::VARCHAR AS transaction_id, w.note
  FROM account_profile a JOIN w ON
       (w.kind = 'phone' AND a.phone = w.v) OR (w.kind = 'email' AND lower(a.email) = w.v)
    OR (w.kind = 'name' AND lower(regexp_replace(a.name, '\\s+', ' ', 'g')) = w.v)
    OR (w.kind = 'address' AND lower(regexp_replace(a.address, '\\s+', ' ', 'g')) = w.v)
    OR (w.kind = 'account' AND {ACCOUNT_NUMBER.format("a.account_id")} = w.v)
  UNION ALL
  SELECT l.account_id, w.entry_id, w.kind, l.transaction_id, w.note FROM legs l JOIN w ON
       (w.kind = 'device' AND l.device_id = w.v)
    OR (w.kind = 'ip_address' AND l.ip_address = w.v)"""
        label, suffix = "watchlist ", " match: "
    return f"""
WITH w AS ({entries}),
hits AS ({hits}
)
SELECT account_id, count(DISTINCT entry_id)::DOUBLE AS value,
       list(DISTINCT transaction_id ORDER BY transaction_id)
         FILTER (WHERE transaction_id IS NOT NULL)[1:50]
         AS transaction_ids,
       concat('{label}', string_agg(DISTINCT kind, '/' ORDER BY kind), '{suffix}',
              string_agg(DISTINCT coalesce(note, entry_id), '; '
                         ORDER BY coalesce(note, entry_id))) AS detail
FROM hits GROUP BY account_id
"""


WATCHLIST_HIT = QueryMeasure(
    name="watchlist_hit",
    description="Watchlist entries (name, phone, e-mail, address, account, device, IP) that "
    "match the account, its holder or the devices used on it.",
    parameters=WatchlistHit,
    query=_watchlist_query,
)
