"""Connected components in SQL, so that they are computed where the data is (on Spark, in
parallel across the cluster; on DuckDB, in the embedded engine).

Min-label propagation with pointer jumping: every node starts labelled with itself; each round
a node takes the smallest label among its own and its neighbours', then the label of that
label (which shortcuts long chains, so the rounds grow with the logarithm of a component's
diameter rather than with the diameter). When a round changes nothing, each node's label is the
smallest node of its component. The result does not depend on the engine or the order of rows.
"""

from __future__ import annotations

from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.workspace import Workspace, scalar

#: A safety stop; pointer jumping converges in far fewer rounds on any real graph.
MAX_ROUNDS = 200


class ComponentsDidNotConverge(RuntimeError):
    """Label propagation was still changing labels after ``MAX_ROUNDS`` rounds."""


def label_components(con: Workspace, nodes: str, edges: str, out: str) -> int:
    """Create ``out`` (node, component) from the query ``nodes`` (node) and the query
    ``edges`` (a, b), undirected; ``component`` is the smallest node of the node's component.
    Returns the number of rounds it took."""
    labels, scratch = f"{out}__labels", f"{out}__next"
    con.execute(f"CREATE OR REPLACE TABLE {q(labels)} AS SELECT node, node AS label FROM ({nodes})")
    both_ways = f"SELECT a AS src, b AS dst FROM ({edges}) UNION ALL SELECT b, a FROM ({edges})"
    for rounds in range(1, MAX_ROUNDS + 1):
        con.execute(
            f"""
            CREATE OR REPLACE TABLE {q(scratch)} AS
            WITH smallest AS (
              SELECT l.node, least(l.label, coalesce(min(n.label), l.label)) AS label
              FROM {q(labels)} l
              LEFT JOIN ({both_ways}) e ON e.src = l.node
              LEFT JOIN {q(labels)} n ON n.node = e.dst
              GROUP BY l.node, l.label
            )
            SELECT s.node, least(s.label, coalesce(j.label, s.label)) AS label
            FROM smallest s LEFT JOIN smallest j ON j.node = s.label
            """
        )
        changed = scalar(
            con,
            f"SELECT count(*) FROM {q(scratch)} s JOIN {q(labels)} l USING (node) "
            "WHERE s.label <> l.label",
        )
        con.execute(f"CREATE OR REPLACE TABLE {q(labels)} AS SELECT * FROM {q(scratch)}")
        if not changed:
            con.execute(
                f"CREATE OR REPLACE TABLE {q(out)} AS SELECT node, label AS component "
                f"FROM {q(labels)}"
            )
            for table in (labels, scratch):
                con.execute(f"DROP TABLE {q(table)}")
            return rounds
    raise ComponentsDidNotConverge(
        f"components of {edges} still changing after {MAX_ROUNDS} rounds"
    )
