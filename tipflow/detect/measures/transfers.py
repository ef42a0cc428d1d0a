"""Window measures of transfers: memo keywords, outbound transfers by recipient and country,
amounts kept just under a reporting threshold."""

from __future__ import annotations

from typing import Literal

from tipflow.detect.measures.base import (
    MeasureParameters,
    WindowMeasure,
    active_gates,
    fmt,
    lists_any,
)
from tipflow.detect.schema import Reference
from tipflow.engine.sql import sql_list


class KeywordTransactions(MeasureParameters):
    """Transactions whose memo or counterparty name matches reference keyword lists."""

    keywords: list[str]
    direction: Literal["in", "out", "both"] = "both"
    count: Literal["transactions", "counterparties"] = "transactions"


def _keyword_legs(p: KeywordTransactions, _: Reference) -> str:
    words = " OR ".join(f"kw_{name}" for name in p.keywords)
    direction = "" if p.direction == "both" else f" AND direction = '{p.direction}'"
    return f"({words}){direction} AND merchant_name IS NULL"


KEYWORD_TRANSACTIONS = WindowMeasure(
    name="keyword_transactions",
    description="Transactions whose memo or counterparty name uses words of a keyword list.",
    parameters=KeywordTransactions,
    legs=_keyword_legs,
    aggregates=lambda p, _: {
        "transactions": "count(*) FILTER (WHERE $match)",
        "counterparties": "count(DISTINCT cp_key) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
    },
    value=lambda p: f"${p.count}",
    detail=lambda p: (
        f"concat({fmt('$transactions')}, ' transactions with {'/'.join(p.keywords)} wording, ', "
        f"{fmt('$counterparties')}, ' counterparties, total ', {fmt('$total')})"
    ),
)


class OutboundTransfers(MeasureParameters):
    """Debits by transfer to counterparties, optionally abroad or to listed countries."""

    channels: list[str] = ["p2p", "wire", "ach", "remittance", "internal", "crypto", "other"]
    individuals_only: bool = False
    cross_border_only: bool = False
    country_lists: list[str] = []
    exclude_nationality: bool = False  # not to the holder's country of nationality
    below_threshold: Literal["none", "cash_report", "wire_record"] = "none"
    min_amount: float = 0.0
    keywords: list[str] = []
    count: Literal["transactions", "recipients", "total", "countries"] = "transactions"
    min_recipients: int = 0
    min_total: float = 0.0


def _outbound_legs(p: OutboundTransfers, reference: Reference) -> str:
    parts = [
        "direction = 'out'",
        f"channel IN ({sql_list(p.channels)})",
        "NOT coalesce(own_transfer, false)",
        f"amount >= {p.min_amount}",
    ]
    if p.individuals_only:
        parts.append("cp_person")
    if p.cross_border_only:
        parts.append("cross_border")
    if p.country_lists:
        parts.append(lists_any(p.country_lists))
    if p.exclude_nationality:
        parts.append("cp_country IS DISTINCT FROM holder_nationality")
    if p.below_threshold != "none":
        parts.append(f"amount < {getattr(reference.thresholds, p.below_threshold)}")
    if p.keywords:
        parts.append("(" + " OR ".join(f"kw_{k}" for k in p.keywords) + ")")
    return " AND ".join(parts)


OUTBOUND_TRANSFERS = WindowMeasure(
    name="outbound_transfers",
    description="Outbound transfers in a window: how many, to how many recipients or "
    "countries, for how much; optionally only abroad, to listed countries, or under a threshold.",
    parameters=OutboundTransfers,
    legs=_outbound_legs,
    aggregates=lambda p, _: {
        "transactions": "count(*) FILTER (WHERE $match)",
        "recipients": "count(DISTINCT cp_key) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
        "countries": "count(DISTINCT cp_country) FILTER (WHERE $match)",
    },
    value=lambda p: f"${p.count}",
    gate=lambda p: active_gates(
        (p.min_recipients, "$recipients >= {}"), (p.min_total, "$total >= {}")
    ),
    detail=lambda p: (
        f"concat({fmt('$transactions')}, ' outbound transfers to ', {fmt('$recipients')}, "
        f"' recipients in ', {fmt('$countries')}, ' countries, total ', {fmt('$total')})"
    ),
)


class ThresholdBand(MeasureParameters):
    """Events in the sub-threshold band [low x T, T) of a reporting threshold T."""

    threshold: Literal["cash_report", "wire_record"] = "cash_report"
    channels: list[str] = ["cash"]
    direction: Literal["in", "out", "both"] = "both"


def _band_legs(p: ThresholdBand, reference: Reference) -> str:
    limit = getattr(reference.thresholds, p.threshold)
    low = limit * reference.thresholds.sub_threshold_low
    direction = "" if p.direction == "both" else f" AND direction = '{p.direction}'"
    return (
        f"channel IN ({sql_list(p.channels)}) AND amount >= {low} AND amount < {limit}{direction}"
    )


THRESHOLD_BAND = WindowMeasure(
    name="threshold_band",
    description="Cash or transfer events just under a reporting threshold (structuring).",
    parameters=ThresholdBand,
    legs=_band_legs,
    aggregates=lambda p, _: {
        "events": "count(*) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
    },
    value=lambda p: "$events",
    detail=lambda p: (
        f"concat({fmt('$events')}, ' events just under the {p.threshold.replace('_', ' ')} "
        f"threshold, total ', {fmt('$total')})"
    ),
)
