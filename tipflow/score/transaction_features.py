"""Per-transaction features for transaction-level data (AMLworld), in time order, no leakage.

Each transaction sees only what happened strictly before it (frames end one microsecond
before its timestamp, so transactions of the same minute never see each other): the payer's
and the payee's activity in the last day and week (counts, distinct counterparties: fan-out,
fan-in), whether the payer had just received money (pass-through), whether the pair had dealt
before, and how new each account is; plus the transaction's own amount, format, currencies and
time. These are the graph features the published gradient-boosting baselines use, computed
set-based in SQL.

Output table ``aml_features``: row_number, day (days since the first), is_laundering, then
``TRANSACTION_FEATURES``; ``CATEGORICAL`` names the ones LightGBM should treat as categories.
"""

from __future__ import annotations

from tipflow.engine.duckdb import Connection

TRANSACTION_FEATURES = [
    "log_amount", "payment_format_code", "currency_code", "currency_changed", "same_bank",
    "self_transfer", "hour", "weekday",
    "payer_out_day", "payer_out_week", "payer_payees_day", "payer_payees_week",
    "payer_in_day", "payer_received_day_ratio", "payer_seen_before",
    "payee_in_day", "payee_in_week", "payee_payers_day", "payee_payers_week",
    "payee_out_day", "payee_seen_before", "pair_before_week",
]  # fmt: skip
CATEGORICAL = ["payment_format_code", "currency_code"]

_DAY = "RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND INTERVAL 1 MICROSECOND PRECEDING"
_WEEK = "RANGE BETWEEN INTERVAL 7 DAY PRECEDING AND INTERVAL 1 MICROSECOND PRECEDING"
_EVER = "RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 MICROSECOND PRECEDING"


def build_transaction_features(con: Connection) -> None:
    """Create ``aml_features`` from ``aml_transactions``."""
    con.execute(
        f"""
        CREATE OR REPLACE TABLE aml_features AS
        WITH legs AS (  -- each transaction once as the payer's, once as the payee's
          SELECT row_number, ts, from_account AS account, to_account AS other,
                 'out' AS direction, amount_paid AS amount FROM aml_transactions
          UNION ALL
          SELECT row_number, ts, to_account, from_account, 'in', amount_received
          FROM aml_transactions
        ),
        history AS (
          SELECT row_number, direction,
                 count(*) FILTER (WHERE direction = 'out') OVER day AS out_day,
                 count(*) FILTER (WHERE direction = 'out') OVER week AS out_week,
                 count(DISTINCT other) FILTER (WHERE direction = 'out') OVER day AS payees_day,
                 count(DISTINCT other) FILTER (WHERE direction = 'out') OVER week
                   AS payees_week,
                 count(*) FILTER (WHERE direction = 'in') OVER day AS in_day,
                 count(*) FILTER (WHERE direction = 'in') OVER week AS in_week,
                 count(DISTINCT other) FILTER (WHERE direction = 'in') OVER day AS payers_day,
                 count(DISTINCT other) FILTER (WHERE direction = 'in') OVER week
                   AS payers_week,
                 coalesce(sum(amount) FILTER (WHERE direction = 'in') OVER day, 0)
                   AS received_day,
                 count(*) OVER ever AS seen_before
          FROM legs
          WINDOW day AS (PARTITION BY account ORDER BY ts {_DAY}),
                 week AS (PARTITION BY account ORDER BY ts {_WEEK}),
                 ever AS (PARTITION BY account ORDER BY ts {_EVER})
        ),
        pairs AS (
          SELECT row_number, count(*) OVER (
                   PARTITION BY least(from_account, to_account),
                                greatest(from_account, to_account)
                   ORDER BY ts {_WEEK}) AS pair_before_week
          FROM aml_transactions
        ),
        first_day AS (SELECT min(ts)::DATE AS day0 FROM aml_transactions)
        SELECT t.row_number, date_diff('day', (SELECT day0 FROM first_day), t.ts::DATE) AS day,
               t.is_laundering,
               ln(1 + t.amount_paid) AS log_amount,
               dense_rank() OVER (ORDER BY t.payment_format) - 1 AS payment_format_code,
               dense_rank() OVER (ORDER BY t.payment_currency) - 1 AS currency_code,
               (t.payment_currency <> t.receiving_currency)::INT AS currency_changed,
               (split_part(t.from_account, ':', 1) = split_part(t.to_account, ':', 1))::INT
                 AS same_bank,
               (t.from_account = t.to_account)::INT AS self_transfer,
               hour(t.ts) AS hour, dayofweek(t.ts) AS weekday,
               p.out_day AS payer_out_day, p.out_week AS payer_out_week,
               p.payees_day AS payer_payees_day, p.payees_week AS payer_payees_week,
               p.in_day AS payer_in_day,
               p.received_day / greatest(t.amount_paid, 1) AS payer_received_day_ratio,
               least(p.seen_before, 1) AS payer_seen_before,
               r.in_day AS payee_in_day, r.in_week AS payee_in_week,
               r.payers_day AS payee_payers_day, r.payers_week AS payee_payers_week,
               r.out_day AS payee_out_day, least(r.seen_before, 1) AS payee_seen_before,
               pairs.pair_before_week
        FROM aml_transactions t
        JOIN history p ON p.row_number = t.row_number AND p.direction = 'out'
        JOIN history r ON r.row_number = t.row_number AND r.direction = 'in'
        JOIN pairs ON pairs.row_number = t.row_number
        ORDER BY t.row_number
        """
    )
