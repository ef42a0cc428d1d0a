"""Networks: the groups of accounts tipflow links together.

Members are every flagged account and every account pulled in by a strong tie to one (see
``network.yaml``: same holder or resolved person, a controller on both, one device) whose own
risk reaches the pull-in floor. Links between members are their ties, weighted by kind. The
connected components of that graph are the networks, except that a component of
``split_from`` accounts or more is split into its Leiden communities (modularity, weighted)
when the split is clear (modularity at least ``split_modularity``): a facilitator serving two
rings, or one busy account, does not make the rings one network.

Output ``account_networks`` (account_id, network_id); network ids ``NW-00001`` onwards by the
network's highest member risk, then its smallest account id, so they are the same run to run.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import igraph
import pyarrow as pa

from tipflow.engine.sql import sql_string
from tipflow.engine.workspace import Workspace
from tipflow.network.settings import NetworkSettings


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """igraph's randomised algorithms (Leiden, layouts) draw from a generator seeded here, so
    the same input gives the same output; Python's global generator is restored after."""
    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


@dataclass(frozen=True)
class MemberGraph:
    accounts: list[str]  # vertex i is accounts[i]
    edges: list[tuple[int, int]]
    weights: list[float]


def form_networks(con: Workspace, settings: NetworkSettings) -> None:
    """Create ``account_networks`` from ``account_scores`` and ``ties``."""
    graph = _member_graph(con, settings)
    groups = _groups(graph, settings)
    rows: dict[str, list[str]] = {"account_id": [], "group_index": []}
    for index, members in enumerate(groups):
        for member in members:
            rows["account_id"].append(graph.accounts[member])
            rows["group_index"].append(str(index))
    con.register("_groups", pa.table(rows))
    con.execute(
        """
        CREATE OR REPLACE TABLE account_networks AS
        WITH g AS (SELECT account_id, group_index FROM _groups),
        ordered AS (
          SELECT g.group_index, max(s.risk_score) AS risk, min(g.account_id) AS first
          FROM g JOIN account_scores s USING (account_id) GROUP BY g.group_index
        ),
        named AS (
          SELECT group_index,
                 'NW-' || lpad((row_number() OVER (ORDER BY risk DESC, first))::VARCHAR, 5, '0')
                   AS network_id
          FROM ordered
        )
        SELECT g.account_id, n.network_id FROM g JOIN named n USING (group_index)
        ORDER BY n.network_id, g.account_id
        """
    )
    con.unregister("_groups")


def _member_graph(con: Workspace, settings: NetworkSettings) -> MemberGraph:
    pull_kinds = ", ".join(sql_string(kind) for kind in settings.pull_in_kinds) or "NULL"
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE network_members AS
        SELECT account_id FROM account_scores WHERE flagged
        UNION
        SELECT t.account_id FROM ties t
        JOIN account_scores tied ON tied.account_id = t.other_account_id AND tied.flagged
        JOIN account_scores own ON own.account_id = t.account_id
        WHERE t.kind IN ({pull_kinds}) AND own.risk_score >= {settings.pull_in_floor}
        """
    )
    accounts = [
        str(row[0])
        for row in con.execute("SELECT account_id FROM network_members ORDER BY 1").fetchall()
    ]
    index = {account: i for i, account in enumerate(accounts)}
    weight_cases = " ".join(
        f"WHEN {sql_string(kind)} THEN {weight}" for kind, weight in settings.link_weights.items()
    )
    links = con.execute(
        f"""
        SELECT least(t.account_id, t.other_account_id) AS a,
               greatest(t.account_id, t.other_account_id) AS b,
               sum(CASE t.kind {weight_cases} ELSE 0 END
                   * CASE WHEN t.kind = 'money' THEN 1 + ln(greatest(t.transactions, 1))
                          ELSE 1 END) AS weight
        FROM ties t
        WHERE t.account_id IN (SELECT account_id FROM network_members)
          AND t.other_account_id IN (SELECT account_id FROM network_members)
        GROUP BY ALL HAVING sum(CASE t.kind {weight_cases} ELSE 0 END) > 0
        ORDER BY a, b
        """
    ).fetchall()
    return MemberGraph(
        accounts,
        [(index[a], index[b]) for a, b, _ in links],
        [round(float(w), 9) for _, _, w in links],
    )


def _groups(graph: MemberGraph, settings: NetworkSettings) -> list[list[int]]:
    """Vertex groups of at least ``min_size``: components, large ones split into communities."""
    full = igraph.Graph(n=len(graph.accounts), edges=graph.edges)
    full.es["weight"] = graph.weights
    groups: list[list[int]] = []
    with seeded_igraph(settings.seed):
        for component in full.connected_components():
            members = sorted(component)
            if len(members) >= settings.split_from:
                groups.extend(_split(full, members, settings))
            else:
                groups.append(members)
    return [g for g in groups if len(g) >= settings.min_size]


def _split(full: igraph.Graph, members: list[int], settings: NetworkSettings) -> list[list[int]]:
    sub = full.induced_subgraph(members)
    partition = sub.community_leiden(
        objective_function="modularity",
        weights="weight",
        resolution=settings.resolution,
        n_iterations=-1,
    )
    modularity = sub.modularity(partition.membership, weights="weight")
    if math.isnan(modularity) or modularity < settings.split_modularity:
        return [members]
    communities: dict[int, list[int]] = {}
    for local, community in enumerate(partition.membership):
        communities.setdefault(community, []).append(members[local])
    return [sorted(c) for c in communities.values()]
