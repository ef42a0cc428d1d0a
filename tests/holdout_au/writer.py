"""Turn the world into contract tables (CSV or Parquet) plus truth files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from . import institutions as inst_mod
from .places import (
    AUD_PER,
    CITIES,
    CITY_COUNTRY,
    CITY_NAME,
    CITY_ZONE,
    START,
    offset_text,
    offsets,
    start_seconds,
)
from .world import World

PARTY_COLS = [
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
]
NUMERIC = {"amount", "base_amount", "declared_income", "employee_count"}
DATES = {"birth_date", "onboarding_date", "opened_date", "closed_date"}
ZERO_DEC = {"IDR", "VND", "KRW", "JPY", "LKR"}


def date_text(day: int) -> str:
    return (START + dt.timedelta(days=int(day))).date().isoformat()


def transactions(w: World) -> tuple[dict[str, list], list[tuple[str, str, str]]]:
    c = w.ledger.columns()
    opened = {a: acc.opened for a, acc in w.accounts.items()}
    inst_of = {a: acc.inst for a, acc in w.accounts.items()}
    for side in ("src", "dst"):
        bad = set(c[side].tolist()) - set(opened) - {""}
        if bad:
            raise ValueError(f"unknown accounts in {side}: {sorted(bad)[:5]}")
    never = -(10**9)
    src_open = np.array([opened.get(a, never) for a in c["src"].tolist()])
    dst_open = np.array([opened.get(a, never) for a in c["dst"].tolist()])
    day = c["day"]
    cash = c["channel"] == "cash"
    one_side = (c["src"] == "") ^ (c["dst"] == "")
    ok = (day >= 0) & (day < w.days) & (c["amount"] > 0) & (day >= src_open) & (day >= dst_open)
    ok &= (c["src"] != c["dst"]) & (~cash | one_side)
    c = {k: v[ok] for k, v in c.items()}
    sec = np.clip(c["sec"], 0, 86_399)
    local = start_seconds() + c["day"] * 86_400 + sec
    off = offsets(local, CITY_ZONE[c["city"]])
    order = np.argsort(local - off * 60, kind="stable")
    c = {k: v[order] for k, v in c.items()}
    local, off = local[order], off[order]
    n = local.size
    local_text = np.datetime_as_string(local.astype("datetime64[s]"), unit="s").astype(object)
    off_text = offset_text(off)
    ms = w.rng("milliseconds").integers(0, 1000, n)
    rep = np.array(
        [
            inst_of[s] if s else inst_of[d]
            for s, d in zip(c["src"].tolist(), c["dst"].tolist(), strict=True)
        ],
        dtype=object,
    )
    tx_id = np.empty(n, dtype=object)
    stamp = np.empty(n, dtype=object)
    desc = c["desc"].copy()
    cp_name = c["cp_name"].copy()
    for inst in inst_mod.INSTITUTIONS:
        m = rep == inst
        if not m.any():
            continue
        seq = np.arange(1, int(m.sum()) + 1) + 1000
        tx_id[m] = inst_mod.tx_ids(inst, local_text[m], seq)
        stamp[m] = inst_mod.timestamps(inst, local_text[m], off_text[m], ms[m])
        desc[m] = inst_mod.description(
            inst, desc[m].tolist(), c["channel"][m].tolist(), cp_name[m].tolist()
        )
        if inst == "WMU":
            cp_name[m] = [x.upper() for x in cp_name[m].tolist()]
    ccy = c["ccy"]
    rate = np.array([AUD_PER[x] for x in ccy.tolist()])
    base = np.maximum(np.round(c["amount"] * rate, 2), 0.01)
    zero = np.isin(ccy, list(ZERO_DEC))
    amount = np.where(zero, np.round(c["amount"]), np.round(c["amount"], 2))
    amount = np.maximum(amount, np.where(zero, 1.0, 0.01))
    table = {
        "transaction_id": tx_id.tolist(),
        "timestamp": stamp.tolist(),
        "amount": amount.tolist(),
        "currency": ccy.tolist(),
        "base_amount": [
            b if x != "AUD" else None for b, x in zip(base.tolist(), ccy.tolist(), strict=True)
        ],
        "channel": c["channel"].tolist(),
        "from_account_id": c["src"].tolist(),
        "to_account_id": c["dst"].tolist(),
        "counterparty_name": cp_name.tolist(),
        "counterparty_account": c["cp_account"].tolist(),
        "counterparty_institution": c["cp_inst"].tolist(),
        "counterparty_country": c["cp_country"].tolist(),
        "merchant_name": c["merchant"].tolist(),
        "merchant_category_code": c["mcc"].tolist(),
        "city": CITY_NAME[c["city"]].tolist(),
        "country": CITY_COUNTRY[c["city"]].tolist(),
        "device_id": c["device"].tolist(),
        "ip_address": c["ip"].tolist(),
        "description": desc.tolist(),
    }
    truth = [
        (t, y, k)
        for t, y, k in zip(
            table["transaction_id"], c["typ"].tolist(), c["net"].tolist(), strict=True
        )
        if y
    ]
    return table, truth


def write(w: World, out: Path, fmt: str) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    tx, tx_truth = transactions(w)
    parties = {k: [r.get(k, "") for r in w.party_rows] for k in PARTY_COLS}
    parties["onboarding_date"] = [date_text(r["onboard"]) for r in w.party_rows]
    accts = list(w.accounts.values())
    accounts = {
        "account_id": [a.account_id for a in accts],
        "institution_id": [a.inst for a in accts],
        "party_id": [a.party_id for a in accts],
        "account_type": [a.kind for a in accts],
        "currency": ["AUD"] * len(accts),
        "opened_date": [date_text(a.opened) for a in accts],
        "closed_date": [""] * len(accts),
        "branch_city": ["" if a.inst == "KOA" else CITIES[a.home][0] for a in accts],
        "branch_country": ["" if a.inst == "KOA" else CITIES[a.home][2] for a in accts],
    }
    ap = list(dict.fromkeys(w.account_parties))
    account_parties = {
        "account_id": [r[0] for r in ap],
        "party_id": [r[1] for r in ap],
        "relation": [r[2] for r in ap],
    }
    watch = {
        "entry_id": [f"FNT-2025-{i + 101:04d}" for i in range(len(w.watchlist))],
        "kind": [r[0] for r in w.watchlist],
        "value": [r[1] for r in w.watchlist],
        "note": [r[2] for r in w.watchlist],
    }
    tables = {
        "parties": parties,
        "accounts": accounts,
        "transactions": tx,
        "account_parties": account_parties,
        "watchlist": watch,
    }
    for name, cols in tables.items():
        _write_table(cols, out / name, fmt)
    truth_rows = [dict(account_id=a, **w.truth[a]) for a in w.accounts]
    _csv(
        {
            k: [r[k] for r in truth_rows]
            for k in (
                "account_id",
                "involved",
                "crime",
                "role",
                "typology",
                "network_id",
                "lookalike",
            )
        },
        out / "truth" / "accounts.csv",
    )
    _csv(
        {
            "transaction_id": [t[0] for t in tx_truth],
            "typology": [t[1] for t in tx_truth],
            "network_id": [t[2] for t in tx_truth],
        },
        out / "truth" / "transactions.csv",
    )
    nets = sorted(w.networks.items())
    _csv(
        {
            "network_id": [k for k, _ in nets],
            "typology": [v["typology"] for _, v in nets],
            "crime": [v["crime"] for _, v in nets],
            "size": [str(len(v["accounts"])) for _, v in nets],
            "institutions": [
                ";".join(sorted({w.accounts[a].inst for a in v["accounts"]})) for _, v in nets
            ],
            "accounts": [";".join(v["accounts"]) for _, v in nets],
        },
        out / "truth" / "networks.csv",
    )
    return {k: len(next(iter(v.values()))) for k, v in tables.items()}


def _csv(cols: dict[str, list], path: Path) -> None:
    arrays = {
        k: pa.array(["" if v is None else _text(v) for v in vals], pa.string())
        for k, vals in cols.items()
    }
    pacsv.write_csv(pa.table(arrays), path)


def _text(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{int(v)}"
    return str(v)


def _write_table(cols: dict[str, list], stem: Path, fmt: str) -> None:
    if fmt == "csv":
        _csv(cols, stem.with_suffix(".csv"))
        return
    arrays = {}
    for k, vals in cols.items():
        if k in ("amount", "base_amount", "declared_income"):
            arrays[k] = pa.array(
                [float(v) if v not in ("", None) else None for v in vals], pa.float64()
            )
        elif k == "employee_count":
            arrays[k] = pa.array(
                [int(v) if v not in ("", None) else None for v in vals], pa.int64()
            )
        elif k in DATES:
            arrays[k] = pa.array(
                [dt.date.fromisoformat(v) if v else None for v in vals], pa.date32()
            )
        else:
            arrays[k] = pa.array([v if v not in ("", None) else None for v in vals], pa.string())
    pq.write_table(pa.table(arrays), stem.with_suffix(".parquet"))
