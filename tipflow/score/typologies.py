"""From evidence to a risk score per account: typology scores, crime, role and explanation.

A typology scores an account by the summed weights of its indicators that fired there
(mitigating ones carry negative weight). Its *ratio* is that sum over the typology's
``alert_at``; without one of the typology's ``requires_any`` indicators the ratio is capped
below 1, so context alone never alerts (catalogue §0.6). The account's risk is
``r / (1 + r)`` for its best ratio ``r``: 0.5 exactly where a typology is fully matched,
approaching 1 as evidence accumulates. The tuning's ``flag_at`` and ``alert_budget`` decide
the alerts.

A decisive indicator (a watchlist hit) alerts by itself, whatever ``flag_at`` and the budget
say, and its risk is ``DECISIVE_FLOOR + DECISIVE_SPAN x`` the risk of the rest of the evidence
(0.5 to 0.95): partner intelligence is always looked at, but a listed identifier that nothing
else supports ranks below a typology matched in full, since watchlists also name the innocent
(an advert phone recycled, a stale entry).

Output table ``account_scores``: account_id, risk_score, flagged, rank, crime, role,
typologies, indicators, explanation (the results contract's columns, network aside) and
decisive.
"""

from __future__ import annotations

import pyarrow as pa

from tipflow.detect.registry import Library
from tipflow.engine.workspace import Workspace, table_exists

DECISIVE_FLOOR = 0.5
DECISIVE_SPAN = 0.45
UNREQUIRED_CAP = 0.9  # ratio cap for a typology none of whose required indicators fired


def score_accounts(con: Workspace, library: Library) -> None:
    """Create ``account_scores`` from ``evidence`` and ``account_profile``."""
    _register_library_tables(con, library)
    _inherited_crimes(con)
    con.execute(
        f"""
        CREATE OR REPLACE TABLE typology_scores AS
        WITH weighted AS (
          SELECT e.account_id, w.typology_id, w.indicator_id, w.fact, w.role, w.required,
                 w.weight * CASE
                   WHEN m.saturation IS NULL OR m.saturation <= e.threshold THEN 1.0
                   ELSE 1.0 + least(1.0, greatest(0.0, (e.value - e.threshold)
                                                  / (m.saturation - e.threshold)))
                 END AS weight
          FROM evidence e JOIN lib_typology_weights w USING (indicator_id)
          JOIN lib_indicators m USING (indicator_id)
        ),
        -- Customer-level view: an account with evidence of its own for a typology is scored
        -- on the evidence of all its holder's accounts (one party, or one person resolved
        -- across institutions), each indicator counted once at its strongest, so that a trail
        -- split over banks adds up. An account without evidence of its own (the holder's
        -- idle savings or card) is not flagged for its sibling's.
        own AS (SELECT DISTINCT account_id, typology_id FROM weighted WHERE weight > 0),
        hits AS (
          SELECT mine.account_id, w.typology_id, w.indicator_id, w.fact, w.role, w.required,
                 max(w.weight) AS weight,
                 list(DISTINCT w.account_id) FILTER (WHERE w.account_id <> mine.account_id)
                   AS siblings
          FROM weighted w
          JOIN account_profile theirs ON theirs.account_id = w.account_id
          JOIN account_profile mine ON mine.entity_id = theirs.entity_id
          JOIN own ON own.account_id = mine.account_id AND own.typology_id = w.typology_id
          GROUP BY ALL
        ),
        -- Indicators restating one fact count once, at the strongest (negative ones all count).
        counted AS (
          SELECT *, CASE WHEN weight < 0 OR row_number() OVER (
                      PARTITION BY account_id, typology_id, fact
                      ORDER BY weight DESC, indicator_id) = 1 THEN weight ELSE 0 END AS counted
          FROM hits
        )
        SELECT h.account_id, h.typology_id, t.crime, t.name, round(sum(h.counted), 9) AS score,
               least(round(sum(h.counted), 9) / t.alert_at,
                     CASE WHEN bool_or(h.required) THEN 1e9 ELSE {UNREQUIRED_CAP} END) AS ratio,
               first(h.role ORDER BY h.weight DESC, h.role) FILTER (WHERE h.weight > 0) AS role,
               list(h.indicator_id ORDER BY h.weight DESC, h.indicator_id)
                 FILTER (WHERE h.weight > 0) AS indicators,
               list_sort(list_distinct(flatten(list(h.siblings)))) AS siblings
        FROM counted h JOIN lib_typologies t USING (typology_id)
        GROUP BY h.account_id, h.typology_id, t.crime, t.name, t.alert_at
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE account_scores AS
        WITH best AS (
          SELECT account_id, max(ratio) AS ratio,
                 first(typology_id ORDER BY ratio DESC, typology_id) AS typology_id,
                 first(crime ORDER BY ratio DESC, typology_id) AS crime,
                 first(role ORDER BY ratio DESC, typology_id) AS role,
                 first(name ORDER BY ratio DESC, typology_id) AS typology_name,
                 first(siblings ORDER BY ratio DESC, typology_id) AS siblings,
                 string_agg(typology_id, ';' ORDER BY ratio DESC, typology_id)
                   FILTER (WHERE ratio >= 1) AS typologies
          FROM typology_scores WHERE ratio > 0 GROUP BY account_id
        ),
        fired AS (
          SELECT e.account_id,
                 string_agg(e.indicator_id, ';' ORDER BY e.indicator_id) AS indicators,
                 bool_or(m.kind = 'decisive') AS decisive,
                 first(m.role ORDER BY m.weight DESC, m.indicator_id) AS fallback_role,
                 first(m.crime ORDER BY m.weight DESC, m.indicator_id) AS fallback_crime,
                 string_agg(m.name || ' (' || e.detail || ')', '; ' ORDER BY m.weight DESC,
                            e.indicator_id) AS reasons
          FROM evidence e JOIN lib_indicators m USING (indicator_id) GROUP BY e.account_id
        ),
        risk AS (
          SELECT a.account_id, a.institution_id,
                 coalesce(b.ratio / (1 + b.ratio), 0) AS evidence_risk,
                 round(CASE WHEN f.decisive THEN greatest(
                   evidence_risk, {DECISIVE_FLOOR} + {DECISIVE_SPAN} * evidence_risk)
                   ELSE evidence_risk END, 6) AS risk_score,
                 coalesce(b.crime, i.crime, f.fallback_crime) AS crime,
                 coalesce(b.role, f.fallback_role) AS role,
                 coalesce(b.typologies, '') AS typologies,
                 coalesce(f.indicators, '') AS indicators,
                 b.typology_name, b.ratio, f.reasons, coalesce(f.decisive, false) AS decisive,
                 CASE WHEN array_length(b.siblings) > 0 THEN
                   ' Scored with the evidence of the same holder''s accounts '
                   || array_to_string(b.siblings, ', ') || '.' ELSE '' END AS together
          FROM account_profile a
          LEFT JOIN best b USING (account_id) LEFT JOIN fired f USING (account_id)
          LEFT JOIN inherited_crime i USING (account_id)
        ),
        ranked AS (
          SELECT *, row_number() OVER (ORDER BY risk_score DESC, account_id) AS rank FROM risk
        )
        SELECT account_id, institution_id, risk_score,
               {alert_condition(library)} AS flagged, rank,
               CASE WHEN risk_score > 0 THEN crime END AS crime,
               CASE WHEN risk_score > 0 THEN role END AS role,
               typologies, indicators,
               CASE
                 WHEN reasons IS NULL THEN ''
                 WHEN decisive AND coalesce(ratio, 0) < 1 THEN
                   'Watchlist intelligence matches this account. Indicators: ' || reasons || '.'
                 WHEN ratio >= 1 THEN
                   'Matches ' || typology_name || ' as ' || replace(role, '_', ' ')
                   || '. Indicators: ' || reasons || '.' || together
                 ELSE 'Below the alert threshold. Indicators: ' || reasons || '.' || together
               END AS explanation,
               decisive
        FROM ranked
        """
    )


