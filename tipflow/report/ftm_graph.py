"""The entity store behind the FollowTheMoney export: stable ids, checked values, one line each.

FollowTheMoney cleans every value it is given and quietly drops what it cannot read (a phone
number it cannot parse, an unknown country code) or what is too long for its type. An export
that loses a fact without saying so is worse than none, so every value goes through
:meth:`EntityGraph.add`, which cleans it the way FtM would and, when FtM would not keep it,
keeps the raw text in the entity's ``notes`` (``summary`` for schemata without notes) and
counts it, so the writer can report it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.util import make_entity_id, sanitize_text

#: Salt of every entity id: ids of the same dataset key differ from other producers' ids.
ID_NAMESPACE = "tipflow"

#: A value for a property; ``None`` means the dataset has none, and nothing is set.
Value = str | Decimal | dt.date | dt.datetime | None


def entity_id(kind: str, *keys: str) -> str:
    """The id of one tipflow thing: SHA-1 of the namespace, the kind and the dataset's keys.

    The same party, account or transaction gets the same id in every export and every case.
    The parts are JSON-encoded first because ``make_entity_id`` concatenates its parts, and
    ("a", "bc") must not collide with ("ab", "c").
    """
    key = json.dumps([kind, *keys], ensure_ascii=False)
    made = make_entity_id(key, key_prefix=ID_NAMESPACE)
    if made is None:  # only for an empty key, which json.dumps never gives
        raise ValueError(f"empty entity key for {kind}")
    return made


def decimal_text(amount: Decimal) -> str:
    """A decimal without exponent or trailing zeros (123.5600000000 -> 123.56)."""
    text = format(amount.normalize(), "f")
    return text if text != "-0" else "0"


class EntityGraph:
    """FtM entities by id: adding an id twice merges the two into one entity."""

    def __init__(self) -> None:
        self._entities: dict[str, EntityProxy] = {}
        self._stand_ins: set[str] = set()
        # (entity id, "Schema.property", raw text) of each value FtM would have dropped
        self._unaccepted: set[tuple[str, str, str]] = set()

    def add(
        self,
        schema: str,
        ident: str,
        values: Iterable[tuple[str, Value]],
        stand_in: bool = False,
        unnamed: str | None = None,
    ) -> str:
        """Add (or merge into) entity ``ident`` the ``(property, value)`` pairs, in order.

        Order matters for phones: FtM reads a number without its country code using the
        countries already set on the entity, so countries come first. ``unnamed`` is the name
        of a legal entity whose name is missing or refused (FtM requires one).
        """
        proxy = model.make_entity(schema)
        proxy.id = ident
        for prop, value in values:
            self._put(proxy, prop, value)
        if "name" in proxy.schema.required and not proxy.has("name"):
            if unnamed is None:
                raise ValueError(f"{schema} {ident} needs a name")
            proxy.add("name", unnamed)
        existing = self._entities.get(ident)
        if existing is None:
            self._entities[ident] = proxy
        else:  # the same party, account or payment met again in another case
            existing.merge(proxy)
        if stand_in:
            self._stand_ins.add(ident)
        return ident

    def _put(self, proxy: EntityProxy, prop_name: str, value: Value) -> None:
        text = sanitize_text(value)
        if text is None:
            return
        prop = proxy.schema.get(prop_name)
        if prop is None:  # a mapping mistake, not a data problem
            raise KeyError(f"{proxy.schema.name} has no property {prop_name}")
        cleaned = prop.type.clean_text(text, proxy=proxy)
        fits = cleaned is not None and len(cleaned) <= prop.type.max_length
        if fits and proxy.unsafe_add(prop, cleaned, cleaned=True) is not None:
            return
        self._unaccepted.add((proxy.id or "", f"{proxy.schema.name}.{prop_name}", text))
        fallback = "notes" if "notes" in proxy.schema.properties else "summary"
        note = f"{prop.label}: {text} (not accepted by FollowTheMoney as {prop.type.name})"
        if proxy.unsafe_add(proxy.schema.properties[fallback], note) is None:
            raise ValueError(f"{proxy.schema.name}.{prop_name}: cannot keep {text!r}")

    def get(self, ident: str) -> EntityProxy | None:
        return self._entities.get(ident)

    def __contains__(self, ident: object) -> bool:
        return ident in self._entities

    def by_schema(self) -> dict[str, int]:
        counts = Counter(proxy.schema.name for proxy in self._entities.values())
        return dict(sorted(counts.items()))

    def unaccepted(self) -> dict[str, int]:
        """Values FtM would have dropped (kept as text instead), by ``Schema.property``."""
        counts = Counter(where for _, where, _ in self._unaccepted)
        return dict(sorted(counts.items()))

    @property
    def stand_ins(self) -> int:
        return len(self._stand_ins)

    def lines(self) -> list[str]:
        """One JSON object per entity: things first, then links; by schema, then id.

        Keys and values are sorted so the text depends only on the facts, not on the order of
        the cases; UTF-8 is written as is, so names in any script stay readable.
        """
        ordered = sorted(
            self._entities.values(),
            key=lambda proxy: (proxy.schema.edge, proxy.schema.name, proxy.id or ""),
        )
        return [
            json.dumps(
                {
                    "id": proxy.id,
                    "schema": proxy.schema.name,
                    "properties": {
                        name: sorted(values) for name, values in sorted(proxy.properties.items())
                    },
                },
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            )
            for proxy in ordered
        ]
