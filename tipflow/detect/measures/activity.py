"""Window measures of an account's own activity: what it buys, who pays it, its cash.

Each is generic over the reference groups and bands its parameters name, so one measure
serves several catalogue indicators (ad micro-payments, hotel circuits, ride volume and phone
churn are all ``merchant_activity`` with different groups and gates).
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
from tipflow.detect.schema import Reference
from tipflow.engine.sql import sql_list


class MerchantActivity(MeasureParameters):
    """Debits at merchants of ``groups`` (or matching ``keyword`` lists) in a window."""

    groups: list[str]
    keywords: list[str] = []
    count: Literal["transactions", "merchants", "days", "cities", "total", "round"] = "transactions"
    round_to: float = 100.0  # "round" debits are multiples of this, at least this much
    min_days: int = 0  # distinct days with such a debit
    min_cities: int = 0  # distinct cities of those debits
    min_total: float = 0.0  # their total amount
    small_amount: float | None = None  # "small" debits are at most this
    min_small_share: float = 0.0  # share of the debits that are small
    min_night_share: float = 0.0  # share of the debits at night (or evening, see from_hour)
    from_hour: int | None = None  # count "night" from this hour instead of the reference
    min_foreign: int = 0  # debits to merchants abroad (cross-border)


def _merchant_legs(p: MerchantActivity, _: Reference) -> str:
    keyword = " OR ".join(f"kw_{name}" for name in p.keywords)
    matched = groups_any(p.groups) + (f" OR {keyword}" if keyword else "")
    return f"direction = 'out' AND channel <> 'cash' AND ({matched})"


def _merchant_aggregates(p: MerchantActivity, _: Reference) -> dict[str, str]:
    late = f"hour >= {p.from_hour} OR hour < 6" if p.from_hour is not None else "night"
    small = f"amount <= {p.small_amount}" if p.small_amount is not None else "true"
    return {
        "transactions": "count(*) FILTER (WHERE $match)",
        "merchants": "count(DISTINCT coalesce(merchant_name, cp_key)) FILTER (WHERE $match)",
        "days": "count(DISTINCT day) FILTER (WHERE $match)",
        "cities": "count(DISTINCT lower(city)) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
        "small": f"count(*) FILTER (WHERE $match AND {small})",
        "late": f"count(*) FILTER (WHERE $match AND ({late}))",
        "foreign": "count(*) FILTER (WHERE $match AND cross_border)",
        "round": f"count(*) FILTER (WHERE $match AND amount >= {p.round_to} "
        f"AND amount % {p.round_to} = 0)",
    }


def _merchant_gate(p: MerchantActivity) -> str:
    return active_gates(
        (p.min_days, "$days >= {}"),
        (p.min_cities, "$cities >= {}"),
        (p.min_total, "$total >= {}"),
        (p.min_small_share, "$small >= {} * $transactions"),
        (p.min_night_share, "$late >= {} * $transactions"),
        (p.min_foreign, "$foreign >= {}"),
    )


MERCHANT_ACTIVITY = WindowMeasure(
    name="merchant_activity",
    description="Debits at merchants of some groups in a window: count, merchants, days, "
    "cities or total, with optional gates on days, cities, totals, small and night shares.",
    parameters=MerchantActivity,
    legs=_merchant_legs,
    aggregates=_merchant_aggregates,
    value=lambda p: f"${p.count}",
    gate=_merchant_gate,
    detail=lambda p: (
        f"concat({fmt('$transactions')}, ' debits at {'/'.join(p.groups)} merchants, ', "
        f"{fmt('$merchants')}, ' merchants in ', {fmt('$cities')}, ' cities on ', "
        f"{fmt('$days')}, ' days, total ', {fmt('$total')})"
    ),
)


class InboundFanIn(MeasureParameters):
    """Credits from many distinct counterparties in a window."""

    channels: list[str] = ["p2p", "wire", "ach", "remittance", "internal", "crypto", "other"]
    individuals_only: bool = True  # count only counterparties that are individuals
    min_amount: float = 0.0
    max_amount: float | None = None
    min_band_share: float = 0.0  # share of the credits inside [min_amount, max_amount]
    min_night_share: float = 0.0
    min_cities: int = 0  # distinct cities (or countries) the credits came from
    country_lists: list[str] = []  # count credits from these reference lists
    min_listed: int = 0
    min_one_off_share: float = 0.0  # share of senders who paid only once in the window
    keywords: list[str] = []  # only credits whose memo matches these keyword lists


def _fan_in_legs(p: InboundFanIn, _: Reference) -> str:
    channels = sql_list(p.channels)
    person = " AND cp_person" if p.individuals_only else ""
    words = " OR ".join(f"kw_{name}" for name in p.keywords)
    keyword = f" AND ({words})" if words else ""
    return (
        f"direction = 'in' AND channel IN ({channels}) AND NOT coalesce(own_transfer, false)"
        f"{person}{keyword}"
    )


def _fan_in_aggregates(p: InboundFanIn, _: Reference) -> dict[str, str]:
    upper = f" AND amount <= {p.max_amount}" if p.max_amount is not None else ""
    listed = lists_any(p.country_lists) if p.country_lists else "false"
    return {
        "senders": "count(DISTINCT cp_key) FILTER (WHERE $match)",
        "credits": "count(*) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
        "band": f"count(*) FILTER (WHERE $match AND amount >= {p.min_amount}{upper})",
        "late": "count(*) FILTER (WHERE $match AND night)",
        "places": "count(DISTINCT coalesce(lower(city), cp_country)) FILTER (WHERE $match)",
        "listed": f"count(*) FILTER (WHERE $match AND {listed})",
    }


def _fan_in_gate(p: InboundFanIn) -> str:
    return active_gates(
        (p.min_band_share, "$band >= {} * $credits"),
        (p.min_night_share, "$late >= {} * $credits"),
        (p.min_cities, "$places >= {}"),
        (p.min_listed, "$listed >= {}"),
        # one-off senders: distinct senders over credits approximates the one-off share
        (p.min_one_off_share, "$senders >= {} * $credits"),
    )


INBOUND_FAN_IN = WindowMeasure(
    name="inbound_fan_in",
    description="Distinct counterparties crediting the account in a window, with gates on "
    "the amount band, night share, places of origin and listed countries.",
    parameters=InboundFanIn,
    legs=_fan_in_legs,
    aggregates=_fan_in_aggregates,
    value=lambda p: "$senders",
    gate=_fan_in_gate,
    detail=lambda p: (
        f"concat({fmt('$senders')}, ' distinct senders made ', {fmt('$credits')}, "
        f"' credits totalling ', {fmt('$total')}, ' (', {fmt('$band')}, ' in band, ', "
        f"{fmt('$late')}, ' at night, from ', {fmt('$places')}, ' places)')"
    ),
)


class CashEvents(MeasureParameters):
    """Cash deposits and/or withdrawals in a window: at night, away from home, or large."""

    direction: Literal["in", "out", "both"] = "both"
    count: Literal["events", "night", "away", "cities", "total", "third_party"] = "events"
    min_night_share: float = 0.0
    min_away_share: float = 0.0  # share of the events outside the holder's home city
    min_cities: int = 0
    min_amount: float = 0.0  # only events at least this large count


def _cash_legs(p: CashEvents, _: Reference) -> str:
    direction = "" if p.direction == "both" else f" AND direction = '{p.direction}'"
    return f"channel = 'cash' AND amount >= {p.min_amount}{direction}"


CASH_EVENTS = WindowMeasure(
    name="cash_events",
    description="Cash events in a window: how many, how many at night or away from home, "
    "in how many cities, for how much.",
    parameters=CashEvents,
    legs=_cash_legs,
    aggregates=lambda p, _: {
        "events": "count(*) FILTER (WHERE $match)",
        "night": "count(*) FILTER (WHERE $match AND night)",
        "away": "count(*) FILTER (WHERE $match AND city IS NOT NULL AND NOT in_home_city)",
        "cities": "count(DISTINCT lower(city)) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
        "third_party": "count(*) FILTER (WHERE $match AND third_party_cash)",
    },
    value=lambda p: f"${p.count}",
    gate=lambda p: active_gates(
        (p.min_night_share, "$night >= {} * $events"),
        (p.min_away_share, "$away >= {} * $events"),
        (p.min_cities, "$cities >= {}"),
    ),
    detail=lambda p: (
        f"concat({fmt('$events')}, ' cash events (', {fmt('$night')}, ' at night, ', "
        f"{fmt('$away')}, ' away from home, ', {fmt('$third_party')}, ' by third parties, in ', "
        f"{fmt('$cities')}, ' cities), total ', "
        f"{fmt('$total')})"
    ),
)


class PrepaidEvents(MeasureParameters):
    """Loads to prepaid cards, card-to-card transfers to prepaid cards, and rounded prepaid,
    gift-card or convenience-store purchases (HT-SEX-16)."""

    round_to: float = 100.0


def _prepaid_legs(p: PrepaidEvents, _: Reference) -> str:
    rounded = f"amount >= {p.round_to} AND amount % {p.round_to} = 0"
    return (
        "NOT coalesce(own_transfer, false) AND ("
        "(direction = 'in' AND holder_account_type = 'prepaid_card')"
        " OR (direction = 'out' AND other_account_type = 'prepaid_card')"
        f" OR (direction = 'out' AND ({groups_any(['PREPAID_GIFT'])} OR kw_prepaid))"
        f" OR (direction = 'out' AND {groups_any(['CONVENIENCE'])} AND {rounded}))"
    )


PREPAID_EVENTS = WindowMeasure(
    name="prepaid_events",
    description="Prepaid-card loads, transfers to prepaid cards and rounded prepaid or "
    "gift-card purchases in a window.",
    parameters=PrepaidEvents,
    legs=_prepaid_legs,
    aggregates=lambda p, _: {
        "events": "count(*) FILTER (WHERE $match)",
        "total": "coalesce(sum(amount) FILTER (WHERE $match), 0)",
    },
    value=lambda p: "$events",
    detail=lambda p: (
        f"concat({fmt('$events')}, ' prepaid or gift-card events, total ', {fmt('$total')})"
    ),
)
