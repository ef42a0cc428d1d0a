"""The network picture of a case page, drawn like ``tipflow network`` draws one.

A network case uses :func:`tipflow.network.subgraph.network_graph` as it is. A lone account
gets an equivalent graph built from its evidence transactions: the account and the
counterparties its money went to or came from. Both are drawn with the node and edge painters
of :mod:`tipflow.network.picture`, so the two kinds of case look alike. The adapter differs
from ``draw_network`` in what a page needs: the legend sits beside the picture (not over its
nodes) and lists only what the picture shows, there is no title (the page has one), only an
SVG is written, and the SVG is byte-identical run to run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import igraph
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from tipflow.network.communities import seeded_igraph
from tipflow.network.picture import (
    OUTSIDE_COLOUR,
    ROLE_COLOURS,
    TIE_COLOURS,
    _draw_edges,
    _draw_nodes,
)
from tipflow.network.subgraph import OUTSIDE_SHOWN, network_graph
from tipflow.report.cases import Case, CaseAccount, CaseTransaction
from tipflow.report.html.labels import plain
from tipflow.report.html.svg import picture_style, save_svg

LAYOUT_SEED = 7
# What draw_network paints an account without a known role, and a tie of another kind.
UNKNOWN_ROLE_COLOUR = "#95a5a6"
OTHER_TIE_COLOUR = "#7f8c8d"


def case_graph(case: Case, results: Path) -> dict[str, Any]:
    """The case as ``{"nodes": [...], "edges": [...]}`` in ``network_graph``'s form."""
    if case.network_id is not None:
        return canonical(network_graph(results, case.network_id))
    return lone_account_graph(case)


def canonical(graph: dict[str, Any]) -> dict[str, Any]:
    """The graph with its outside parties and edges in a fixed order: ``network_graph`` lists
    an account's flows in and out of one outside party in either order, and the layout (and
    so the picture's bytes) follows the order it is given."""
    accounts = [n for n in graph["nodes"] if n["kind"] != "outside"]
    outside = sorted((n for n in graph["nodes"] if n["kind"] == "outside"), key=lambda n: n["id"])
    edges = sorted(graph["edges"], key=lambda e: (e["kind"], e["source"], e["target"]))
    return {**graph, "nodes": [*accounts, *outside], "edges": edges}


def lone_account_graph(case: Case) -> dict[str, Any]:
    """One account and the ``OUTSIDE_SHOWN`` counterparties with the most money in its
    evidence, one money edge per counterparty and direction."""
    nodes: list[dict[str, Any]] = [_account_node(case, a) for a in case.accounts]
    own = {a.account_id for a in case.accounts}
    flows: dict[tuple[str, str, str], dict[str, Any]] = {}  # (node, direction, account)
    labels: dict[str, tuple[str, str | None]] = {}
    for tx in case.transactions:
        if tx.from_account_id in own and tx.to_account_id not in own:
            account, direction, other = tx.from_account_id, "out", tx.to_account_id
        elif tx.to_account_id in own and tx.from_account_id not in own:
            account, direction, other = tx.to_account_id, "in", tx.from_account_id
        else:
            continue  # between the case's own accounts, or touching none of them
        key, label = _counterparty(tx, other)
        labels.setdefault(key, (label, tx.counterparty_country))
        flow = flows.setdefault(
            (key, direction, str(account)),
            {"transactions": 0, "total": 0.0, "days": []},
        )
        flow["transactions"] += 1
        flow["total"] += float(tx.base_amount if tx.base_amount is not None else tx.amount)
        flow["days"].append(tx.timestamp.date().isoformat())
    money_of: dict[str, float] = {}
    for (key, _, _), flow in flows.items():
        money_of[key] = money_of.get(key, 0.0) + flow["total"]
    shown = sorted(money_of, key=lambda k: (-money_of[k], k))[:OUTSIDE_SHOWN]
    for key in sorted(shown):
        label, country = labels[key]
        nodes.append({"id": key, "kind": "outside", "label": label, "country": country})
    edges = []
    for (key, direction, account), flow in sorted(flows.items()):
        if key not in shown:
            continue
        edges.append(
            {
                "source": account if direction == "out" else key,
                "target": key if direction == "out" else account,
                "kind": "money",
                "transactions": flow["transactions"],
                "total": round(flow["total"], 2),
                "first_day": min(flow["days"]),
                "last_day": max(flow["days"]),
            }
        )
    return {"nodes": nodes, "edges": edges}


