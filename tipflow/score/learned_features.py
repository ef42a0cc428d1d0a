"""Per-account features for the learned score, from a screened workspace.

The learned model must carry from the worlds it was trained on to institutions it never saw,
so it learns from what the rules measured, not from the raw shape of an account's activity:
how strongly each indicator fired (its value over its threshold, capped), how far each
typology got (its ratio), the rules' own risk, and the account's neighbourhood (the share of
its counterparties alerted, their highest risk, the size of its network). Raw activity
(degrees, channel shares, cross-border share, money passed on) was tried and dropped: trained
on ``tipflow simulate`` it learned that simulator's everyday population (few cross-border
customers) and flagged 121 ordinary customers of one holdout world (docs/evaluation.md).
The column set is fixed by the library (one column per indicator and typology), so a model and
the screen that applies it agree on it; the model card lists it.

Output table ``account_features``: ``account_id`` then the feature columns, one row per account.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa

from tipflow.detect.registry import Library
from tipflow.engine.sql import sql_string
from tipflow.engine.workspace import Workspace, fetch_arrow

#: Evidence strength is value / threshold, capped so that one extreme figure cannot dominate.
STRENGTH_CAP = 5.0

_NEIGHBOURHOOD = """
WITH neighbours AS (
  SELECT DISTINCT l.account_id, l.other_account_id FROM legs l
  WHERE l.other_account_id IS NOT NULL AND l.other_account_id <> l.account_id
),
money AS (
  SELECT n.account_id, avg(s.flagged::INT) AS alerted_neighbour_share,
         max(s.risk_score) AS max_neighbour_risk
  FROM neighbours n JOIN account_scores s ON s.account_id = n.other_account_id
  GROUP BY n.account_id
),
tied AS (  -- identifiers, devices, control, premises: ties other than money
  SELECT t.account_id, count(DISTINCT t.other_account_id) AS tied_alerts
  FROM ties t JOIN account_scores s ON s.account_id = t.other_account_id AND s.flagged
  WHERE t.kind NOT IN ('money', 'money_in', 'money_out', 'large_in', 'large_out', 'same_holder')
  GROUP BY t.account_id
),
sizes AS (SELECT network_id, count(*) AS members FROM account_networks GROUP BY network_id)
SELECT a.account_id,
       coalesce(money.alerted_neighbour_share, 0) AS alerted_neighbour_share,
       coalesce(money.max_neighbour_risk, 0) AS max_neighbour_risk,
       ln(1 + coalesce(tied.tied_alerts, 0)) AS log_tied_alerts,
       ln(1 + coalesce(z.members, 0)) AS log_network_size
FROM account_profile a
LEFT JOIN money USING (account_id) LEFT JOIN tied USING (account_id)
LEFT JOIN account_networks m USING (account_id) LEFT JOIN sizes z USING (network_id)
"""


CONTEXT_COLUMNS = (
    "rules_risk",
    "alerted_neighbour_share",
    "max_neighbour_risk",
    "log_tied_alerts",
    "log_network_size",
)


def feature_names(library: Library) -> list[str]:
    """The model's columns, in order: fixed by the library, so train and screen agree."""
    return [
        *(_column("indicator", i) for i in sorted(library.indicators)),
        *(_column("typology", t) for t in sorted(library.typologies)),
        *CONTEXT_COLUMNS,
    ]


def build_account_features(con: Workspace, library: Library) -> list[str]:
    """Create ``account_features`` on a screened workspace; returns the feature columns."""
    indicators = sorted(library.indicators)
    typologies = sorted(library.typologies)
    strength = ",\n".join(
        f"coalesce(max(CASE WHEN e.threshold > 0 THEN least(e.value / e.threshold, {STRENGTH_CAP})"
        " ELSE 1.0 END) "
        f"FILTER (WHERE e.indicator_id = {sql_string(i)}), 0) AS {_column('indicator', i)}"
        for i in indicators
    )
    ratio = ",\n".join(
        f"coalesce(max(t.ratio) FILTER (WHERE t.typology_id = {sql_string(t)}), 0) "
        f"AS {_column('typology', t)}"
        for t in typologies
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE _neighbourhood AS {_NEIGHBOURHOOD}")
    con.execute(
        f"""
        CREATE OR REPLACE TABLE account_features AS
        WITH strength AS (
          SELECT a.account_id, {strength}
          FROM account_profile a LEFT JOIN evidence e USING (account_id) GROUP BY a.account_id
        ),
        ratios AS (
          SELECT a.account_id, {ratio}
          FROM account_profile a LEFT JOIN typology_scores t USING (account_id)
          GROUP BY a.account_id
        )
        SELECT a.account_id, strength.* EXCLUDE (account_id), ratios.* EXCLUDE (account_id),
               coalesce(s.risk_score, 0) AS rules_risk, _neighbourhood.* EXCLUDE (account_id)
        FROM account_profile a
        JOIN strength USING (account_id) JOIN ratios USING (account_id)
        LEFT JOIN account_scores s USING (account_id)
        LEFT JOIN _neighbourhood USING (account_id)
        ORDER BY a.account_id
        """
    )
    names = feature_names(library)
    present = [row[0] for row in con.execute("DESCRIBE account_features").fetchall()]
    assert present == ["account_id", *names], "feature columns out of step with feature_names"
    return names


def feature_table(con: Workspace) -> pa.Table:
    """``account_features`` as Arrow, NULLs (accounts without legs) as 0."""
    return fetch_arrow(con, "SELECT * FROM account_features")


def feature_matrix(table: pa.Table, columns: list[str]) -> np.ndarray:
    """The named columns of a feature table as one float matrix (NULL as 0)."""
    return np.column_stack(
        [np.nan_to_num(table[c].to_numpy(zero_copy_only=False).astype(float)) for c in columns]
    )


def _column(kind: str, identifier: str) -> str:
    return f"{kind}_" + re.sub(r"[^0-9a-zA-Z]+", "_", identifier).lower()
