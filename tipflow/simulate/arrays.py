"""Array types the simulator passes around (NumPy, one element per row)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.object_]  # Python str (or None) per element
TimeArray = npt.NDArray[np.datetime64]
AnyArray = npt.NDArray[Any]


def text_where(mask: BoolArray, value: Any, otherwise: str | None = None) -> StrArray:
    """Per row: ``value`` (a str, or an array of them) where ``mask``, else ``otherwise``."""
    out = strings(otherwise, len(mask))
    chosen = np.asarray(value, dtype=object)
    out[mask] = chosen[mask] if chosen.ndim else chosen
    return out


def strings(values: Any, length: int | None = None) -> StrArray:
    """An object array of str (or None): a scalar is repeated ``length`` times."""
    if isinstance(values, str) or values is None:
        assert length is not None
        out = np.empty(length, dtype=object)
        out[:] = values
        return out
    return np.asarray(values, dtype=object)
