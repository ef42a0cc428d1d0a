"""``tipflow share``: partnership keys, tokens, linkage, and splitting a simulated world."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tipflow.cli.output import fail, print_json, stdout_console
from tipflow.errors import TipflowError

share_app = typer.Typer(
    help="Pseudonymised sharing: tokens an institution computes, linked across institutions."
)


@share_app.command("keygen")
def keygen(
    key_file: Annotated[Path, typer.Argument(help="Where to write the key.", show_default=False)],
) -> None:
    """Write a new partnership key (32 random bytes, readable by its owner only)."""
    from tipflow.share.keys import generate_key, key_fingerprint

    try:
        path = generate_key(key_file)
    except TipflowError as exc:
        fail(str(exc))
    fingerprint = key_fingerprint(path.read_bytes())
    stdout_console().print(
        f"Key written to [bold]{path}[/bold] (fingerprint {fingerprint[:16]}…). Give it to "
        "partnership members over a secure channel only; never to the hub."
    )


@share_app.command("tokens")
def tokens(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder.", show_default=False)],
    key_file: Annotated[
        Path, typer.Option("--key-file", help="The partnership key.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The token folder to write.", show_default=False)
    ],
    flagged_from: Annotated[
        Path | None,
        typer.Option(
            "--flagged-from",
            help="A results folder of tipflow screen: mark the accounts it flagged.",
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Tokenise DATASET: OUT/tokens.parquet and OUT/manifest.json may be shared;
    OUT/local/ (the lookup back to accounts) must never leave the institution."""
    from tipflow.share.keys import read_key
    from tipflow.share.tokens import make_tokens

    try:
        flagged = _flagged_accounts(flagged_from) if flagged_from else set()
        summary = make_tokens(dataset, read_key(key_file), out, flagged=flagged)
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        print_json(
            {
                "out": str(out),
                "records": summary.records,
                "counts": summary.counts,
                "key_fingerprint": summary.key_fingerprint,
            }
        )
        return
    table = Table("kind", "tokens")
    for kind, count in summary.counts.items():
        table.add_row(kind, f"{count:,}")
    console = stdout_console()
    console.print(table)
    console.print(
        f"{summary.records:,} records of {', '.join(summary.institutions)} in [bold]{out}[/bold]; "
        f"share tokens.parquet and manifest.json only, never {out / 'local'}."
    )


@share_app.command("targets")
def targets(
    targets_csv: Annotated[
        Path,
        typer.Argument(
            help="CSV: kind,value (and optionally country, postal_code, city).",
            show_default=False,
        ),
    ],
    key_file: Annotated[
        Path, typer.Option("--key-file", help="The partnership key.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The JSON file to write.", show_default=False)
    ],
    default_region: Annotated[
        str | None,
        typer.Option(
            "--default-region",
            help="Country (ISO alpha-2) of national phone numbers on rows without a country.",
            show_default=False,
        ),
    ] = None,
    body: Annotated[
        str,
        typer.Option(
            "--as", help="The hub body: tactical (fills targets) or ngo (fills identifiers)."
        ),
    ] = "tactical",
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Pseudonymise the targets of a tactical request or an NGO data point, exactly as
    members tokenise their own identifiers: OUT holds key_fingerprint and the pseudonyms."""
    from tipflow.share.keys import read_key
    from tipflow.share.targets import make_targets, write_targets

    try:
        result = make_targets(
            targets_csv, read_key(key_file), default_region=default_region, body=body
        )
        write_targets(result, out)
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        print_json(
            {
                "out": str(out),
                "lines": result.lines,
                "targets": len(result.targets),
                "counts": result.counts(),
                "key_fingerprint": result.key_fingerprint,
            }
        )
        return
    stdout_console().print(
        f"{len(result.targets)} distinct targets from {result.lines} lines ("
        + ", ".join(f"{kind} {count}" for kind, count in result.counts().items())
        + f") written to [bold]{out}[/bold] under key {result.key_fingerprint[:16]}…; "
        "it holds pseudonyms only."
    )


@share_app.command("link")
def link(
    token_dirs: Annotated[
        list[Path], typer.Argument(help="Token folders of the institutions.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for links and networks.", show_default=False)
    ],
    max_shared: Annotated[
        int,
        typer.Option("--max-shared", min=2, help="A token shared by more records ties nobody."),
    ] = 8,
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Link token folders: OUT/links.csv (ties), OUT/networks.csv and OUT/networks.json
    (cross-institution networks), pseudonyms only."""
    from tipflow.share.link_output import summary_document, write_link_result
    from tipflow.share.linkage import link_tokens

    try:
        result = link_tokens(token_dirs, max_shared=max_shared)
        paths = write_link_result(result, out)
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        document = summary_document(result)
        document["files"] = {name: str(path) for name, path in paths.items()}
        print_json(document)
        return
    stdout_console().print(
        f"{len(result.networks)} cross-institution networks from {result.records:,} records of "
        f"{len(result.institutions)} institutions ({len(result.ties):,} ties; "
        f"{result.hub_like_tokens:,} hub-like tokens ignored); written to [bold]{out}[/bold]"
    )


@share_app.command("split")
def split(
    dataset: Annotated[
        Path, typer.Argument(help="A multi-institution dataset.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for one dataset per institution.")
    ],
) -> None:
    """Split a dataset (as tipflow simulate writes) into the dataset each institution holds."""
    from tipflow.simulate.split import split_by_institution

    try:
        parts = split_by_institution(dataset, out)
    except TipflowError as exc:
        fail(str(exc))
    stdout_console().print(
        f"{len(parts)} institutions: " + ", ".join(f"{name} → {p}" for name, p in parts.items())
    )


@share_app.command("push")
def push(
    tokens_dir: Annotated[
        Path,
        typer.Argument(help="A token folder (tipflow share tokens --out).", show_default=False),
    ],
    hub: Annotated[str, typer.Option("--hub", help="The hub's URL.", show_default=False)],
    token: Annotated[
        str,
        typer.Option(
            "--token",
            envvar="TIPFLOW_HUB_TOKEN",
            help="An API token of the hub.",
            show_default=False,
        ),
    ],
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds.")] = 120.0,
) -> None:
    """Upload TOKENS_DIR/tokens.parquet and its manifest's fields to the hub; never local/."""
    from tipflow.cli.share_push import PushRefused, push_tokens

    try:
        outcome = push_tokens(tokens_dir, hub, token, timeout=timeout)
    except (PushRefused, TipflowError) as exc:
        fail(str(exc))
    stdout_console().print(outcome)


def _flagged_accounts(results: Path) -> set[str]:
    import csv

    from tipflow.errors import DatasetError

    path = results / "accounts.csv"
    if not path.exists():
        raise DatasetError(results, "not a results folder of tipflow screen (no accounts.csv)")
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["account_id"] for row in csv.DictReader(handle) if row["flagged"] == "true"}


def register(app: typer.Typer) -> None:
    app.add_typer(share_app, name="share", rich_help_panel="Share")
