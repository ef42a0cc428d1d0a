"""Where the CLI writes: readable output on stdout, progress and errors on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console

#: Exit status when the run could not finish (unreadable dataset, too much quarantined).
EXIT_FAILED = 1


def stdout_console() -> Console:
    return Console(highlight=False)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2) + "\n")


def fail(message: str) -> NoReturn:
    """One clear line on standard error, and a non-zero exit."""
    stderr_console().print(f"[bold red]error:[/bold red] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(EXIT_FAILED)
