"""Five reporting institutions, each writing identities, keys and timestamps in its own style."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

INSTITUTIONS = {
    "SCB": "Southern Cross Bank",  # national bank, E.164 phones, full ISO timestamps
    "WMU": "Wattle Mutual",  # NSW/VIC credit union, upper case, local time without offset
    "KOA": "Koala Digital",  # neobank, hex keys, milliseconds in timestamps
    "TEB": "Top End Building Society",  # Darwin-based, titles, minute-precision timestamps
    "HRM": "Harbour Remit",  # remittance provider (money-service business), wallets
}
BSB = {"SCB": "062", "WMU": "802", "KOA": "923", "TEB": "815", "HRM": "000"}


def _hex(key: str, n: int, k: int) -> str:
    """Deterministic hex key; the first 16 digits are a bijection of k, so keys never collide."""
    mix = ((k ^ (zlib.crc32(key.encode()) << 24)) * 0x9E3779B97F4A7C15) % 2**64
    tail = (k * 0xC2B2AE3D27D4EB4F + 0x165667B1) % 2**64
    return f"{mix:016x}{tail:016x}"[:n]


@dataclass
class Counter:
    n: int = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def party_id(inst: str, n: int) -> str:
    if inst == "SCB":
        return f"SCB-C{10_400_000 + n * 7:08d}"
    if inst == "WMU":
        return f"M{200_000 + n:07d}"
    if inst == "KOA":
        return f"usr_{_hex('party', 16, n)}"
    if inst == "TEB":
        return f"TEB{n:06d}"
    return f"HR-CUST-{500_000 + n}"


def account_id(inst: str, n: int, party: str, kind: str, k: int) -> str:
    """k: how many accounts this party already holds at the institution."""
    if inst == "SCB":
        branch = 100 + (n * 37) % 800
        return f"{BSB[inst]}-{branch:03d} {10_000_000 + n * 13:08d}"
    if inst == "WMU":
        suffix = {"savings": "S", "loan": "L", "credit_card": "V"}.get(kind, "D")
        return f"{party}-{suffix}{k + 1}"
    if inst == "KOA":
        return f"KD{_hex('acct', 16, n).upper()}"
    if inst == "TEB":
        return f"TEB:{n * 3 + 1_000_000:010d}"
    return f"HRW-{7_000_000 + n}"


def person_name(inst: str, first: str, middle: str, last: str, title: str) -> str:
    if inst == "WMU":
        return f"{last.upper()}, {first}{' ' + middle if middle else ''}"
    if inst == "KOA":
        return f"{first} {middle[:1] + '. ' if middle else ''}{last}"
    if inst == "TEB":
        return f"{title} {first}{' ' + middle[:1] if middle else ''} {last.upper()}"
    return f"{first} {last}"


def org_name(inst: str, name: str) -> str:
    if inst in ("WMU", "TEB"):
        return name.upper()
    if inst == "KOA":
        return name.replace(" Pty Ltd", " PTY. LTD.")
    return name


def phone(inst: str, digits: str) -> str:
    """digits: nine national digits without the trunk 0, e.g. '412345678'."""
    d = digits
    if inst == "SCB":
        return f"+61{d}"
    if inst == "WMU":
        return f"0{d[:3]} {d[3:6]} {d[6:]}"
    if inst == "KOA":
        return f"+61 {d[:3]} {d[3:6]} {d[6:]}"
    if inst == "TEB":
        if d[0] != "4":
            return f"(0{d[0]}) {d[1:5]} {d[5:]}"
        return f"0{d[:3]}-{d[3:6]}-{d[6:]}"
    return f"61{d}"


def address(inst: str, unit: int, number: int, street: str, stype: tuple[str, str]) -> str:
    long_t, short_t = stype
    if inst == "SCB":
        return f"{f'{unit}/' if unit else ''}{number} {street} {short_t}"
    if inst == "WMU":
        return f"{f'UNIT {unit} ' if unit else ''}{number} {street} {long_t}".upper()
    if inst == "KOA":
        return f"{f'{unit}/' if unit else ''}{number} {street.lower()} {short_t.lower()}"
    if inst == "TEB":
        return f"{f'Unit {unit}, ' if unit else ''}{number} {street} {long_t}"
    return f"{f'Apt {unit} ' if unit else ''}{number} {street} {long_t}"


def timestamps(inst: str, local_text: np.ndarray, off_text: np.ndarray, ms: np.ndarray) -> list:
    """local_text: 'YYYY-MM-DDTHH:MM:SS' strings; off_text: '+11:00'; ms: 0..999."""
    lt = local_text.tolist()
    if inst == "WMU":
        return lt
    if inst == "KOA":
        return [
            f"{a}.{m:03d}{o}" for a, m, o in zip(lt, ms.tolist(), off_text.tolist(), strict=True)
        ]
    if inst == "TEB":
        return [a[:16] + o for a, o in zip(lt, off_text.tolist(), strict=True)]
    return [a + o for a, o in zip(lt, off_text.tolist(), strict=True)]


def tx_ids(inst: str, local_text: np.ndarray, seq: np.ndarray) -> list:
    lt = local_text.tolist()
    sq = seq.tolist()
    if inst == "SCB":
        return [f"SCB{a[2:4]}{a[5:7]}{a[8:10]}{s:08d}" for a, s in zip(lt, sq, strict=True)]
    if inst == "WMU":
        return [f"WMU/{a[2:4]}{a[5:7]}{a[8:10]}/{s:07d}" for a, s in zip(lt, sq, strict=True)]
    if inst == "KOA":
        out = []
        for s in sq:
            h = _hex("tx", 32, s)
            out.append(f"{h[:8]}-{h[8:12]}-4{h[12:15]}-a{h[15:18]}-{h[18:30]}")
        return out
    if inst == "TEB":
        return [f"TE{s:010d}" for s in sq]
    return [f"HR{s:08d}X" for s in sq]


def description(inst: str, desc: list, channel: list, cp: list) -> list:
    """Institution-specific narrative around the customer's own reference."""
    if inst == "WMU":
        return [d.upper() for d in desc]
    if inst == "TEB":
        out = []
        for d, c in zip(desc, channel, strict=True):
            if c == "p2p" and not d.startswith("OSKO"):
                out.append(f"OSKO {d}".strip())
            else:
                out.append(d)
        return out
    return desc
