"""``tipflow evaluate``: how good is a results folder against a world's ground truth?

Ground truth is the simulator's ``truth/`` folder (``accounts.csv`` with ``involved``,
``crime``, ``role``, ``typology``, ``network_id``, ``lookalike``; ``networks.csv``), or any
folder with the same columns. An account counts as found when the results flag it.

Metrics: precision, recall, F1 and false-positive rate over accounts; average precision of
the ranking by risk score; precision at k; recall per typology and per crime; the share of
each look-alike population flagged (its false-positive rate); network recall (share of true
networks with at least one flagged member, and the mean share of members flagged); and the
accuracy of crime and role on the true positives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError

PRECISION_AT = (10, 50, 100, 500)
WHOLE = 0.8  # a network is found whole when one results network has 80 % of it, at 80 % purity


def evaluate_results(results: Path, truth: Path) -> dict[str, Any]:
    """Every metric, as a JSON-ready dict."""
    for path in (results / "accounts.csv", truth / "accounts.csv"):
        if not path.is_file():
            raise DatasetError(path, "missing (evaluate needs a results folder and a truth folder)")
    con = duckdb.connect()
    try:
        _load(con, results, truth)
        return _metrics(con)
    finally:
        con.close()


def _load(con: duckdb.DuckDBPyConnection, results: Path, truth: Path) -> None:
    con.execute(
        f"""
        CREATE TABLE joined AS
        SELECT r.account_id, r.risk_score::DOUBLE AS risk_score, r.flagged::BOOLEAN AS flagged,
               r.rank::BIGINT AS rank, r.crime AS found_crime, r.role AS found_role,
               nullif(r.network_id, '') AS found_network,
               coalesce(t.involved::BOOLEAN, false) AS involved, t.crime, t.role, t.typology,
               t.network_id, t.lookalike
        FROM read_csv({sql_string(str(results / "accounts.csv"))}, all_varchar = true) r
        LEFT JOIN read_csv({sql_string(str(truth / "accounts.csv"))}, all_varchar = true) t
          USING (account_id)
        """
    )


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return con.execute(sql).fetchall()


def _metrics(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    tp, fp, fn, tn = _rows(
        con,
        "SELECT count(*) FILTER (WHERE flagged AND involved), "
        "count(*) FILTER (WHERE flagged AND NOT involved), "
        "count(*) FILTER (WHERE NOT flagged AND involved), "
        "count(*) FILTER (WHERE NOT flagged AND NOT involved) FROM joined",
    )[0]
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else 0.0
    (average_precision,) = _rows(
        con,
        """
        WITH ranked AS (
          SELECT involved, sum(involved::INT) OVER (ORDER BY rank) AS hits, rank FROM joined
        )
        SELECT sum(hits::DOUBLE / rank) FILTER (WHERE involved) / nullif(sum(involved::INT), 0)
        FROM ranked
        """,
    )[0]
    return {
        "accounts": {
            "total": tp + fp + fn + tn,
            "involved": tp + fn,
            "flagged": tp + fp,
            "true_positives": tp,
            "false_positives": fp,
            "false_negatives": fn,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "false_positive_rate": _ratio(fp, fp + tn),
            "average_precision": round(average_precision, 4) if average_precision else None,
            "precision_at": {
                str(k): value
                for k, value in ((k, _ratio(*_rows(con, _at_k(k))[0])) for k in PRECISION_AT)
                if value is not None
            },
        },
        "recall_by_typology": _grouped(con, "typology", "involved"),
        "recall_by_crime": _grouped(con, "crime", "involved"),
        "recall_by_role": _grouped(con, "role", "involved"),
        "false_positive_rate_by_lookalike": _grouped(con, "lookalike", "NOT involved"),
        "networks": _networks(con),
        "attribution": _attribution(con),
    }


def _at_k(k: int) -> str:
    return (
        f"SELECT count(*) FILTER (WHERE involved), least({k}, count(*)) "
        f"FROM joined WHERE rank <= {k}"
    )


def _grouped(con: duckdb.DuckDBPyConnection, column: str, population: str) -> dict[str, Any]:
    rows = _rows(
        con,
        f"SELECT {column}, count(*), count(*) FILTER (WHERE flagged) FROM joined "
        f"WHERE {population} AND {column} IS NOT NULL GROUP BY 1 ORDER BY 1",
    )
    return {name: {"accounts": n, "flagged": f, "share": _ratio(f, n)} for name, n, f in rows}


def _networks(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Network recall two ways: networks with a flagged member, and networks found whole (one
    results network holds at least 80 % of the true members, and at least 80 % of that
    results network are members of this true network)."""
    total, found, mean_share = _rows(
        con,
        """
        WITH n AS (
          SELECT network_id, count(*) AS size, count(*) FILTER (WHERE flagged) AS flagged
          FROM joined WHERE involved AND network_id IS NOT NULL GROUP BY network_id
        )
        SELECT count(*), count(*) FILTER (WHERE flagged > 0), avg(flagged / size) FROM n
        """,
    )[0]
    whole = _rows(
        con,
        f"""
        WITH truth AS (
          SELECT network_id, any_value(crime) AS crime, any_value(typology) AS typology,
                 count(*) AS size
          FROM joined WHERE involved AND network_id IS NOT NULL GROUP BY network_id
        ),
        found AS (SELECT found_network, count(*) AS size FROM joined
                  WHERE found_network IS NOT NULL GROUP BY found_network),
        overlap AS (
          SELECT network_id, found_network, count(*) AS shared FROM joined
          WHERE involved AND network_id IS NOT NULL AND found_network IS NOT NULL GROUP BY ALL
        ),
        judged AS (
          SELECT t.network_id, t.crime, t.typology,
                 coalesce(bool_or(o.shared >= {WHOLE} * t.size AND o.shared >= {WHOLE} * f.size),
                          false) AS whole
          FROM truth t LEFT JOIN overlap o USING (network_id)
          LEFT JOIN found f USING (found_network)
          GROUP BY ALL
        )
        SELECT typology, crime, count(*), count(*) FILTER (WHERE whole) FROM judged
        GROUP BY ALL ORDER BY typology
        """,
    )
    crimes = ("sex_trafficking", "labour_trafficking", "migrant_smuggling")
    tht = [(n, w) for _, crime, n, w in whole if crime in crimes]
    return {
        "networks": total,
        "found": found,
        "recall": _ratio(found, total),
        "mean_member_recall": round(mean_share, 4) if mean_share is not None else None,
        "found_whole": _ratio(sum(w for *_, w in whole), sum(n for *_, n, _ in whole)),
        "trafficking_smuggling_found_whole": _ratio(sum(w for _, w in tht), sum(n for n, _ in tht)),
        "found_whole_by_typology": {
            typology: {"networks": n, "whole": w, "share": _ratio(w, n)}
            for typology, _, n, w in whole
        },
    }


def _attribution(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    tp, crime_ok, role_ok = _rows(
        con,
        "SELECT count(*), count(*) FILTER (WHERE found_crime = crime), "
        "count(*) FILTER (WHERE found_role = role) FROM joined WHERE flagged AND involved",
    )[0]
    return {"crime_accuracy": _ratio(crime_ok, tp), "role_accuracy": _ratio(role_ok, tp)}
