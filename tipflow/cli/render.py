"""The readable summary of a reader run: tables, quarantine reasons, warnings, the dataset."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from tipflow.ingest import IngestReport

TOP_VALUES = 8


def render_ingest_report(console: Console, report: IngestReport, outputs: str) -> None:
    console.print(f"[bold]Dataset[/bold] {report.dataset}")
    console.print(_tables(report))
    reasons = _reasons(report)
    if reasons.row_count:
        console.print(reasons)
    warnings = _warnings(report)
    if warnings.row_count:
        console.print(warnings)
    _extra_columns(console, report)
    _summary(console, report)
    status = "[green]ok[/green]" if report.status == "ok" else "[red]failed[/red]"
    console.print(f"Status {status}; written to {outputs}")


def _tables(report: IngestReport) -> Table:
    table = Table(title="Rows per table", title_justify="left")
    for header in ("table", "format", "read", "accepted", "quarantined", "share"):
        table.add_column(
            header,
            justify="right" if header in ("read", "accepted", "quarantined", "share") else "left",
        )
    for row in report.tables.values():
        share = f"{row.quarantined / row.read:.2%}" if row.read else "-"
        table.add_row(
            row.table,
            row.format or "[dim]absent[/dim]",
            f"{row.read:,}",
            f"{row.accepted:,}",
            f"[red]{row.quarantined:,}[/red]" if row.quarantined else "0",
            share,
        )
    if report.totals:
        totals = report.totals
        table.add_row(
            "[bold]all[/bold]",
            "",
            f"{totals.read:,}",
            f"{totals.accepted:,}",
            f"{totals.quarantined:,}",
            f"{totals.quarantined_share:.2%}",
        )
    return table


def _reasons(report: IngestReport) -> Table:
    rows = [
        (t.table, reason, n)
        for t in report.tables.values()
        for reason, n in t.quarantine_reasons.items()
    ]
    return _counted("Quarantine reasons", "reason", rows)


def _warnings(report: IngestReport) -> Table:
    rows = [
        (t.table, warning, n) for t in report.tables.values() for warning, n in t.warnings.items()
    ]
    return _counted("Warnings (rows accepted, values kept)", "warning", rows)


def _counted(title: str, what: str, rows: list[tuple[str, str, int]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("table", no_wrap=True)
    table.add_column(what)
    table.add_column("rows", justify="right", no_wrap=True)
    for name, text, count in rows:
        table.add_row(name, text, f"{count:,}")
    return table


def _extra_columns(console: Console, report: IngestReport) -> None:
    for table in report.tables.values():
        if table.extra_columns:
            kept = ", ".join(table.extra_columns)
            console.print(f"[bold]Extra columns[/bold] {table.table}: {kept} (kept, not used)")


def _summary(console: Console, report: IngestReport) -> None:
    summary = report.summary
    if summary.first_transaction:
        console.print(
            f"[bold]Transactions[/bold] {summary.first_transaction} to {summary.last_transaction}"
            f" ({summary.days} days, local time)"
        )
    for label, counts in (
        ("Institutions (accounts)", summary.institutions),
        ("Channels (transactions)", summary.channels),
        ("Currencies (transactions)", summary.currencies),
        ("Parties", summary.party_types),
    ):
        if counts:
            console.print(f"[bold]{label}[/bold] {_top(counts)}")


def _top(counts: dict[str, int]) -> str:
    items = list(counts.items())
    shown = ", ".join(f"{key} {value:,}" for key, value in items[:TOP_VALUES])
    return shown + (f", and {len(items) - TOP_VALUES} more" if len(items) > TOP_VALUES else "")