def alert_condition(library: Library) -> str:
    """SQL over ``risk_score``, ``rank`` and ``decisive``: the tuning's threshold and budget,
    and a decisive indicator whatever they say."""
    budget = library.tuning.alert_budget
    within_budget = f"AND rank <= {budget}" if budget is not None else ""
    return f"(decisive OR (risk_score >= {library.tuning.flag_at} {within_budget}))"


def _inherited_crimes(con: Workspace) -> None:
    """``inherited_crime``: for each account tied to alerts of an earlier scoring round, the
    crime most of those alerts point to (for typologies whose crime is the network's)."""
    if table_exists(con, "ties") and table_exists(con, "account_scores"):
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE inherited_crime AS
            SELECT t.account_id, mode(s.crime ORDER BY s.crime) AS crime
            FROM ties t JOIN account_scores s ON s.account_id = t.other_account_id
            WHERE s.flagged AND s.crime IS NOT NULL GROUP BY t.account_id
            """
        )
    else:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE inherited_crime (account_id VARCHAR, crime VARCHAR)"
        )


def _register_library_tables(con: Workspace, library: Library) -> None:
    weights: dict[str, list[object]] = {
        "typology_id": [],
        "indicator_id": [],
        "weight": [],
        "role": [],
        "required": [],
        "fact": [],
    }
    for typology in library.typologies.values():
        for entry in typology.indicators:
            if entry.id not in library.indicators:
                continue  # disabled by the tuning file
            spec = library.indicators[entry.id].spec
            weights["typology_id"].append(typology.id)
            weights["indicator_id"].append(entry.id)
            weights["weight"].append(entry.weight)
            weights["role"].append(entry.role or spec.roles[0])
            weights["required"].append(entry.id in typology.requires_any)
            weights["fact"].append(entry.fact or entry.id)
    typologies = {
        "typology_id": [t.id for t in library.typologies.values()],
        "crime": [t.crime for t in library.typologies.values()],
        "name": [t.name for t in library.typologies.values()],
        "alert_at": [t.alert_at for t in library.typologies.values()],
    }
    specs = library.indicator_specs()
    indicators = {
        "indicator_id": [s.id for s in specs],
        "name": [s.name for s in specs],
        "kind": [s.kind for s in specs],
        "weight": [s.weight for s in specs],
        "role": [s.roles[0] for s in specs],
        "crime": [s.crimes[0] for s in specs],
        "saturation": [s.saturation for s in specs],
    }
    for name, columns in (
        ("lib_typology_weights", weights),
        ("lib_typologies", typologies),
        ("lib_indicators", indicators),
    ):
        con.register(f"_{name}", pa.table(columns))
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _{name}")
        con.unregister(f"_{name}")
