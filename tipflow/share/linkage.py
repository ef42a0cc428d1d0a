"""``link_tokens``: the hub's side: cross-institution ties and networks from token folders.

Two records (accounts, by pseudonym) are tied when they share an exact token:

- the same phone, email, address, device or IP address (``phone``, ``email``, ...);
- one institution's counterparty token equal to another's own account number (``money``:
  a customer of bank A paid, or was paid by, an account at bank B);
- the same counterparty account outside the partnership (``shared_counterparty``): weak, as
  a victim's many buyers also pay others; it joins two records only when both are flagged.

A token shared by more than ``max_shared`` records is hub-like (a shelter's address, a
payroll provider's account, a bank's own phone number) and ties nobody: it would join
strangers into one network. Names (Bloom filters) never tie on their own: a name match across
institutions is recorded on a tie that exists anyway, as supporting evidence.

Networks are the connected components (igraph) that span at least two institutions. When some
records are flagged by their institution's screening, networks grow from them only: ties with
no flagged end are left out, so ordinary cross-bank payments do not chain the whole population
together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import igraph as ig
import pyarrow as pa
import pyarrow.parquet as pq

from tipflow.errors import DatasetError
from tipflow.share.bloom import from_base64
from tipflow.share.names import NAME_THRESHOLD, cross_dataset_matches
from tipflow.share.tokens import MANIFEST_FILE, TOKENS_FILE

#: A token shared by more records than this ties nobody (see the module doc).
MAX_SHARED = 8
IDENTITY_KINDS = ("phone", "email", "address", "device", "ip")
#: Tie kinds that never join records on their own (see ``_links``).
WEAK_KINDS = frozenset({"shared_counterparty"})

Node = tuple[str, str]  # (institution_id, record_id)


@dataclass
class Tie:
    """One tie between two records; ``kinds`` says what they share."""

    a: Node
    b: Node
    kinds: set[str] = field(default_factory=set)
    transfers: int = 0
    amount_total: float = 0.0
    name_dice: float | None = None
    flagged: int = 0  # how many of the two ends their own institution flagged

    @property
    def cross_institution(self) -> bool:
        return self.a[0] != self.b[0]


@dataclass(frozen=True)
class CrossNetwork:
    network_id: str
    institutions: tuple[str, ...]
    members: tuple[Node, ...]
    tie_kinds: dict[str, int]
    flagged_members: int
    name_supported_ties: int


@dataclass(frozen=True)
class LinkResult:
    ties: list[Tie]
    networks: list[CrossNetwork]
    records: int
    institutions: tuple[str, ...]
    hub_like_tokens: int
    name_only_matches: int
    seeded: bool
    #: Every record its own institution flagged (for pictures: the ends of ties say only how
    #: many of the two were).
    flagged: frozenset[Node] = frozenset()


def link_tokens(
    token_dirs: Sequence[Path],
    *,
    max_shared: int = MAX_SHARED,
    name_threshold: float = NAME_THRESHOLD,
    seed_with_flags: bool = True,
) -> LinkResult:
    """Link the token folders of several institutions (see the module doc).

    ``max_shared``: a token shared by more records is hub-like and ignored.
    ``seed_with_flags``: when records are flagged, keep only ties with a flagged end; False
    keeps every tie (networks can then chain through ordinary payments).
    """
    table = _read_all(token_dirs)
    rows = table.to_pylist()
    by_token: dict[str, list[dict[str, object]]] = defaultdict(list)
    flagged: set[Node] = set()
    for row in rows:
        node = (str(row["institution_id"]), str(row["record_id"]))
        if row["flagged"]:
            flagged.add(node)
        if row["token"] is not None:
            by_token[str(row["token"])].append(row)
    ties: dict[tuple[Node, Node], Tie] = {}
    hub_like = 0
    for group in by_token.values():
        nodes = {(str(r["institution_id"]), str(r["record_id"])) for r in group}
        if len(nodes) < 2:
            continue
        if len(nodes) > max_shared:
            hub_like += 1
            continue
        _tie_group(group, ties)
    name_only = _add_name_evidence(rows, ties, name_threshold)
    for tie in ties.values():
        tie.flagged = (tie.a in flagged) + (tie.b in flagged)
    seeded = seed_with_flags and bool(flagged)
    kept = [t for t in ties.values() if _links(t, seeded)]
    networks = _components(kept, flagged)
    all_nodes = {(str(r["institution_id"]), str(r["record_id"])) for r in rows}
    return LinkResult(
        ties=sorted(kept, key=lambda t: (t.a, t.b)),
        networks=networks,
        records=len(all_nodes),
        institutions=tuple(sorted({n[0] for n in all_nodes})),
        hub_like_tokens=hub_like,
        name_only_matches=name_only,
        seeded=seeded,
        flagged=frozenset(flagged),
    )


def _links(tie: Tie, seeded: bool) -> bool:
    """Whether a tie joins its two records into one network. A shared outside counterparty
    is weak (a victim's buyers also buy elsewhere): it links two flagged records only."""
    strong = bool(tie.kinds - WEAK_KINDS)
    if not seeded:
        return strong
    return tie.flagged == 2 or (tie.flagged == 1 and strong)


def _read_all(token_dirs: Sequence[Path]) -> pa.Table:
    tables = []
    for folder in token_dirs:
        path = folder / TOKENS_FILE
        if not path.exists() or not (folder / MANIFEST_FILE).exists():
            raise DatasetError(folder, f"not a token folder (needs {TOKENS_FILE} and manifest)")
        tables.append(pq.read_table(path))
    if not tables:
        raise DatasetError(Path(), "no token folders to link")
    return pa.concat_tables(tables, promote_options="default")


def _tie_group(group: list[dict[str, object]], ties: dict[tuple[Node, Node], Tie]) -> None:
    """Ties between every two records of one shared token, with what they share."""
    for i, x in enumerate(group):
        for y in group[i + 1 :]:
            a = (str(x["institution_id"]), str(x["record_id"]))
            b = (str(y["institution_id"]), str(y["record_id"]))
            if a == b:
                continue
            kind = _tie_kind(str(x["kind"]), str(y["kind"]))
            if kind is None:
                continue
            key = (a, b) if a < b else (b, a)
            tie = ties.setdefault(key, Tie(*key))
            tie.kinds.add(kind)
            if kind == "money":
                paying = x if x["kind"] == "counterparty" else y
                tie.transfers += int(str(paying["transfers"]))
                tie.amount_total += float(str(paying["amount_total"]))


def _tie_kind(x: str, y: str) -> str | None:
    pair = {x, y}
    if pair == {"account_number", "counterparty"}:
        return "money"
    if pair == {"counterparty"}:
        return "shared_counterparty"
    if x == y and x in IDENTITY_KINDS:
        return x
    if pair == {"account_number"}:
        return "same_account"  # one account in two exports
    return None


def _add_name_evidence(
    rows: list[dict[str, object]], ties: dict[tuple[Node, Node], Tie], threshold: float
) -> int:
    """Mark ties whose two ends also match by name; return the name matches with no tie."""
    institutions = sorted({str(r["institution_id"]) for r in rows})
    index = {inst: i for i, inst in enumerate(institutions)}
    datasets: list[list[object]] = [[] for _ in institutions]
    owners: list[list[Node]] = [[] for _ in institutions]
    for row in rows:
        if row["kind"] == "name" and row["clk"] is not None:
            i = index[str(row["institution_id"])]
            datasets[i].append(from_base64(str(row["clk"])))
            owners[i].append((str(row["institution_id"]), str(row["record_id"])))
    name_only: set[tuple[Node, Node]] = set()
    for dice, da, ra, db, rb in cross_dataset_matches(datasets, threshold):  # type: ignore[arg-type]
        a, b = owners[da][ra], owners[db][rb]
        key = (a, b) if a < b else (b, a)
        tie = ties.get(key)
        if tie is None:
            name_only.add(key)  # a name alone links nobody
        elif tie.name_dice is None or dice > tie.name_dice:
            tie.name_dice = dice
    return len(name_only)


def _components(ties: list[Tie], flagged: set[Node]) -> list[CrossNetwork]:
    nodes = sorted({n for t in ties for n in (t.a, t.b)})
    position = {n: i for i, n in enumerate(nodes)}
    graph = ig.Graph(n=len(nodes), edges=[(position[t.a], position[t.b]) for t in ties])
    membership: list[int] = graph.connected_components().membership
    groups: dict[int, list[Node]] = defaultdict(list)
    for node, component in zip(nodes, membership, strict=True):
        groups[component].append(node)
    kinds: dict[int, Counter[str]] = defaultdict(Counter)
    supported: Counter[int] = Counter()
    for tie in ties:
        component = membership[position[tie.a]]
        kinds[component].update(tie.kinds)
        supported[component] += tie.name_dice is not None
    found = []
    for component, members in groups.items():
        institutions = tuple(sorted({m[0] for m in members}))
        if len(institutions) >= 2:
            found.append((component, members, institutions))
    found.sort(key=lambda f: (-len(f[1]), f[1][0]))
    return [
        CrossNetwork(
            network_id=f"XN-{number:05d}",
            institutions=institutions,
            members=tuple(members),
            tie_kinds=dict(sorted(kinds[component].items())),
            flagged_members=sum(m in flagged for m in members),
            name_supported_ties=supported[component],
        )
        for number, (component, members, institutions) in enumerate(found, start=1)
    ]
