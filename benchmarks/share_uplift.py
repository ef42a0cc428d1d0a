"""Benchmark: the collaboration uplift of sharing tokens across institutions.

Run from the repository root:

    .venv/bin/python -m benchmarks.share_uplift --customers 3000 --days 90 --seed 3

1. simulate a world (``tipflow.simulate``) and split it into one dataset per institution, as
   each bank really holds it (``tipflow.simulate.split``);
2. screen every part alone (``screen_dataset``): what each bank finds by itself;
3. tokenise every part under one partnership key, marking the accounts its own screening
   flagged (``make_tokens``), and link the token folders (``link_tokens``) twice: seeded by
   the flags (networks grow from alerted records) and unseeded (every tie);
4. compare with the truth (``truth/accounts.csv``, ``truth/networks.csv``), for the true
   networks whose accounts sit at two or more institutions. Record ids are mapped back through
   each part's *local* lookup here only, the benchmark playing the FIU evaluator.

Prints a Markdown table and writes ``benchmarks/results/share-uplift.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import secrets
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from tipflow.detect.screen import screen_dataset
from tipflow.share.linkage import LinkResult, link_tokens
from tipflow.share.local import read_lookup
from tipflow.share.tokens import make_tokens
from tipflow.simulate import load_world_config, simulate
from tipflow.simulate.split import split_by_institution

RESULTS = Path(__file__).resolve().parent / "results" / "share-uplift.json"


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run(
    customers: int, days: int, seed: int, work: Path, subtlety: float | None = None
) -> dict[str, Any]:
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    world = load_world_config().with_overrides(
        customers=customers, days=days, seed=seed, subtlety=subtlety
    )
    simulate(world, work / "world")
    parts = split_by_institution(work / "world", work / "parts")
    seconds["simulate_split"] = time.perf_counter() - started

    started = time.perf_counter()
    flagged: dict[str, set[str]] = {}
    for institution, part in parts.items():
        screened = screen_dataset(part, work / "screen" / institution)
        flagged[institution] = {
            row["account_id"]
            for row in _csv(screened.out / "accounts.csv")
            if row["flagged"] == "true"
        }
    seconds["screen_parts"] = time.perf_counter() - started

    started = time.perf_counter()
    key = secrets.token_bytes(32)  # one partnership key for every member
    token_dirs = {
        institution: make_tokens(
            part, key, work / "tokens" / institution, flagged=flagged[institution]
        ).out
        for institution, part in parts.items()
    }
    seconds["tokens"] = time.perf_counter() - started
    started = time.perf_counter()
    seeded = link_tokens(list(token_dirs.values()))
    every_tie = link_tokens(list(token_dirs.values()), seed_with_flags=False)
    seconds["link"] = time.perf_counter() - started

    # the FIU evaluator's view: pseudonyms back to accounts, through the local lookups
    account_of: dict[tuple[str, str], str] = {}
    for institution, folder in token_dirs.items():
        for record_id, account_id in read_lookup(folder).items():
            account_of[(institution, record_id)] = account_id
    truth = _truth(work / "world")
    all_flagged = set().union(*flagged.values())
    return {
        "world": {"customers": customers, "days": days, "seed": seed, "subtlety": world.subtlety},
        "institutions": sorted(parts),
        "alone": _alone(truth, work / "parts", all_flagged),
        "seeded": _linked(truth, seeded, account_of),
        "every_tie": _linked(truth, every_tie, account_of),
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
    }


def _truth(world: Path) -> dict[str, Any]:
    institution = {r["account_id"]: r["institution_id"] for r in _csv(world / "accounts.csv")}
    accounts = _csv(world / "truth" / "accounts.csv")
    networks: dict[str, set[str]] = defaultdict(set)
    for row in accounts:
        if row["involved"] == "true" and row["network_id"]:
            networks[row["network_id"]].add(row["account_id"])
    spanning = {
        n: members for n, members in networks.items() if len({institution[a] for a in members}) >= 2
    }
    return {
        "institution": institution,
        "involved": {r["account_id"] for r in accounts if r["involved"] == "true"},
        "lookalike": {r["account_id"] for r in accounts if r["lookalike"] == "true"},
        "networks": networks,
        "spanning": spanning,
    }


def _alone(truth: dict[str, Any], parts: Path, flagged: set[str]) -> dict[str, Any]:
    """What single institutions see: their own accounts, and the other banks' account numbers
    those accounts exchange money with (the counterparty of a payment message)."""
    institution: dict[str, str] = truth["institution"]
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for folder in sorted(p for p in parts.iterdir() if p.is_dir()):
        for row in _csv(folder / "transactions.csv"):
            own = row["from_account_id"] or row["to_account_id"]
            if row["counterparty_account"] and own:
                seen[folder.name][own].add(row["counterparty_account"])
    whole_held = whole_seen = detected = 0
    best_flagged_share: list[float] = []
    for members in truth["spanning"].values():
        by_institution: dict[str, set[str]] = defaultdict(set)
        for account in members:
            by_institution[institution[account]].add(account)
        whole_held += len(by_institution) == 1
        for inst, own in by_institution.items():
            visible = set(own).union(*(seen[inst][a] for a in own))
            if members <= visible:
                whole_seen += 1
                break
        detected += bool(members & flagged)
        best_flagged_share.append(
            max(len(own & flagged) for own in by_institution.values()) / len(members)
        )
    spanning = len(truth["spanning"])
    return {
        "spanning_networks": spanning,
        "networks": len(truth["networks"]),
        "held_whole_by_one": whole_held,
        "seen_whole_by_one_with_counterparties": whole_seen,
        "detected_by_at_least_one": detected,
        "mean_best_single_flagged_share": round(sum(best_flagged_share) / max(spanning, 1), 3),
    }


def _linked(
    truth: dict[str, Any], result: LinkResult, account_of: dict[tuple[str, str], str]
) -> dict[str, Any]:
    network_of: dict[str, str] = {}
    members_total = involved_members = lookalike_members = 0
    for network in result.networks:
        for node in network.members:
            account = account_of[node]
            network_of[account] = network.network_id
            members_total += 1
            involved_members += account in truth["involved"]
            lookalike_members += account in truth["lookalike"]
    whole = connected = 0
    coverage: list[float] = []
    institution: dict[str, str] = truth["institution"]
    for members in truth["spanning"].values():
        per_network: dict[str, set[str]] = defaultdict(set)
        for account in members:
            if account in network_of:
                per_network[network_of[account]].add(account)
        largest = max(per_network.values(), key=len, default=set())
        whole += largest == members
        connected += len({institution[a] for a in largest}) >= 2
        coverage.append(len(largest) / len(members))
    spanning = len(truth["spanning"])
    largest_network = max((len(n.members) for n in result.networks), default=0)
    return {
        "linked_whole": whole,
        "connected_across_institutions": connected,
        "mean_coverage": round(sum(coverage) / max(spanning, 1), 3),
        "cross_networks": len(result.networks),
        "largest_cross_network": largest_network,
        "members": members_total,
        "members_involved_share": round(involved_members / max(members_total, 1), 3),
        "members_lookalike": lookalike_members,
        "ties": len(result.ties),
        "hub_like_tokens_ignored": result.hub_like_tokens,
        "name_only_matches_ignored": result.name_only_matches,
    }


def markdown(report: dict[str, Any]) -> str:
    alone, seeded, every = report["alone"], report["seeded"], report["every_tie"]
    n = alone["spanning_networks"]
    lines = [
        f"True networks: {alone['networks']}, spanning >= 2 institutions: {n}",
        "",
        "| view | whole network | >= 2 institutions joined | mean coverage | "
        "output networks | members truly involved |",
        "|---|---|---|---|---|---|",
        f"| each institution alone: accounts held | {alone['held_whole_by_one']}/{n} | 0/{n} | "
        f"{alone['mean_best_single_flagged_share']} (flagged) | | |",
        f"| each institution alone: + counterparty account numbers | "
        f"{alone['seen_whole_by_one_with_counterparties']}/{n} | | | | |",
    ]
    for label, linked in (
        ("tokens linked, seeded by local flags", seeded),
        ("tokens linked, every tie", every),
    ):
        lines.append(
            f"| {label} | {linked['linked_whole']}/{n} | "
            f"{linked['connected_across_institutions']}/{n} | {linked['mean_coverage']} | "
            f"{linked['cross_networks']} (largest {linked['largest_cross_network']}) | "
            f"{linked['members_involved_share']:.1%} of {linked['members']} |"
        )
    lines.append("")
    lines.append(
        f"Detected by at least one institution alone: {alone['detected_by_at_least_one']}"
        f"/{n}; seconds: {report['seconds']}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=3000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--subtlety", type=float, default=None, help="0..1 (default: the file's)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tipflow-share-uplift-") as scratch:
        report = run(args.customers, args.days, args.seed, Path(scratch), args.subtlety)
    print(markdown(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
