"""What each network is: its risk, crime, typologies and a sentence a reviewer can act on.

Risk: the highest member risk, raised by the other members' corroboration,
``1 - (1 - max) * prod(1 - corroboration * r)`` over the other members (``network.yaml``),
summed in a fixed order so that it is the same run to run. A
network is flagged when one of its accounts is. Crime: the crime with the most member risk
behind it. Typologies: those its members matched, the most frequent first.

Output ``networks`` with the results contract's columns (shared/contract/output.md), plus
``lead_account_id`` (the riskiest member) and ``ties`` (the kinds of link inside it, counted).
"""

from __future__ import annotations

from tipflow.engine.workspace import Workspace
from tipflow.network.settings import NetworkSettings


def summarise_networks(con: Workspace, settings: NetworkSettings) -> None:
    """Create ``networks`` from ``account_networks``, ``account_scores`` and ``ties``."""
    c = settings.corroboration
    con.execute(
        f"""
        CREATE OR REPLACE TABLE networks AS
        WITH m AS (
          SELECT n.network_id, s.*,
                 row_number() OVER (PARTITION BY n.network_id
                                    ORDER BY s.risk_score DESC, s.account_id) AS place
          FROM account_networks n JOIN account_scores s USING (account_id)
        ),
        crimes AS (
          SELECT network_id, crime, sum(risk_score) AS weight, count(*) AS accounts
          FROM m WHERE crime IS NOT NULL GROUP BY ALL
        ),
        top_crime AS (
          SELECT network_id, first(crime ORDER BY weight DESC, crime) AS crime
          FROM crimes GROUP BY network_id
        ),
        typologies AS (
          SELECT network_id, t AS typology, count(*) AS accounts
          FROM (SELECT network_id, unnest(string_split(typologies, ';')) AS t FROM m)
          WHERE t <> '' GROUP BY ALL
        ),
        roles AS (
          SELECT network_id, string_agg(accounts || ' ' || replace(role, '_', ' ')
                                        || CASE WHEN accounts > 1 THEN 's' ELSE '' END, ', '
                                        ORDER BY accounts DESC, role) AS roles
          FROM (SELECT network_id, role, count(*) AS accounts FROM m WHERE flagged
                GROUP BY ALL) GROUP BY network_id
        ),
        links AS (
          SELECT n.network_id, t.kind, count(*) // 2 AS pairs
          FROM ties t JOIN account_networks n ON n.account_id = t.account_id
          JOIN account_networks o ON o.account_id = t.other_account_id
            AND o.network_id = n.network_id
          GROUP BY ALL
        ),
        link_text AS (
          SELECT network_id, string_agg(pairs || ' ' || replace(kind, '_', ' '), ', '
                                        ORDER BY pairs DESC, kind) AS ties
          FROM links WHERE pairs > 0 GROUP BY network_id
        ),
        risk AS (
          SELECT network_id,
                 1 - (1 - max(risk_score))
                     * exp(coalesce(list_sum(list(ln(greatest(1 - {c} * risk_score, 1e-9))
                                                  ORDER BY place) FILTER (WHERE place > 1)), 0))
                   AS risk_score,
                 bool_or(flagged) AS flagged, count(*) AS size,
                 count(*) FILTER (WHERE flagged) AS flagged_accounts,
                 string_agg(DISTINCT institution_id, ';' ORDER BY institution_id) AS institutions,
                 string_agg(account_id, ';' ORDER BY account_id) AS accounts,
                 first(account_id ORDER BY place) AS lead_account_id,
                 first(role ORDER BY place) AS lead_role,
                 count(DISTINCT institution_id) AS institution_count
          FROM m GROUP BY network_id
        )
        SELECT r.network_id, round(coalesce(r.risk_score, 0), 6) AS risk_score, r.flagged,
               r.size, r.institutions, r.accounts, c.crime,
               coalesce((SELECT string_agg(typology, ';' ORDER BY accounts DESC, typology)
                         FROM typologies t WHERE t.network_id = r.network_id), '')
                 AS typologies,
               r.size || ' accounts at ' || r.institution_count || ' institution'
                 || CASE WHEN r.institution_count > 1 THEN 's' ELSE '' END
                 || CASE WHEN c.crime IS NOT NULL
                         THEN ', pointing to ' || replace(c.crime, '_', ' ') ELSE '' END
                 || CASE WHEN ro.roles IS NOT NULL THEN ' (flagged: ' || ro.roles || ')'
                         ELSE '' END
                 || CASE WHEN lt.ties IS NOT NULL THEN '; linked by ' || lt.ties ELSE '' END
                 || '. Start with ' || r.lead_account_id
                 || coalesce(' (' || replace(r.lead_role, '_', ' ') || ')', '') || '.'
                 AS explanation,
               r.lead_account_id, coalesce(lt.ties, '') AS ties
        FROM risk r LEFT JOIN top_crime c USING (network_id) LEFT JOIN roles ro USING (network_id)
        LEFT JOIN link_text lt USING (network_id)
        ORDER BY r.network_id
        """
    )
