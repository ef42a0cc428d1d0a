"""How far two results folders agree: the check an institution runs when it moves screening
from one engine to another (DuckDB to Spark), or upgrades tipflow.

Agreement means: the same accounts flagged, the same networks with the same members, risk
scores within a tolerance (1e-6 by default: sums of floating-point numbers in another order
differ in the last digits), and the same evidence rows. The explanation texts are compared
too, but are reported apart (a figure in a sentence may round the other way).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from tipflow.engine.sql import sql_string

DEFAULT_TOLERANCE = 1e-6
#: Figures are written rounded to 6 places: two that round apart differ by 1e-6 plus the
#: binary representation's error, which must not count as a disagreement.
_SLACK = 1e-12


@dataclass(frozen=True)
class Agreement:
    accounts: int
    accounts_only_in_one: int
    flagged_differently: int
    largest_risk_difference: float
    network_differences: int
    crime_role_typology_differences: int
    evidence_rows: int
    evidence_only_in_one: int
    evidence_values_apart: int
    explanations_differing: int
    tolerance: float

    @property
    def agrees(self) -> bool:
        """Same flags, networks, typologies and evidence; scores within the tolerance."""
        return (
            self.accounts_only_in_one == 0
            and self.flagged_differently == 0
            and self.largest_risk_difference <= self.tolerance + _SLACK
            and self.network_differences == 0
            and self.crime_role_typology_differences == 0
            and self.evidence_only_in_one == 0
            and self.evidence_values_apart == 0
        )

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "agrees": self.agrees}


def compare_results(first: Path, second: Path, tolerance: float = DEFAULT_TOLERANCE) -> Agreement:
    """Compare two ``tipflow screen`` results folders."""
    within = tolerance + _SLACK
    con = duckdb.connect()
    try:
        a, b = (sql_string(str(folder / "accounts.csv")) for folder in (first, second))
        accounts = con.execute(
            f"""
            SELECT count(*),
                   count(*) FILTER (WHERE x.account_id IS NULL OR y.account_id IS NULL),
                   count(*) FILTER (WHERE x.flagged IS DISTINCT FROM y.flagged),
                   coalesce(max(abs(x.risk_score - y.risk_score)), 0),
                   count(*) FILTER (WHERE x.crime IS DISTINCT FROM y.crime
                                    OR x.role IS DISTINCT FROM y.role
                                    OR x.typologies IS DISTINCT FROM y.typologies
                                    OR x.indicators IS DISTINCT FROM y.indicators),
                   count(*) FILTER (WHERE x.explanation IS DISTINCT FROM y.explanation)
            FROM read_csv({a}, all_varchar = false) x
            FULL JOIN read_csv({b}, all_varchar = false) y USING (account_id)
            """
        ).fetchall()[0]
        networks = _network_differences(con, first, second, within)
        e1, e2 = (sql_string(str(folder / "evidence.parquet")) for folder in (first, second))
        evidence = con.execute(
            f"""
            SELECT count(*),
                   count(*) FILTER (WHERE x.account_id IS NULL OR y.account_id IS NULL),
                   count(*) FILTER (WHERE abs(x.value - y.value) > {within}
                                    OR x.transaction_ids IS DISTINCT FROM y.transaction_ids)
            FROM read_parquet({e1}) x FULL JOIN read_parquet({e2}) y
              USING (account_id, indicator_id)
            """
        ).fetchall()[0]
    finally:
        con.close()
    return Agreement(
        accounts=int(accounts[0]),
        accounts_only_in_one=int(accounts[1]),
        flagged_differently=int(accounts[2]),
        largest_risk_difference=float(accounts[3]),
        network_differences=networks,
        crime_role_typology_differences=int(accounts[4]),
        evidence_rows=int(evidence[0]),
        evidence_only_in_one=int(evidence[1]),
        evidence_values_apart=int(evidence[2]),
        explanations_differing=int(accounts[5]),
        tolerance=tolerance,
    )


def _network_differences(
    con: duckdb.DuckDBPyConnection, first: Path, second: Path, tolerance: float
) -> int:
    """Networks that are not the same in both: members, flag, crime or risk beyond tolerance
    (networks are matched by their members, not by their ids)."""
    n1, n2 = (sql_string(str(folder / "networks.csv")) for folder in (first, second))
    # typed here: a folder without networks has a header-only file, read as text
    columns = (
        "accounts, flagged::VARCHAR AS flagged, crime, TRY_CAST(risk_score AS DOUBLE) AS risk_score"
    )
    row = con.execute(
        f"""
        SELECT count(*) FROM (SELECT {columns} FROM read_csv({n1})) x
        FULL JOIN (SELECT {columns} FROM read_csv({n2})) y USING (accounts)
        WHERE x.accounts IS NULL OR y.accounts IS NULL OR x.flagged IS DISTINCT FROM y.flagged
           OR x.crime IS DISTINCT FROM y.crime OR abs(x.risk_score - y.risk_score) > {tolerance}
        """
    ).fetchall()[0]
    return int(row[0])