def _account_node(case: Case, account: CaseAccount) -> dict[str, Any]:
    holder = case.party(account.holder_party_id)
    return {
        "id": account.account_id,
        "kind": "account",
        "institution": account.institution_id,
        "party_id": account.holder_party_id,
        "holder": holder.name if holder else None,
        "account_type": account.account_type,
        "risk_score": account.risk_score,
        "flagged": account.flagged,
        "crime": account.crime,
        "role": account.role,
        "typologies": ";".join(account.typologies),
        "indicators": ";".join(account.indicators),
    }


def _counterparty(tx: CaseTransaction, other_account: str | None) -> tuple[str, str]:
    """A node id and a label for the other side of a transaction, as specific as it allows."""
    label = (
        other_account
        or tx.counterparty_name
        or tx.counterparty_account
        or tx.merchant_name
        or plain(tx.channel)
    )
    key = other_account or tx.counterparty_account or label.casefold()
    return "outside:" + key, label


def draw_case_network(graph: dict[str, Any], out: Path) -> None:
    """Write the graph's picture to ``out`` (an SVG file)."""
    nodes, edges = graph["nodes"], graph["edges"]
    index = {node["id"]: i for i, node in enumerate(nodes)}
    layout_graph = igraph.Graph(
        n=len(nodes), edges=[(index[e["source"]], index[e["target"]]) for e in edges]
    )
    with seeded_igraph(LAYOUT_SEED):
        coords = layout_graph.layout_fruchterman_reingold(niter=1000) if nodes else []
    xy = [tuple(point) for point in coords]
    # Big networks get a bigger canvas so that their labels have room.
    width = 10.0 if len(nodes) <= 16 else 13.0
    with picture_style():
        figure, axes = plt.subplots(figsize=(width, width * 0.62))
        # Fixed margins, the legend in the right-hand strip (a layout engine costs more time).
        figure.subplots_adjust(left=0.01, right=0.8, top=0.99, bottom=0.01)
        _draw_edges(axes, edges, index, xy)
        _draw_nodes(axes, nodes, xy)
        axes.set_axis_off()
        axes.margins(0.08)
        figure.legend(
            handles=_legend_handles(nodes, edges),
            loc="upper left",
            bbox_to_anchor=(0.81, 0.98),
            fontsize=8,
            frameon=False,
        )
        save_svg(figure, out)
        plt.close(figure)


def _legend_handles(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[Line2D]:
    roles = {str(n.get("role")) for n in nodes if n["kind"] != "outside"}
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, color=colour,
               label=f"account: {plain(role)}")
        for role, colour in ROLE_COLOURS.items() if role in roles
    ]  # fmt: skip
    if roles - set(ROLE_COLOURS):
        handles.append(
            Line2D([], [], marker="o", linestyle="", markersize=8, color=UNKNOWN_ROLE_COLOUR,
                   label="account: other role")
        )  # fmt: skip
    handles.append(
        Line2D([], [], marker="o", linestyle="", markersize=8, color="white",
               markeredgecolor="black", markeredgewidth=1.5, label="flagged (black ring)")
    )  # fmt: skip
    if any(n["kind"] == "outside" for n in nodes):
        handles.append(
            Line2D([], [], marker="s", linestyle="", markersize=8, color=OUTSIDE_COLOUR,
                   label="outside party")
        )  # fmt: skip
    kinds = {e["kind"] for e in edges}
    if "money" in kinds:
        handles.append(Line2D([], [], color="#5d6d7e", lw=2, label="money (thicker: more)"))
    ties = sorted(kinds - {"money"}, key=lambda k: (k not in TIE_COLOURS, _tie_order(k), k))
    handles += [
        Line2D([], [], color=TIE_COLOURS.get(kind, OTHER_TIE_COLOUR), linestyle="--",
               label=f"tie: {plain(kind)}")
        for kind in ties
    ]  # fmt: skip
    return handles


def _tie_order(kind: str) -> int:
    return list(TIE_COLOURS).index(kind) if kind in TIE_COLOURS else 0
