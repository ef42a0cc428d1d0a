"""``tipflow ui``: the analyst's web interface over one results folder, on this machine."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from tipflow.cli.output import fail, stderr_console, stdout_console
from tipflow.errors import TipflowError

LOOPBACK = ("127.0.0.1", "localhost")
ANY_INTERFACE = ("0.0.0.0", "::")


def ui(
    results: Annotated[
        Path, typer.Argument(help="A results folder written by tipflow screen.", show_default=False)
    ],
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8760,
    host: Annotated[
        str, typer.Option("--host", help="Interface to listen on (this machine only by default).")
    ] = "127.0.0.1",
    analyst: Annotated[
        str | None,
        typer.Option("--analyst", help="Who the case actions are recorded for [default: login]."),
    ] = None,
    fiu_profile: Annotated[
        Path | None,
        typer.Option("--fiu-profile", help="An FIU profile (YAML) for the STRs (docs/goaml.md)."),
    ] = None,
    action_log: Annotated[
        Path | None,
        typer.Option(
            "--action-log",
            help="Where case actions are kept [default: RESULTS/ui/case_actions.sqlite3].",
        ),
    ] = None,
) -> None:
    """Serve the alert queue, accounts, networks and case actions at http://HOST:PORT/.

    Case actions (assign, comment, escalate, close) are kept in an append-only SQLite log.
    """
    import uvicorn

    from tipflow.ui.app import LOCAL_HOSTS, create_ui_app

    # Opened to the network on purpose: any name may reach it. Otherwise only this machine's.
    hosts = ["*"] if host in ANY_INTERFACE else [*LOCAL_HOSTS, host]
    try:
        app = create_ui_app(
            results,
            analyst=analyst or _login(),
            fiu_profile=fiu_profile,
            action_log=action_log,
            hosts=hosts,
        )
    except TipflowError as exc:
        fail(str(exc))
    if host not in LOOPBACK:
        stderr_console().print(
            f"[bold yellow]warning:[/bold yellow] listening on {host}: other machines can reach "
            "these pages, which hold personal data of possible victims."
        )
    shown = f"[{host}]" if ":" in host else host
    stdout_console().print(f"tipflow ui: http://{shown}:{port}/  (Ctrl+C to stop)")
    # access_log off: request lines name account ids, and nothing of a case belongs in logs.
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container
        return "analyst"


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Report")(ui)
