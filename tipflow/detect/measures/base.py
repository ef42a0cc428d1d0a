"""What a measure is: the code behind an indicator, parameterised by the library's YAML.

Two shapes, because they run differently:

* :class:`WindowMeasure`: aggregates of one account's legs in one time window (counts, sums,
  distinct counterparties or cities, shares). The engine compiles every window measure of the
  same window length into **one** ``GROUP BY account, window`` pass over ``legs``: a measure
  only supplies which legs it looks at (``legs``), its aggregates, its measured value and any
  extra gates, as SQL fragments. ``$match`` in an aggregate stands for the legs filter;
  ``$name`` in ``value``/``gate``/``detail`` for the aggregate ``name``.
* :class:`QueryMeasure`: anything else (pairings in time, graphs, shared identifiers): a whole
  SELECT that returns ``account_id, value, transaction_ids, detail`` (one or more rows per
  account; the engine keeps the highest value).

Parameters are a pydantic model per measure, so a typo in the YAML is an error at load time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from tipflow.detect.legs import column_name
from tipflow.detect.schema import Reference


class MeasureParameters(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class QueryContext:
    """What a query measure may need besides its parameters."""

    reference: Reference
    window_days: int | None  # None: the whole period is one window
    start: str  # ISO date of the first day of the data

    def window_of(self, ts: str, shift: str = "0") -> str:
        """SQL for the window index of timestamp expression ``ts``; ``shift`` (SQL, in days)
        moves the grid, e.g. by half a window for a second, staggered set of windows."""
        if self.window_days is None:
            return "0"
        return (
            f"((date_diff('day', DATE '{self.start}', {ts}::DATE) + {shift}) // {self.window_days})"
        )


@dataclass(frozen=True)
class WindowMeasure:
    name: str
    description: str
    parameters: type[MeasureParameters]
    legs: Callable[[Any, Reference], str]
    aggregates: Callable[[Any, Reference], dict[str, str]]
    value: Callable[[Any], str]
    detail: Callable[[Any], str]
    gate: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class QueryMeasure:
    name: str
    description: str
    parameters: type[MeasureParameters]
    query: Callable[[Any, QueryContext], str]
    second_pass: bool = False  # reads the ``evidence`` of the first pass
    after_scoring: bool = False  # reads ``account_scores`` and ``ties`` (the network context)


Measure = WindowMeasure | QueryMeasure


def groups_any(groups: list[str], alias: str = "") -> str:
    """SQL: the leg's merchant category is in any of the reference ``groups``."""
    prefix = f"{alias}." if alias else ""
    return "(" + " OR ".join(prefix + column_name("mcc_", g) for g in groups) + ")"


def lists_any(lists: list[str], alias: str = "") -> str:
    """SQL: the leg's counterparty country is on any of the reference country ``lists``."""
    prefix = f"{alias}." if alias else ""
    return "(" + " OR ".join(prefix + column_name("cp_in_", name) for name in lists) + ")"


def fmt(expression: str, digits: int = 0) -> str:
    """SQL text of a number, for detail strings."""
    return f"printf('%,.{digits}f', ({expression})::DOUBLE)"


def active_gates(*conditions: tuple[float, str]) -> str:
    """``AND`` of the conditions whose threshold is set (non-zero): ``(p.min_days, "$days >=
    {}")``. A gate at zero always holds, and computing its aggregate would cost a pass."""
    parts = [template.format(limit) for limit, template in conditions if limit]
    return " AND ".join(parts) or "true"
