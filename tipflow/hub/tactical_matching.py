"""Which targets of a tactical request one institution's token file holds: its rows whose token
is a target's pseudonym (an account number also matches the institution's counterparty rows,
made from account numbers too), as the institution's own records."""

from __future__ import annotations

import collections
import io
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tipflow.hub.schemas_tactical import TargetMatch
from tipflow.hub.vocabulary import TargetKind


@dataclass(frozen=True)
class Holding:
    """A token file row holding a target's pseudonym: the institution's record."""

    matched_as: str
    institution_id: str
    record_id: str
    direction: str | None


def holdings(data: bytes, pseudonyms: Collection[str]) -> dict[str, list[Holding]]:
    """The rows of a token file whose token is one of ``pseudonyms``, by token."""
    if not pseudonyms:
        return {}
    columns = ["record_id", "institution_id", "kind", "token", "direction"]
    table = pq.read_table(io.BytesIO(data), columns=columns)
    wanted = pa.array(sorted(pseudonyms), pa.string())
    held: dict[str, list[Holding]] = collections.defaultdict(list)
    for row in table.filter(pc.is_in(table.column("token"), value_set=wanted)).to_pylist():
        held[row["token"]].append(
            Holding(row["kind"], row["institution_id"], row["record_id"], row["direction"])
        )
    return held


def matches_of(
    targets: Iterable[tuple[str, str]], held: Mapping[str, list[Holding]]
) -> list[TargetMatch]:
    found: set[tuple[str, str, Holding]] = set()
    for kind, pseudonym in targets:
        for row in held.get(pseudonym, ()):
            # a counterparty token is HMAC("account_number:" + value): the same account
            if row.matched_as == kind or (
                kind == TargetKind.ACCOUNT_NUMBER and row.matched_as == "counterparty"
            ):
                found.add((kind, pseudonym, row))
    return [
        TargetMatch(
            kind=TargetKind(kind),
            pseudonym=pseudonym,
            matched_as=row.matched_as,
            institution_id=row.institution_id,
            record_id=row.record_id,
            direction=row.direction,
        )
        for kind, pseudonym, row in sorted(
            found, key=lambda m: (m[0], m[1], m[2].record_id, m[2].matched_as, m[2].direction or "")
        )
    ]
