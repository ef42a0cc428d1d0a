"""Window measures of the mix of an account's money: which credits, which share of the flow,
how many places.

* ``credits``: credits of a kind (channel, merchant group, keywords, from individuals, from
  abroad), counted, summed, by distinct senders, or by the share that arrives late.
* ``flow_mix``: the share of an account's inflow or outflow that is of a kind (payroll in a
  business's outflow, groceries in a spa's spending, cash in a front's turnover), or its
  complement, for "almost none of X" indicators.
* ``places``: distinct cities an account transacts in.
"""

from __future__ import annotations

from typing import Literal

from tipflow.detect.measures.base import (
    MeasureParameters,
    WindowMeasure,
    active_gates,
    fmt,
    groups_any,
    lists_any,
)
from tipflow.engine.sql import sql_list


class LegKind(MeasureParameters):
    """Which legs are "of the kind"; every set field must hold (empty fields are ignored)."""

    channels: list[str] = []
    groups: list[str] = []
    keywords: list[str] = []
    individuals: bool | None = None  # counterparty is (True) or is not (False) an individual
    cross_border: bool | None = None
    country_lists: list[str] = []
    min_amount: float = 0.0
    cash_or_individual: bool = False  # cash, or a counterparty who is an individual
    exclude_keywords: list[str] = []


def kind_sql(kind: LegKind) -> str:
    parts = ["true"]
    if kind.channels:
        parts.append("channel IN (" + sql_list(kind.channels) + ")")
    if kind.groups:
        parts.append(groups_any(kind.groups))
    if kind.keywords:
        parts.append("(" + " OR ".join(f"kw_{k}" for k in kind.keywords) + ")")
    if kind.individuals is not None:
        parts.append(
            "coalesce(cp_person, false)" if kind.individuals else "NOT coalesce(cp_person, false)"
        )
    if kind.cross_border is not None:
        parts.append("cross_border" if kind.cross_border else "NOT cross_border")
    if kind.country_lists:
        parts.append(lists_any(kind.country_lists))
    if kind.min_amount:
        parts.append(f"amount >= {kind.min_amount}")
    if kind.cash_or_individual:
        parts.append("(channel = 'cash' OR coalesce(cp_person, false))")
    if kind.exclude_keywords:
        parts.append("NOT (" + " OR ".join(f"kw_{k}" for k in kind.exclude_keywords) + ")")
    return " AND ".join(parts)


class Credits(LegKind):
    count: Literal["transactions", "senders", "total", "late_share", "round"] = "transactions"
    from_hour: int = 21  # "late" credits arrive from this hour to 06:00
    round_to: float = 100.0  # a "round" amount is a multiple of this
    min_transactions: int = 0
    min_total: float = 0.0


CREDITS = WindowMeasure(
    name="credits",
    description="Credits of a kind: how many, from how many senders, how much, the share "
    "arriving late, or how many are round amounts.",
    parameters=Credits,
    legs=lambda p, _: f"direction = 'in' AND NOT coalesce(own_transfer, false) AND {kind_sql(p)}",
    aggregates=lambda p, _: {
        "transactions": "count(*) FILTER (WHERE $match)",
        "senders": "count(DISTINCT cp_key) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
        "late": f"count(*) FILTER (WHERE $match AND (hour >= {p.from_hour} OR hour < 6))",
        "round": f"count(*) FILTER (WHERE $match AND amount % {p.round_to} = 0)",
    },
    value=lambda p: (
        "$late / greatest($transactions, 1)" if p.count == "late_share" else f"${p.count}"
    ),
    gate=lambda p: active_gates(
        (p.min_transactions, "$transactions >= {}"), (p.min_total, "$total >= {}")
    ),
    detail=lambda p: (
        f"concat({fmt('$transactions')}, ' credits from ', {fmt('$senders')}, ' senders, total ', "
        f"{fmt('$total')}, ', ', {fmt('100 * $late / greatest($transactions, 1)')}, "
        f"'% after {p.from_hour}:00, ', {fmt('$round')}, ' round')"
    ),
)


class FlowMix(LegKind):
    direction: Literal["in", "out"] = "out"
    complement: bool = False  # measure the share that is NOT of the kind
    min_total: float = 0.0  # the whole flow in that direction must reach this
    min_transactions: int = 0


def _mix_value(p: FlowMix) -> str:
    share = "$part / greatest($whole, 1e-9)"
    return f"1 - {share}" if p.complement else share


FLOW_MIX = WindowMeasure(
    name="flow_mix",
    description="The share of an account's inflow or outflow that is of a kind (or not).",
    parameters=FlowMix,
    legs=lambda p, _: f"direction = '{p.direction}' AND NOT coalesce(own_transfer, false)",
    aggregates=lambda p, _: {
        "whole": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
        "count": "count(*) FILTER (WHERE $match)",
        "part": f"coalesce(sum(amount) FILTER (WHERE $match AND {kind_sql(p)}), 0)",
    },
    value=_mix_value,
    gate=lambda p: active_gates(
        (p.min_total, "$whole >= {}"), (p.min_transactions, "$count >= {}")
    ),
    detail=lambda p: (
        f"concat({fmt('100 * $part / greatest($whole, 1e-9)')}, '% of ', {fmt('$whole')}, "
        f"' {'received' if p.direction == 'in' else 'paid out'} is of the kind measured')"
    ),
)


class Places(MeasureParameters):
    channels: list[str] = ["card", "cash"]
    min_transactions: int = 0


PLACES = WindowMeasure(
    name="places",
    description="Distinct cities the account transacts in (cards and cash by default).",
    parameters=Places,
    legs=lambda p, _: "city IS NOT NULL AND channel IN (" + sql_list(p.channels) + ")",
    aggregates=lambda p, _: {
        "cities": "count(DISTINCT lower(city)) FILTER (WHERE $match)",
        "transactions": "count(*) FILTER (WHERE $match)",
    },
    value=lambda p: "$cities",
    gate=lambda p: active_gates((p.min_transactions, "$transactions >= {}")),
    detail=lambda p: (
        f"concat({fmt('$transactions')}, ' transactions in ', {fmt('$cities')}, ' cities')"
    ),
)
