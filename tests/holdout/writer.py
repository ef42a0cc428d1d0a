"""Assemble the world into contract tables and write them (CSV or Parquet) with the truth."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tests.holdout.places import ZONES
from tests.holdout.world import TEXT_COLS, Arr, World, inst_kind, where

PARTY_COLS = (
    "party_id",
    "party_type",
    "name",
    "birth_date",
    "gender",
    "nationality",
    "address",
    "city",
    "postal_code",
    "country",
    "phone",
    "email",
    "occupation",
    "industry_code",
    "declared_income",
    "employee_count",
    "onboarding_date",
)
ACCOUNT_COLS = (
    "account_id",
    "institution_id",
    "party_id",
    "account_type",
    "currency",
    "opened_date",
    "closed_date",
    "branch_city",
    "branch_country",
)
TX_COLS = (
    "transaction_id",
    "timestamp",
    "amount",
    "currency",
    "base_amount",
    "channel",
    "from_account_id",
    "to_account_id",
    "counterparty_name",
    "counterparty_account",
    "counterparty_institution",
    "counterparty_country",
    "merchant_name",
    "merchant_category_code",
    "city",
    "country",
    "device_id",
    "ip_address",
    "description",
)


def _rows_chunk(w: World) -> dict[str, Arr]:
    rows = w.rows
    ix = w.acct_index

    def idx(v: Any) -> int:
        return ix[v] if v else -1

    out: dict[str, Arr] = {
        "_t": np.array([r["_t"] for r in rows], dtype=np.int64),
        "_z": np.array([r["_z"] for r in rows], dtype=np.int64),
        "_src": np.array([idx(r["_src"]) for r in rows], dtype=np.int64),
        "_dst": np.array([idx(r["_dst"]) for r in rows], dtype=np.int64),
        "amount": np.array([r["amount"] for r in rows], dtype=float),
        "base_amount": np.array([r.get("base_amount", np.nan) for r in rows], dtype=float),
    }
    for col in TEXT_COLS:
        out[col] = np.array([r.get(col) for r in rows], dtype=object)
    return out


def _merge(w: World) -> dict[str, Arr]:
    chunks = [*w.chunks, _rows_chunk(w)] if w.rows else list(w.chunks)
    merged: dict[str, Arr] = {}
    for col in ("_t", "_z", "_src", "_dst", "amount", "base_amount", *TEXT_COLS):
        parts = []
        for c in chunks:
            n = len(c["_t"])
            if col in c:
                parts.append(c[col])
            elif col == "base_amount":
                parts.append(np.full(n, np.nan))
            else:
                parts.append(np.full(n, "" if col in ("_typ", "_net") else None, dtype=object))
        merged[col] = np.concatenate(parts)
    order = np.argsort(merged["_t"], kind="stable")
    return {k: v[order] for k, v in merged.items()}


def _timestamps(w: World, t: Arr, zone: Arr, naive: Arr) -> Arr:
    base = np.datetime64(w.start.isoformat(), "s")
    text = np.datetime_as_string(base + t.astype("timedelta64[s]"), unit="s").astype(object)
    day = np.clip(t // 86400, 0, w.days)
    offsets = np.empty((len(ZONES), w.days + 1), dtype=object)
    for zi, name in enumerate(ZONES.values()):
        tz = ZoneInfo(name)
        for dd in range(w.days + 1):
            local = datetime.combine(w.start + timedelta(days=dd), datetime.min.time()).replace(
                hour=12, tzinfo=tz
            )
            off = local.utcoffset() or timedelta(0)
            mins = int(off.total_seconds() // 60)
            offsets[zi, dd] = (
                f"{'+' if mins >= 0 else '-'}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
            )
    suffix = offsets[zone, day]
    return where(naive, text, text + suffix)


def _tx_ids(w: World, owner_inst: Arr, ts: Arr) -> Arr:
    ids = np.empty(len(ts), dtype=object)
    for inst in np.unique(owner_inst):
        sel = np.flatnonzero(owner_inst == inst)
        seq = np.arange(1, len(sel) + 1) + int(w.rng.integers(10_000, 90_000))
        kind = inst_kind(str(inst))
        if kind == "bank":
            date_part = np.char.replace(ts[sel].astype("U10"), "-", "").astype(object)
            ids[sel] = "HW" + date_part + np.char.zfill(seq.astype(str), 8).astype(object)
        elif kind == "society":
            ids[sel] = "PBS" + np.char.zfill(seq.astype(str), 11).astype(object)
        elif kind == "digital":
            mixed = (seq * 2_654_435_761) % (2**40)
            ids[sel] = "tx_" + np.char.mod("%010x", mixed).astype(object)
        elif kind == "ni_bank":
            ids[sel] = "LBT" + np.char.zfill(seq.astype(str), 10).astype(object)
        else:
            ids[sel] = "SWT-" + np.char.zfill(seq.astype(str), 9).astype(object)
    return ids


NUMERIC = {
    "declared_income": pa.float64(),
    "employee_count": pa.int64(),
    "amount": pa.float64(),
    "base_amount": pa.float64(),
}
DATES = ("birth_date", "onboarding_date", "opened_date", "closed_date")


def _table(rows: list[dict[str, Any]], cols: tuple[str, ...]) -> pa.Table:
    return pa.table({c: pa.array([r.get(c) for r in rows], type=pa.string()) for c in cols})


def _typed(table: pa.Table) -> pa.Table:
    """Parquet carries numbers and dates as such (CSV carries text)."""
    for i, name in enumerate(table.column_names):
        col = table.column(i)
        if name in NUMERIC:
            table = table.set_column(i, name, pc.cast(col, NUMERIC[name]))
        elif name in DATES:
            parsed = pc.strptime(col, format="%Y-%m-%d", unit="s", error_is_null=True)
            table = table.set_column(i, name, pc.cast(parsed, pa.date32()))
    return table


def _write(table: pa.Table, path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pq.write_table(_typed(table), path.with_suffix(".parquet"))
    else:
        pacsv.write_csv(table, path.with_suffix(".csv"), pacsv.WriteOptions(quoting_style="needed"))


def write_world(w: World, out: Path, fmt: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    m = _merge(w)
    acct_ids = np.array([a["account_id"] for a in w.accounts], dtype=object)
    acct_inst = np.array([a["institution_id"] for a in w.accounts], dtype=object)
    src, dst = m["_src"], m["_dst"]
    owner = acct_inst[where(src >= 0, src, dst)]
    naive = owner == "PENNINE-BS"
    ts = _timestamps(w, m["_t"], m["_z"], naive)
    tx_id = _tx_ids(w, owner, ts)
    amount = np.char.mod("%.2f", m["amount"]).astype(object)
    base = where(
        np.isnan(m["base_amount"]),
        None,
        np.char.mod("%.2f", np.nan_to_num(m["base_amount"])).astype(object),
    )
    cols: dict[str, Any] = {
        "transaction_id": tx_id,
        "timestamp": ts,
        "amount": amount,
        "base_amount": base,
        "from_account_id": where(src >= 0, acct_ids[src], None),
        "to_account_id": where(dst >= 0, acct_ids[dst], None),
    }
    for col in TX_COLS:
        if col not in cols:
            cols[col] = m[col]
    table = pa.table({c: pa.array(cols[c], type=pa.string()) for c in TX_COLS})
    _write(table, out / "transactions", fmt)
    for row in w.parties:
        for key in ("declared_income", "employee_count"):
            if row.get(key) is not None:
                row[key] = str(int(row[key]))
    _write(_table(w.parties, PARTY_COLS), out / "parties", fmt)
    _write(_table(w.accounts, ACCOUNT_COLS), out / "accounts", fmt)
    _write(_table(w.links, ("account_id", "party_id", "relation")), out / "account_parties", fmt)
    if w.watch:
        _write(_table(w.watch, ("entry_id", "kind", "value", "note")), out / "watchlist", fmt)
    _write_truth(w, out / "truth", tx_id, m["_typ"], m["_net"])


def _write_truth(w: World, out: Path, tx_id: Arr, typ: Arr, net: Arr) -> None:
    out.mkdir(parents=True, exist_ok=True)
    empty = {
        "involved": "false",
        "crime": "",
        "role": "",
        "typology": "",
        "network_id": "",
        "lookalike": "",
    }
    fields = ("involved", "crime", "role", "typology", "network_id", "lookalike")
    with (out / "accounts.csv").open("w", newline="", encoding="utf-8") as fh:
        wr = csv.writer(fh)
        wr.writerow(("account_id", *fields))
        for a in w.accounts:
            t = w.truth.get(str(a["account_id"]), empty)
            wr.writerow((a["account_id"], *(t[f] for f in fields)))
    crime = np.flatnonzero(typ != "")
    with (out / "transactions.csv").open("w", newline="", encoding="utf-8") as fh:
        wr = csv.writer(fh)
        wr.writerow(("transaction_id", "typology", "network_id"))
        wr.writerows(zip(tx_id[crime], typ[crime], net[crime], strict=True))
    with (out / "networks.csv").open("w", newline="", encoding="utf-8") as fh:
        keys = ("network_id", "typology", "crime", "size", "institutions", "accounts")
        wr = csv.writer(fh)
        wr.writerow(keys)
        wr.writerows([n[k] for k in keys] for n in w.networks)
