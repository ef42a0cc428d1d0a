"""Query measures that compare an account's money with what its holder declared.

* ``income_mismatch``: a person's credits over the period, at a yearly rate, against the yearly
  income they declared (FIN20: "transactional activity inconsistent with the customer's
  profile"; a kitchen porter banking three times his wage). Own transfers do not count.
"""

from __future__ import annotations

from tipflow.detect.measures.base import MeasureParameters, QueryContext, QueryMeasure, fmt


class IncomeMismatch(MeasureParameters):
    min_total: float = 15000.0  # credits below this over the period are never a mismatch
    min_days: int = 30  # the period is at least this long when annualising


def _mismatch_query(p: IncomeMismatch, _: QueryContext) -> str:
    return f"""
WITH period AS (
  SELECT greatest(date_diff('day', min(ts), max(ts)) + 1, {p.min_days}) AS days FROM legs
),
credits AS (
  SELECT account_id, sum(amount) AS total, count(*) AS credits,
         list(transaction_id ORDER BY amount DESC, transaction_id)[1:50] AS transaction_ids
  FROM legs
  WHERE direction = 'in' AND NOT coalesce(own_transfer, false) AND holder_party_type = 'person'
  GROUP BY account_id
)
SELECT c.account_id, (c.total * 365.0 / p.days) / a.declared_income AS value,
       c.transaction_ids,
       concat({fmt("c.total")}, ' credited in ', p.days, ' days (', c.credits,
              ' credits), ', {fmt("c.total * 365.0 / p.days")}, ' a year against ',
              {fmt("a.declared_income")}, ' declared') AS detail
FROM credits c JOIN account_profile a USING (account_id) CROSS JOIN period p
WHERE a.declared_income > 0 AND c.total >= {p.min_total}
"""


INCOME_MISMATCH = QueryMeasure(
    name="income_mismatch",
    description="A person's credits at a yearly rate against the income they declared.",
    parameters=IncomeMismatch,
    query=_mismatch_query,
)
