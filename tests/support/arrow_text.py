"""Vectorised text building with pyarrow.compute: the generator never formats row by row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
Part: TypeAlias = pa.Array | str


def pick(choices: Sequence[str], index: npt.NDArray[np.integer]) -> pa.Array:
    """``choices[index]`` per row; an empty choice becomes null (the contract's missing)."""
    values = pa.array([choice or None for choice in choices], pa.string())
    return values.take(pa.array(index, pa.int64()))


def join(*parts: Part) -> pa.Array:
    """Concatenate per row; a null part makes the row null."""
    return pc.binary_join_element_wise(*parts, "")


def digits(values: npt.NDArray[np.integer], width: int) -> pa.Array:
    """Non-negative integers as zero-padded text."""
    return pc.utf8_lpad(pc.cast(pa.array(values, pa.int64()), pa.string()), width, "0")


def number(values: npt.NDArray[np.integer]) -> pa.Array:
    return pc.cast(pa.array(values, pa.int64()), pa.string())


def decimal_text(units: Ints, scale: int) -> pa.Array:
    """Exact decimals: ``units`` of 10**-scale, e.g. (12345, 2) -> "123.45"."""
    unit = 10**scale
    return join(number(units // unit), ".", digits(units % unit, scale))


def days_from(start: str, offsets: npt.NDArray[np.integer]) -> Ints:
    """Days since the epoch of ``start`` (YYYY-MM-DD) plus ``offsets``."""
    return np.datetime64(start, "D").astype(np.int64) + offsets.astype(np.int64)


def day_text(days_since_epoch: Ints) -> pa.Array:
    """Dates as YYYY-MM-DD."""
    return pc.cast(pa.array(days_since_epoch.astype(np.int32), pa.date32()), pa.string())


def seconds_text(seconds_since_epoch: Ints, separator: str) -> pa.Array:
    """Date-times as YYYY-MM-DD<separator>HH:MM:SS (no zone)."""
    stamps = pa.array(seconds_since_epoch.astype("datetime64[s]"))
    text = pc.cast(stamps, pa.string())  # "YYYY-MM-DD HH:MM:SS"
    return text if separator == " " else pc.utf8_replace_slice(text, 10, 11, separator)


def blank(values: pa.Array, mask: Mask) -> pa.Array:
    """``values`` with nulls where ``mask``."""
    return pc.if_else(pa.array(mask), pa.scalar(None, values.type), values)


def where(mask: Mask, if_true: pa.Array, if_false: pa.Array) -> pa.Array:
    return pc.if_else(pa.array(mask), if_true, if_false)


def lower_some(values: pa.Array, mask: Mask) -> pa.Array:
    """Lower-case the masked rows (exports are not always tidy about code case)."""
    return where(mask, pc.utf8_lower(values), values)


def scatter(size: int, pieces: Sequence[tuple[npt.NDArray[np.integer], pa.Array]]) -> pa.Array:
    """One array of ``size`` rows from (row indexes, values) pieces; uncovered rows are null."""
    order = np.concatenate([rows for rows, _ in pieces]) if pieces else np.empty(0, np.int64)
    values = pa.concat_arrays(
        [piece.cast(pa.string()) for _, piece in pieces] or [pa.array([], pa.string())]
    )
    position = np.zeros(size, np.int64)
    covered = np.zeros(size, np.bool_)
    position[order] = np.arange(order.size)
    covered[order] = True
    return values.take(pa.array(position, mask=~covered))


def render(template: str, random_digits: pa.Array) -> pa.Array:
    """Fill each ``#`` of ``template`` with the next character of ``random_digits``."""
    if "#" not in template:
        raise ValueError(f"template {template!r} has no digit to fill")
    parts: list[Part] = []
    used = 0
    for token in re.split(r"(#+)", template):
        if token.startswith("#"):
            parts.append(pc.utf8_slice_codeunits(random_digits, used, used + len(token)))
            used += len(token)
        elif token:
            parts.append(token)
    return join(*parts)


def hex_text(rng: np.random.Generator, size: int, width: int) -> pa.Array:
    """Random lower-case hexadecimal strings of ``width`` characters."""
    symbols = pa.array(list("0123456789abcdef"))
    columns = [symbols.take(pa.array(rng.integers(0, 16, size))) for _ in range(width)]
    return join(*columns)


def skewed_index(rng: np.random.Generator, population: int, size: int) -> Ints:
    """Indexes in [0, population) where low indexes are drawn more often (busy accounts)."""
    return np.minimum((population * rng.random(size) ** 1.7).astype(np.int64), population - 1)
