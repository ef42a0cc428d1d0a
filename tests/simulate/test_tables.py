"""The column builder behind every simulated table."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from tipflow.simulate.clock import Clock, hours_profile
from tipflow.simulate.tables import Categorical, TableBuilder


def _builder() -> TableBuilder:
    return TableBuilder("t", {"n": pa.int64(), "s": pa.string()})


def test_batches_become_one_table_with_nulls_for_missing_columns() -> None:
    table = _builder()
    table.append(n=np.array([1, 2]), s=Categorical.choose(["a", "b"], np.array([1, 0])))
    table.append(n=np.array([3]))
    table.append(s=np.array(["free text"], dtype=object), n=np.array([4]))
    out = table.to_arrow()
    assert out["n"].to_pylist() == [1, 2, 3, 4]
    assert out["s"].cast(pa.string()).to_pylist() == ["b", "a", None, "free text"]


def test_categorical_minus_one_is_null() -> None:
    table = _builder()
    table.append(n=np.array([1, 2]), s=Categorical(np.array([0, -1]), ("x",)))
    assert table.to_arrow()["s"].cast(pa.string()).to_pylist() == ["x", None]


def test_unequal_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        _builder().append(n=np.array([1, 2]), s=Categorical.constant("x", 3))


def test_unknown_columns_are_refused() -> None:
    with pytest.raises(KeyError, match="unknown"):
        _builder().append(n=np.array([1]), extra=np.array([1]))


def test_periodic_days_repeat_within_the_period() -> None:
    clock = Clock.of(__import__("datetime").date(2024, 1, 1), 30)
    entity, day = clock.periodic_days(np.array([0, 5]), np.array([7, 30]))
    assert entity.tolist() == [0, 0, 0, 0, 0, 1]
    assert day.tolist() == [0, 7, 14, 21, 28, 5]


def test_hours_profile_only_draws_allowed_hours() -> None:
    clock = Clock.of(__import__("datetime").date(2024, 1, 1), 30)
    seconds = clock.seconds_in_hours(
        np.random.default_rng(0), hours_profile((22, 24, 1), (0, 2, 1)), 1000
    )
    assert set(np.unique(seconds // 3600)) <= {22, 23, 0, 1}
