"""Write a :class:`LinkResult`: ``links.csv`` (ties), ``networks.csv`` and ``networks.json``.

Only pseudonyms appear: institution ids and record ids, never an account or a customer.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from tipflow.share.linkage import LinkResult


def write_link_result(result: LinkResult, out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    links, networks, document = out / "links.csv", out / "networks.csv", out / "networks.json"
    member_network = {m: n.network_id for n in result.networks for m in n.members}
    with links.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "network_id",
                "institution_a",
                "record_a",
                "institution_b",
                "record_b",
                "kinds",
                "cross_institution",
                "transfers",
                "amount_total",
                "name_dice",
                "flagged_ends",
            ]
        )
        for tie in result.ties:
            writer.writerow(
                [
                    member_network.get(tie.a, ""),
                    *tie.a,
                    *tie.b,
                    ";".join(sorted(tie.kinds)),
                    str(tie.cross_institution).lower(),
                    tie.transfers,
                    round(tie.amount_total, 2),
                    "" if tie.name_dice is None else round(tie.name_dice, 3),
                    tie.flagged,
                ]
            )
    with networks.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "network_id",
                "institutions",
                "members",
                "flagged_members",
                "tie_kinds",
                "name_supported_ties",
            ]
        )
        for network in result.networks:
            writer.writerow(
                [
                    network.network_id,
                    ";".join(network.institutions),
                    len(network.members),
                    network.flagged_members,
                    ";".join(f"{k}={v}" for k, v in network.tie_kinds.items()),
                    network.name_supported_ties,
                ]
            )
    document.write_text(json.dumps(summary_document(result), indent=2) + "\n", encoding="utf-8")
    return {"links": links, "networks": networks, "json": document}


def summary_document(result: LinkResult) -> dict[str, Any]:
    return {
        "records": result.records,
        "institutions": list(result.institutions),
        "ties": len(result.ties),
        "cross_institution_ties": sum(t.cross_institution for t in result.ties),
        "hub_like_tokens_ignored": result.hub_like_tokens,
        "name_only_matches_ignored": result.name_only_matches,
        "seeded_by_flags": result.seeded,
        "networks": [
            {
                "network_id": n.network_id,
                "institutions": list(n.institutions),
                "members": [{"institution_id": i, "record_id": r} for i, r in n.members],
                "flagged_members": n.flagged_members,
                "tie_kinds": n.tie_kinds,
                "name_supported_ties": n.name_supported_ties,
            }
            for n in result.networks
        ],
    }
