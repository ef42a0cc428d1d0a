"""Networks: the groups of accounts tipflow links together.

Members are every flagged account and every account pulled in by a strong tie to one (see
``network.yaml``: same holder or resolved person, a controller on both, one device) whose own
risk reaches the pull-in floor. Links between members are their ties, weighted by kind. The
connected components of that graph (computed in SQL: :mod:`.components`) are the networks,
except that a component of
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
from tipflow.network.components import label_components
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
    """One large component, for the community split on this machine."""

    accounts: list[str]  # vertex i is accounts[i], in account id order
    edges: list[tuple[int, int]]
    weights: list[float]


def form_networks(con: Workspace, settings: NetworkSettings) -> None:
    """Create ``account_networks`` from ``account_scores`` and ``ties``.

    The members, their links and the connected components are computed in the workspace (on
    Spark, across the cluster); only components of ``split_from`` accounts or more come to
    this machine, one at a time, for the Leiden split."""
    _member_tables(con, settings)
    label_components(
        con,
        "SELECT account_id AS node FROM network_members",
        "SELECT a, b FROM network_links",
        "network_components",
    )
    large_components = (
        "SELECT component FROM network_components GROUP BY component "
        f"HAVING count(*) >= {int(settings.split_from)}"
    )
    large = [
        str(row[0]) for row in con.execute(f"{large_components} ORDER BY component").fetchall()
    ]
    rows: dict[str, list[str]] = {"account_id": [], "group_key": []}
    with seeded_igraph(settings.seed):
        for component in large:
            graph = _component_graph(con, component)
            for index, members in enumerate(_split(graph, settings)):
                for member in members:
                    rows["account_id"].append(graph.accounts[member])
                    rows["group_key"].append(f"{component}#{index}")
    con.register("_split_groups", pa.table(rows, schema=_SPLIT_SCHEMA))
    con.execute(
        f"""
        CREATE OR REPLACE TABLE account_networks AS
        WITH g AS (
          SELECT node AS account_id, component AS group_key FROM network_components
          WHERE component NOT IN ({large_components})
          UNION ALL
          SELECT account_id, group_key FROM _split_groups
        ),
        ordered AS (
          SELECT g.group_key, max(s.risk_score) AS risk, min(g.account_id) AS first
          FROM g JOIN account_scores s USING (account_id) GROUP BY g.group_key
          HAVING count(*) >= {int(settings.min_size)}
        ),
        named AS (
          SELECT group_key,
                 'NW-' || lpad((row_number() OVER (ORDER BY risk DESC, first))::VARCHAR, 5, '0')
                   AS network_id
          FROM ordered
        )
        SELECT g.account_id, n.network_id FROM g JOIN named n USING (group_key)
        ORDER BY n.network_id, g.account_id
        """
    )
    con.unregister("_split_groups")


_SPLIT_SCHEMA = pa.schema([("account_id", pa.string()), ("group_key", pa.string())])


def _member_tables(con: Workspace, settings: NetworkSettings) -> None:
    """``network_members`` (account_id) and ``network_links`` (a, b, weight) between them."""
    pull_kinds = ", ".join(sql_string(kind) for kind in settings.pull_in_kinds) or "NULL"
    con.execute(
        f"""
        CREATE OR REPLACE TABLE network_members AS
        SELECT account_id FROM account_scores WHERE flagged
        UNION
        SELECT t.account_id FROM ties t
        JOIN account_scores tied ON tied.account_id = t.other_account_id AND tied.flagged
        JOIN account_scores own ON own.account_id = t.account_id
        WHERE t.kind IN ({pull_kinds}) AND own.risk_score >= {settings.pull_in_floor}
        """
    )
    weight_cases = " ".join(
        f"WHEN {sql_string(kind)} THEN {weight}" for kind, weight in settings.link_weights.items()
    )
    con.execute(
        f"""
        CREATE OR REPLACE TABLE network_links AS
        SELECT least(t.account_id, t.other_account_id) AS a,
               greatest(t.account_id, t.other_account_id) AS b,
               round(sum(CASE t.kind {weight_cases} ELSE 0 END
                   * CASE WHEN t.kind = 'money' THEN 1 + ln(greatest(t.transactions, 1))
                          ELSE 1 END), 9) AS weight
        FROM ties t
        WHERE t.account_id IN (SELECT account_id FROM network_members)
          AND t.other_account_id IN (SELECT account_id FROM network_members)
        GROUP BY least(t.account_id, t.other_account_id),
                 greatest(t.account_id, t.other_account_id)
        HAVING sum(CASE t.kind {weight_cases} ELSE 0 END) > 0
        """
    )


def _component_graph(con: Workspace, component: str) -> MemberGraph:
    """One component's members and links, brought to this machine."""
    accounts = [
        str(row[0])
        for row in con.execute(
            "SELECT node FROM network_components WHERE component = ? ORDER BY node", [component]
        ).fetchall()
    ]
    index = {account: i for i, account in enumerate(accounts)}
    links = con.execute(
        "SELECT l.a, l.b, l.weight FROM network_links l "
        "JOIN network_components c ON c.node = l.a WHERE c.component = ? ORDER BY l.a, l.b",
        [component],
    ).fetchall()
    return MemberGraph(
        accounts, [(index[a], index[b]) for a, b, _ in links], [float(w) for _, _, w in links]
    )


def _split(graph: MemberGraph, settings: NetworkSettings) -> list[list[int]]:
    """A large component's Leiden communities, or the whole component when the split is not
    clear (modularity below ``split_modularity``)."""
    members = list(range(len(graph.accounts)))
    sub = igraph.Graph(n=len(graph.accounts), edges=graph.edges)
    sub.es["weight"] = graph.weights
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
