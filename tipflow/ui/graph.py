"""A network as Cytoscape.js elements, in the colours of ``tipflow network``'s pictures.

The browser gets ready-made data (colour, label, size, link), so the page's script only lays
the graph out and handles clicks: what an account looks like is decided in one place, here,
with the same colours as the static pictures in the case reports.
"""

from __future__ import annotations

from typing import Any

from tipflow.network.picture import OUTSIDE_COLOUR, ROLE_COLOURS, TIE_COLOURS
from tipflow.report.html.labels import money, plain
from tipflow.report.html.network_picture import OTHER_TIE_COLOUR, UNKNOWN_ROLE_COLOUR
from tipflow.ui.rendering import path_part

LABEL_LIMIT = 40  # an outside party's name can be a whole sentence of bank text


def cytoscape_elements(graph: dict[str, Any], base: str) -> dict[str, list[dict[str, Any]]]:
    """``{"nodes": [...], "edges": [...]}`` in Cytoscape's element form (``{"data": ...}``);
    accounts link to their page under ``base``."""
    nodes = [_node(node, base) for node in graph["nodes"]]
    edges = [_edge(index, edge) for index, edge in enumerate(graph["edges"])]
    return {"nodes": nodes, "edges": edges}


def _node(node: dict[str, Any], base: str) -> dict[str, Any]:
    if node["kind"] == "outside":
        return {
            "data": {
                "id": node["id"],
                "kind": "outside",
                "label": str(node.get("label") or "outside party")[:LABEL_LIMIT],
                "colour": OUTSIDE_COLOUR,
                "size": 18,
            }
        }
    risk = float(node.get("risk_score") or 0.0)
    role = node.get("role")
    return {
        "data": {
            "id": node["id"],
            "kind": "account",
            "label": node["id"],
            "holder": str(node.get("holder") or ""),
            "role": plain(role),
            "colour": ROLE_COLOURS.get(str(role), UNKNOWN_ROLE_COLOUR),
            "flagged": bool(node.get("flagged")),
            "risk": round(risk, 2),
            "size": round(22 + 26 * risk, 1),  # riskier accounts are bigger, as in the picture
            "href": f"{base}/accounts/{path_part(node['id'])}",
        }
    }


def _edge(index: int, edge: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"e{index}",
        "source": edge["source"],
        "target": edge["target"],
        "kind": edge["kind"],
    }
    if edge["kind"] == "money":
        count = int(edge.get("transactions") or 0)
        data |= {
            "label": f"{money(edge.get('total'))} ({count} tx)",
            "colour": "#5d6d7e",
            "total": float(edge.get("total") or 0.0),
        }
    else:  # a shared attribute or control: drawn dashed, coloured by kind
        data |= {
            "label": plain(edge["kind"]),
            "colour": TIE_COLOURS.get(edge["kind"], OTHER_TIE_COLOUR),
        }
    return {"data": data}


def legend(graph: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(shape, colour, words)`` for what the graph shows, in reading order."""
    roles = {str(n.get("role")) for n in graph["nodes"] if n["kind"] == "account"}
    rows = [("circle", c, f"account: {plain(r)}") for r, c in ROLE_COLOURS.items() if r in roles]
    if roles - set(ROLE_COLOURS):
        rows.append(("circle", UNKNOWN_ROLE_COLOUR, "account: other role"))
    rows.append(("ring", "#000000", "flagged (black ring)"))
    if any(n["kind"] == "outside" for n in graph["nodes"]):
        rows.append(("square", OUTSIDE_COLOUR, "outside party"))
    kinds = {e["kind"] for e in graph["edges"]}
    if "money" in kinds:
        rows.append(("arrow", "#5d6d7e", "money (label: total and transactions)"))
    rows += [
        ("dashed", TIE_COLOURS.get(k, OTHER_TIE_COLOUR), f"shared: {plain(k)}")
        for k in sorted(kinds - {"money"})
    ]
    return rows
