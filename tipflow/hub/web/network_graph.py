"""A cross-institution network as Cytoscape.js elements, for the page network.js draws.

The hub holds pseudonyms only: a node is a record (an institution's account, by its record
id), coloured by the institution that holds it and ringed in black when that institution's
screening flagged it; an edge is a tie, dashed, coloured by what the two records share. The
same element form as the local interface's graphs (``tipflow.ui.graph``), so one script draws
both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tipflow.report.html.labels import plain
from tipflow.share.linkage import CrossNetwork, Node, Tie

#: Okabe and Ito's colour-blind-safe palette, one colour per institution of a network.
INSTITUTION_COLOURS = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999",
)  # fmt: skip
TOKEN_TIE_COLOURS = {
    "phone": "#1e8449",
    "email": "#7d3c98",
    "address": "#b9770e",
    "device": "#943126",
    "ip": "#34495e",
    "money": "#1f4e79",
    "shared_counterparty": "#7f8c8d",
}
OTHER_TIE_COLOUR = "#7f8c8d"
RECORD_LABEL = 10  # characters of a 32-hex record id: enough to tell the nodes apart


def node_id(node: Node) -> str:
    return f"{node[0]}:{node[1]}"


def institution_colours(network: CrossNetwork) -> dict[str, str]:
    return {
        institution: INSTITUTION_COLOURS[i % len(INSTITUTION_COLOURS)]
        for i, institution in enumerate(network.institutions)
    }


def network_elements(
    network: CrossNetwork, ties: Sequence[Tie], flagged: frozenset[Node]
) -> dict[str, list[dict[str, Any]]]:
    """``{"nodes": [...], "edges": [...]}``: the network's records and the ties among them."""
    colours = institution_colours(network)
    members = set(network.members)
    nodes = [
        {
            "data": {
                "id": node_id(member),
                "kind": "record",
                "label": member[1][:RECORD_LABEL],
                "institution": member[0],
                "colour": colours[member[0]],
                "flagged": member in flagged,
                "size": 28,
            }
        }
        for member in network.members
    ]
    edges = [
        {
            "data": {
                "id": f"t{index}",
                "source": node_id(tie.a),
                "target": node_id(tie.b),
                "kind": "shared",  # never "money": a tie has no direction to draw an arrow
                "label": ", ".join(plain(kind) for kind in sorted(tie.kinds)),
                "colour": TOKEN_TIE_COLOURS.get(_main_kind(tie), OTHER_TIE_COLOUR),
            }
        }
        for index, tie in enumerate(t for t in ties if t.a in members and t.b in members)
    ]
    return {"nodes": nodes, "edges": edges}


def network_legend(network: CrossNetwork, ties: Sequence[Tie]) -> list[tuple[str, str, str]]:
    """``(shape, colour, words)`` rows, as ``tipflow.ui.graph.legend`` gives them."""
    rows = [("circle", c, f"record at {i}") for i, c in institution_colours(network).items()]
    rows.append(("ring", "#000000", "flagged by its institution (black ring)"))
    members = set(network.members)
    kinds = {_main_kind(t) for t in ties if t.a in members and t.b in members}
    rows += [
        ("dashed", TOKEN_TIE_COLOURS.get(kind, OTHER_TIE_COLOUR), f"shared: {plain(kind)}")
        for kind in sorted(kinds)
    ]
    return rows


def _main_kind(tie: Tie) -> str:
    """The kind a tie is coloured by: a strong one when it has any (the weak shared
    counterparty only backs others up)."""
    strong = sorted(tie.kinds - {"shared_counterparty"})
    return strong[0] if strong else "shared_counterparty"
