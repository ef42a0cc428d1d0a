"""Terminal views of screening results, explanations and evaluations (Rich)."""

from __future__ import annotations

import csv
from typing import Any

from rich.console import Console
from rich.table import Table

from tipflow.detect.explain import Explanation
from tipflow.detect.screen import ScreenSummary

TOP_ALERTS = 10
_REVIEW_COUNTS = ("alerts", "reviewed", "confirmed", "false_positives", "other")


def render_screen(console: Console, summary: ScreenSummary) -> None:
    run = summary.run
    tables = run["tables"]
    quarantined = sum(t["quarantined"] for t in tables.values())
    console.print(
        f"Screened {run['accounts']:,} accounts ({tables['transactions']['accepted']:,} "
        f"transactions; {quarantined:,} rows quarantined): "
        f"[bold]{run['flagged_accounts']:,} flagged[/bold], {run['evidence_rows']:,} evidence rows."
    )
    table = Table(title="Top alerts", title_justify="left")
    for column in ("rank", "account", "risk", "crime", "role", "indicators"):
        table.add_column(column)
    with (summary.out / "accounts.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["flagged"] != "true" or int(row["rank"]) > TOP_ALERTS:
                break
            table.add_row(
                row["rank"],
                row["account_id"],
                f"{float(row['risk_score']):.2f}",
                row["crime"],
                row["role"],
                row["indicators"].replace(";", " "),
            )
    console.print(table)
    seconds = ", ".join(f"{k} {v:.1f} s" for k, v in run["stage_seconds"].items())
    console.print(f"Results in {summary.out} ({seconds})")


def render_explanation(console: Console, explanation: Explanation) -> None:
    account = explanation.account
    verdict = "[bold red]flagged[/bold red]" if account["flagged"] == "true" else "not flagged"
    console.print(
        f"[bold]{account['account_id']}[/bold] ({account['institution_id']}): risk "
        f"{float(account['risk_score']):.2f}, rank {account['rank']}, {verdict}"
    )
    if account.get("crime"):
        console.print(f"Points to {account['crime']} as {account['role']}.")
    console.print(account.get("explanation") or "No indicator fired on this account.")
    for item in explanation.evidence:
        console.print(
            f"\n[bold]{item.indicator_id}[/bold] {item.name}: value {item.value:,.2f} "
            f"against threshold {item.threshold:,.2f}"
        )
        console.print(f"  {item.detail}")
        if item.transactions:
            table = Table(show_edge=False, pad_edge=False)
            for column in item.transactions[0]:
                table.add_column(column)
            for transaction in item.transactions:
                table.add_row(*("" if v is None else str(v) for v in transaction.values()))
            console.print(table)
        if len(item.transaction_ids) > len(item.transactions):
            console.print(f"  ({len(item.transaction_ids)} transactions in the evidence)")


def render_evaluation(console: Console, metrics: dict[str, Any]) -> None:
    accounts = metrics["accounts"]
    console.print(
        f"Accounts: precision {_pct(accounts['precision'])}, recall {_pct(accounts['recall'])}, "
        f"F1 {accounts['f1']:.3f}, average precision {accounts['average_precision'] or 0:.3f}, "
        f"false-positive rate {_pct(accounts['false_positive_rate'])} "
        f"({accounts['flagged']} flagged, {accounts['involved']} involved)"
    )
    for title, key, label in (
        ("Recall by typology", "recall_by_typology", "recall"),
        ("Recall by crime", "recall_by_crime", "recall"),
        ("Look-alikes flagged", "false_positive_rate_by_lookalike", "flagged share"),
    ):
        table = Table(title=title, title_justify="left")
        for column in ("", "accounts", "flagged", label):
            table.add_column(column)
        for name, row in metrics[key].items():
            table.add_row(name, str(row["accounts"]), str(row["flagged"]), _pct(row["share"]))
        console.print(table)
    networks = metrics["networks"]
    console.print(
        f"Networks: {networks['found']} of {networks['networks']} have a flagged member "
        f"(mean member recall {_pct(networks['mean_member_recall'])}), "
        f"{_pct(networks['found_whole'])} found whole; crime right on "
        f"{_pct(metrics['attribution']['crime_accuracy'])}, role right on "
        f"{_pct(metrics['attribution']['role_accuracy'])} of true alerts."
    )


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def render_reviews(console: Console, reviews: dict[str, Any]) -> None:
    """The analysts' closures (``tipflow evaluate --reviews``)."""
    console.print(
        f"Reviews: {reviews['reviewed']} of {reviews['alerts']} alerts closed "
        f"({reviews['confirmed']} confirmed, {reviews['false_positives']} false positives, "
        f"{reviews['other']} other): precision {_pct(reviews['precision'])} among reviewed; "
        f"{reviews['open']} open, {reviews['escalated']} escalated."
    )
    for title, key in (("Reviews by crime", "by_crime"), ("Reviews by typology", "by_typology")):
        table = Table(title=title, title_justify="left")
        for column in ("", *_REVIEW_COUNTS, "precision"):
            table.add_column(column.replace("_", " "))
        for name, row in reviews[key].items():
            counts = [str(row[column]) for column in _REVIEW_COUNTS]
            table.add_row(row.get("name", name), *counts, _pct(row["precision"]))
        console.print(table)
    truth = reviews.get("truth")
    if truth:
        console.print(
            f"Against the truth: {truth['contradicted']} of {truth['judged']} closures "
            f"contradicted ({truth['confirmed_not_involved']} confirmed but not involved, "
            f"{truth['dismissed_involved']} dismissed but involved); agreement "
            f"{_pct(truth['agreement'])}."
        )
