"""Name matches across institutions with anonlink: a narrow, typed wrapper.

anonlink ships no type information (no ``py.typed``); it is imported through ``importlib`` so
strict mypy sees only the typed function below.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Sequence
from typing import Any

from bitarray import bitarray

#: Dice coefficient from which two names count as the same name.
NAME_THRESHOLD = 0.9


def cross_dataset_matches(
    datasets: Sequence[Sequence[bitarray]], threshold: float = NAME_THRESHOLD
) -> list[tuple[float, int, int, int, int]]:
    """(dice, dataset_a, index_a, dataset_b, index_b) for every pair of filters in *different*
    datasets with a Dice coefficient of at least ``threshold``."""
    if sum(1 for dataset in datasets if dataset) < 2:
        return []
    with warnings.catch_warnings():  # anonlink still uses mypy_extensions.TypedDict
        warnings.simplefilter("ignore", DeprecationWarning)
        candidates: Any = importlib.import_module("anonlink.candidate_generation")
        similarities: Any = importlib.import_module("anonlink.similarities")
    sims, (dsets_a, dsets_b), (recs_a, recs_b) = candidates.find_candidate_pairs(
        list(datasets), similarities.dice_coefficient_accelerated, threshold
    )
    return [
        (float(s), int(da), int(ra), int(db), int(rb))
        for s, da, ra, db, rb in zip(sims, dsets_a, recs_a, dsets_b, recs_b, strict=True)
    ]
