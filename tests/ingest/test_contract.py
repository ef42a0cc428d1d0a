"""The packaged contract: loads, cross-checks, and says the same as shared/contract/input.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from tipflow.ingest.contract import (
    TABLE_ORDER,
    ColumnSpec,
    Contract,
    Kind,
    TableSpec,
    load_contract,
)


def test_contract_loads_in_reading_order() -> None:
    contract = load_contract()
    assert tuple(contract.tables) == TABLE_ORDER
    assert [t for t, spec in contract.tables.items() if spec.required] == [
        "parties",
        "accounts",
        "transactions",
    ]


def _markdown_tables(text: str) -> dict[str, dict[str, tuple[str, str]]]:
    """{table: {column: (type, required)}} from the '## <table>' sections of input.md."""
    tables: dict[str, dict[str, tuple[str, str]]] = {}
    current: str | None = None
    for line in text.splitlines():
        heading = re.match(r"^## (\w+)", line)
        if heading:
            current = heading.group(1) if heading.group(1) != "Bad" else None
            continue
        cells = (
            [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        )
        if (
            current
            and len(cells) >= 3
            and cells[0] not in ("column", "---")
            and set(cells[0]) != {"-"}
        ):
            # enumerations are written `a` \| `b`; the escaped bar splits cells, so rejoin them
            row = line.strip().strip("|").split(" | ")
            tables.setdefault(current, {})[row[0].strip()] = (row[1].strip(), row[2].strip())
    return tables


def test_contract_matches_the_shared_description(shared_dir: Path) -> None:
    described = _markdown_tables((shared_dir / "contract" / "input.md").read_text("utf-8"))
    contract = load_contract()
    assert set(described) == set(contract.tables)
    for table, columns in described.items():
        spec = contract.tables[table]
        assert list(columns) == list(spec.columns), table
        for name, (type_text, required_text) in columns.items():
            column = spec.columns[name]
            assert column.required == required_text.startswith("yes"), f"{table}.{name}"
            enumerated = re.findall(r"`([a-z0-9_]+)`", type_text)
            if column.kind is Kind.ENUM:
                assert tuple(enumerated) == column.values, f"{table}.{name}"
            if "unique" in required_text:
                assert spec.key == (name,), f"{table}.{name}"


def test_enum_needs_values() -> None:
    with pytest.raises(ValidationError, match="values"):
        ColumnSpec(name="channel", kind=Kind.ENUM)


def test_alias_must_point_at_a_value() -> None:
    with pytest.raises(ValidationError, match="aliases"):
        ColumnSpec(name="t", kind=Kind.ENUM, values=("a",), aliases={"x": "b"})


def test_reference_must_name_a_key() -> None:
    contract = load_contract()
    tables = dict(contract.tables)
    accounts = tables["accounts"]
    bad_party = accounts.columns["party_id"].model_copy(update={"references": "parties.name"})
    tables["accounts"] = accounts.model_copy(
        update={"columns": {**accounts.columns, "party_id": bad_party}}
    )
    with pytest.raises(ValidationError, match="not the key"):
        Contract(version=1, tables=tables)


def test_unknown_rule_is_refused() -> None:
    contract = load_contract()
    tables: dict[str, TableSpec] = dict(contract.tables)
    tables["labels"] = tables["labels"].model_copy(update={"rules": ("no_such_rule",)})
    with pytest.raises(ValidationError, match="unknown rule"):
        Contract(version=1, tables=tables)
