"""The input contract as typed objects, loaded from ``contract_v1.yaml``.

One registry (:func:`load_contract`) reads the YAML, validates it with pydantic and checks its
cross-references (key columns exist, references name a key of another table, rules are known).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tipflow.errors import ContractError

#: Cross-column rules the reader knows; a table's YAML may name these and only these.
KNOWN_RULES: frozenset[str] = frozenset({"account_sides", "closed_after_opened"})

#: Tables in the order they are read: a table is read after every table it references.
TABLE_ORDER: tuple[str, ...] = (
    "parties",
    "accounts",
    "transactions",
    "account_parties",
    "labels",
    "watchlist",
)


class Kind(StrEnum):
    """What the reader does with a column's text (see ``kinds.py``)."""

    ID = "id"
    TEXT = "text"
    ENUM = "enum"
    DATE = "date"
    TIMESTAMP = "timestamp"
    DECIMAL = "decimal"
    COUNT = "count"
    COUNTRY = "country"
    CURRENCY = "currency"
    MCC = "mcc"
    ISIC = "isic"
    PHONE = "phone"


class ColumnSpec(BaseModel):
    """One column of a contract table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    kind: Kind
    required: bool = False
    values: tuple[str, ...] = ()
    aliases: dict[str, str] = Field(default_factory=dict)
    greater_than: float | None = None
    references: str | None = None
    applies_to: Literal["person", "organisation"] | None = None
    offset_column: str | None = None
    as_given_column: str | None = None

    @model_validator(mode="after")
    def _kind_options(self) -> ColumnSpec:
        if (self.kind is Kind.ENUM) != bool(self.values):
            raise ValueError("`values` is required for enum columns and only for them")
        unknown_targets = set(self.aliases.values()) - set(self.values)
        if unknown_targets:
            raise ValueError(f"aliases map to unknown values {sorted(unknown_targets)}")
        if self.kind is Kind.TIMESTAMP and not self.offset_column:
            raise ValueError("timestamp columns need an `offset_column`")
        if self.kind is Kind.PHONE and not self.as_given_column:
            raise ValueError("phone columns need an `as_given_column`")
        return self

    @property
    def reference(self) -> tuple[str, str] | None:
        """The (table, column) this column refers to, if any."""
        if self.references is None:
            return None
        table, _, column = self.references.partition(".")
        return table, column

    @property
    def derived_columns(self) -> tuple[str, ...]:
        """Workspace columns this column adds beside itself."""
        return tuple(c for c in (self.offset_column, self.as_given_column) if c)


class TableSpec(BaseModel):
    """One table of the contract: its columns, key and cross-column rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    required: bool
    key: tuple[str, ...]
    rules: tuple[str, ...] = ()
    columns: dict[str, ColumnSpec]

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(name for name, col in self.columns.items() if col.required)

    @property
    def output_columns(self) -> tuple[str, ...]:
        """Contract columns and the columns derived from them, in workspace order."""
        names: list[str] = []
        for name, col in self.columns.items():
            names.append(name)
            names.extend(col.derived_columns)
        return tuple(names)


class Contract(BaseModel):
    """The whole input contract."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    tables: dict[str, TableSpec]

    @model_validator(mode="after")
    def _cross_references(self) -> Contract:
        if tuple(self.tables) != TABLE_ORDER:
            raise ValueError(f"tables must be, in this order: {', '.join(TABLE_ORDER)}")
        for table in self.tables.values():
            for key_column in table.key:
                if key_column not in table.columns:
                    raise ValueError(f"{table.name}: key column {key_column!r} is not a column")
            for rule in table.rules:
                if rule not in KNOWN_RULES:
                    raise ValueError(f"{table.name}: unknown rule {rule!r}")
            for column in table.columns.values():
                target = column.reference
                if target is None:
                    continue
                ref_table, ref_column = target
                if ref_table not in self.tables or self.tables[ref_table].key != (ref_column,):
                    raise ValueError(
                        f"{table.name}.{column.name}: references {column.references}, "
                        "which is not the key of a table"
                    )
                if TABLE_ORDER.index(ref_table) >= TABLE_ORDER.index(table.name):
                    raise ValueError(f"{table.name}.{column.name}: references a later table")
        return self


@cache
def load_contract() -> Contract:
    """Read and check the packaged contract (cached: it never changes while running)."""
    text = resources.files("tipflow.ingest").joinpath("contract_v1.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    try:
        for table_name, table in raw["tables"].items():
            table["name"] = table_name
            for column_name, column in table["columns"].items():
                column["name"] = column_name
        return Contract.model_validate(raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"the packaged input contract is invalid: {exc}") from exc
