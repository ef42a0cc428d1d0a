"""A picture of one network (SVG and PNG) from :func:`tipflow.network.subgraph.network_graph`.

Accounts are circles coloured by role and sized by risk (flagged ones ringed in black);
outside parties are grey squares. Money is a solid arrow, thicker for more money; ties are
dashed lines coloured by kind. The layout is igraph's Fruchterman-Reingold with a fixed seed,
so the same network gives the same picture. Drawn with Matplotlib's non-interactive Agg
backend: no screen needed.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import igraph
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from tipflow.network.communities import seeded_igraph

ROLE_COLOURS = {
    "controller": "#c0392b",
    "victim": "#2e86c1",
    "front_business": "#8e44ad",
    "facilitator": "#d68910",
    "funnel": "#16a085",
}
TIE_COLOURS = {
    "same_holder": "#34495e",
    "control": "#c0392b",
    "owner": "#943126",
    "device": "#7d3c98",
    "identifier": "#1e8449",
    "common_beneficiary": "#b9770e",
}
OUTSIDE_COLOUR = "#aab7b8"


def draw_network(graph: dict[str, Any], out: Path, seed: int = 7) -> list[Path]:
    """Write ``out.svg`` and ``out.png``; return their paths."""
    nodes, edges = graph["nodes"], graph["edges"]
    index = {node["id"]: i for i, node in enumerate(nodes)}
    layout_graph = igraph.Graph(
        n=len(nodes), edges=[(index[e["source"]], index[e["target"]]) for e in edges]
    )
    with seeded_igraph(seed):
        coords = layout_graph.layout_fruchterman_reingold(niter=1000) if nodes else []
    xy = [tuple(point) for point in coords]
    figure, axes = plt.subplots(figsize=(11, 8), dpi=110)
    _draw_edges(axes, edges, index, xy)
    _draw_nodes(axes, nodes, xy)
    network = graph["network"]
    axes.set_title(
        f"{network['network_id']}: {network['size']} accounts, "
        f"{str(network.get('crime') or 'no crime named').replace('_', ' ')}, "
        f"risk {float(network['risk_score']):.2f}",
        fontsize=12,
    )
    _legend(axes)
    axes.set_axis_off()
    figure.tight_layout()
    paths = [out.with_suffix(".svg"), out.with_suffix(".png")]
    for path in paths:
        figure.savefig(path, metadata={"Date": None} if path.suffix == ".svg" else None)
    plt.close(figure)
    return paths


def _draw_edges(
    axes: Any, edges: list[dict[str, Any]], index: dict[str, int], xy: list[Any]
) -> None:
    largest = max((float(e.get("total") or 0) for e in edges), default=1.0) or 1.0
    for edge in edges:
        (x0, y0), (x1, y1) = xy[index[edge["source"]]], xy[index[edge["target"]]]
        if edge["kind"] == "money":
            width = 0.6 + 3.0 * math.log1p(float(edge["total"])) / math.log1p(largest)
            axes.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                arrowprops={"arrowstyle": "-|>", "lw": width, "color": "#5d6d7e", "alpha": 0.6,
                            "shrinkA": 9, "shrinkB": 9},
            )  # fmt: skip
        else:
            axes.plot(
                [x0, x1], [y0, y1], linestyle="--", linewidth=1.2, alpha=0.8,
                color=TIE_COLOURS.get(edge["kind"], "#7f8c8d"),
            )  # fmt: skip


def _draw_nodes(axes: Any, nodes: list[dict[str, Any]], xy: list[Any]) -> None:
    for node, (x, y) in zip(nodes, xy, strict=True):
        if node["kind"] == "outside":
            axes.scatter([x], [y], s=120, marker="s", color=OUTSIDE_COLOUR, zorder=3)
            label = str(node.get("label") or "")[:22]
            if node.get("country"):
                label += f" ({node['country']})"
        else:
            size = 160 + 700 * float(node.get("risk_score") or 0)
            colour = ROLE_COLOURS.get(str(node.get("role")), "#95a5a6")
            edge = "black" if node.get("flagged") else "white"
            axes.scatter([x], [y], s=size, color=colour, edgecolors=edge, linewidths=1.5, zorder=4)
            label = f"{node['id']}\n{str(node.get('role') or '').replace('_', ' ')}"
        axes.annotate(label, (x, y), textcoords="offset points", xytext=(0, -16), ha="center",
                      va="top", fontsize=6.5, zorder=5)  # fmt: skip


def _legend(axes: Any) -> None:
    handles = [
        Line2D([], [], marker="o", linestyle="", color=colour, label=role.replace("_", " "))
        for role, colour in ROLE_COLOURS.items()
    ]
    handles.append(
        Line2D([], [], marker="s", linestyle="", color=OUTSIDE_COLOUR, label="outside party")
    )
    handles.append(Line2D([], [], color="#5d6d7e", label="money"))
    handles += [
        Line2D([], [], color=colour, linestyle="--", label=kind.replace("_", " "))
        for kind, colour in TIE_COLOURS.items()
    ]
    axes.legend(handles=handles, loc="lower left", fontsize=7, frameon=False, ncol=2)
