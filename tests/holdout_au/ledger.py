"""Column-wise transaction buffer: generators append vectors, the writer concatenates once."""

from __future__ import annotations

import numpy as np

# internal column -> default. Times are (day in window, second of local day, city index).
COLUMNS: dict[str, object] = {
    "day": 0,
    "sec": 43_200,
    "city": 0,
    "amount": 0.0,
    "ccy": "AUD",
    "channel": "other",
    "src": "",
    "dst": "",
    "cp_name": "",
    "cp_account": "",
    "cp_inst": "",
    "cp_country": "",
    "merchant": "",
    "mcc": "",
    "device": "",
    "ip": "",
    "desc": "",
    "typ": "",
    "net": "",
}
NUMERIC = {"day": np.int64, "sec": np.int64, "city": np.int64, "amount": np.float64}

HOURS: dict[str, list[float]] = {
    #        0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23
    "day": [0, 0, 0, 0, 0, 0, 1, 3, 5, 6, 7, 8, 10, 9, 7, 7, 8, 9, 8, 6, 4, 2, 1, 0.5],
    "shop": [0, 0, 0, 0, 0, 0, 0, 1, 3, 6, 8, 9, 9, 9, 8, 8, 8, 9, 7, 5, 3, 1, 0, 0],
    "meal": [0, 0, 0, 0, 0, 0, 1, 3, 3, 1, 1, 4, 10, 7, 2, 1, 2, 5, 10, 10, 6, 3, 1, 0.5],
    "coffee": [0, 0, 0, 0, 0, 1, 4, 10, 10, 7, 6, 4, 3, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    "commute": [0, 0, 0, 0, 0, 1, 4, 10, 9, 3, 2, 2, 2, 2, 2, 3, 6, 10, 7, 3, 2, 1, 1, 0],
    "evening": [1, 0.5, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 5, 8, 10, 10, 8, 5, 2],
    "night": [8, 6, 4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 5, 7, 9, 10, 10, 9],
    "office": [0, 0, 0, 0, 0, 0, 0, 1, 5, 9, 10, 9, 6, 8, 9, 9, 7, 3, 1, 0, 0, 0, 0, 0],
    "batch": [0, 1, 4, 8, 10, 8, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    "online": [2, 1, 0.5, 0.2, 0.2, 0.3, 1, 3, 5, 6, 6, 7, 8, 7, 6, 6, 6, 7, 8, 9, 10, 10, 8, 4],
    "late": [6, 5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 6, 8, 9, 8],
}
_CDF = {k: np.cumsum(v) / np.sum(v) for k, v in HOURS.items()}


def seconds(rng: np.random.Generator, n: int, profile: str) -> np.ndarray:
    """Seconds of the local day drawn from an hourly profile."""
    hour = np.searchsorted(_CDF[profile], rng.random(n), side="right")
    return np.minimum(hour, 23) * 3600 + rng.integers(0, 3600, n)


class Ledger:
    def __init__(self) -> None:
        self.chunks: list[dict[str, np.ndarray]] = []

    def add(self, n: int, **cols: object) -> None:
        if n <= 0:
            return
        chunk: dict[str, np.ndarray] = {}
        for name, value in cols.items():
            if name not in COLUMNS:
                raise KeyError(name)
            chunk[name] = _vector(name, value, n)
        self.chunks.append(chunk)

    def one(self, **cols: object) -> None:
        self.add(1, **cols)

    def columns(self) -> dict[str, np.ndarray]:
        out = {}
        for name, default in COLUMNS.items():
            parts = []
            for c in self.chunks:
                n = len(next(iter(c.values())))
                parts.append(c[name] if name in c else _vector(name, default, n))
            out[name] = np.concatenate(parts) if parts else np.array([], dtype=object)
        return out


def _vector(name: str, value: object, n: int) -> np.ndarray:
    dtype = NUMERIC.get(name, object)
    if isinstance(value, np.ndarray | list | tuple):
        arr = np.asarray(value, dtype=dtype)
        if arr.shape != (n,):
            raise ValueError(f"{name}: expected {n} values, got {arr.shape}")
        return arr
    return np.full(n, value, dtype=dtype)
