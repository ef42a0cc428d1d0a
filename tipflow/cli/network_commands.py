"""``tipflow network``: one network of a results folder as JSON and as a picture."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tipflow.cli.output import fail, print_json, stdout_console
from tipflow.errors import TipflowError


def network(
    results: Annotated[
        Path, typer.Argument(help="A results folder written by tipflow screen.", show_default=False)
    ],
    network_id: Annotated[
        str, typer.Argument(help="A network_id from networks.csv.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for the JSON and the pictures.")
    ] = Path(),
    json_output: Annotated[bool, typer.Option("--json", help="Print the graph as JSON.")] = False,
) -> None:
    """Export one network: OUT/NETWORK_ID.json (nodes and edges), .svg and .png (a picture)."""
    from tipflow.network.picture import draw_network
    from tipflow.network.subgraph import network_graph

    try:
        graph = network_graph(results, network_id)
    except TipflowError as exc:
        fail(str(exc))
    out.mkdir(parents=True, exist_ok=True)
    stem = out / network_id
    document = json.loads(json.dumps(graph, default=str))  # dates and decimals as text
    stem.with_suffix(".json").write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    pictures = draw_network(graph, stem)
    if json_output:
        print_json(document)
        return
    console = stdout_console()
    console.print(f"[bold]{network_id}[/bold]: {graph['network']['explanation']}")
    table = Table(title_justify="left")
    for column in ("account", "institution", "holder", "role", "risk", "flagged"):
        table.add_column(column, no_wrap=column == "account")
    for node in graph["nodes"]:
        if node["kind"] == "account":
            table.add_row(
                node["id"],
                node["institution"],
                str(node.get("holder") or ""),
                str(node.get("role") or "").replace("_", " "),
                f"{float(node['risk_score']):.3f}",
                "yes" if node["flagged"] else "",
            )
    console.print(table)
    written = ", ".join(str(p) for p in [stem.with_suffix(".json"), *pictures])
    console.print(f"Written: {written}")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Detect")(network)
