"""The timeline picture of a case page: when money moved, how much, by which channel.

Top panel: one point per transaction (time across, amount up on a log scale, since a 20.00
card payment and a 9,000.00 wire belong in one picture), coloured by channel, shaped by
direction; the transactions the evidence names are large and ringed in black, the others
small and pale. A case with more flows than ``AGGREGATE_ABOVE`` gets one point per day,
direction and channel instead (sized by how many transactions it sums), so that a busy
network stays readable. Bottom panel: money in and out per day.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullLocator

from tipflow.report.html.labels import channel_name
from tipflow.report.html.svg import picture_style, save_svg
from tipflow.report.html.workspace import CaseFlows, FlowPoint

# Fixed colours for the contract's channels, so a channel looks the same on every page.
CHANNEL_COLOURS = {
    "cash": "#2e7d32",
    "card": "#6a1b9a",
    "ach": "#1565c0",
    "wire": "#c62828",
    "p2p": "#ef6c00",
    "remittance": "#00838f",
    "crypto": "#b8860b",
    "internal": "#546e7a",
    "cheque": "#8d6e63",
}
OTHER_CHANNEL_COLOURS = ("#ad1457", "#283593", "#558b2f", "#4e342e", "#00695c", "#6d4c41")
DIRECTION_MARKERS = {"in": "^", "out": "v", "within": "o", "other": "D"}
DIRECTION_COLOURS = {"in": "#1e8449", "within": "#95a5a6", "out": "#c0392b"}
LEGEND_HEADINGS = ("Channel (colour)", "Direction (shape)", "Bars: money per day")


def channel_colours(channels: set[str]) -> dict[str, str]:
    """A colour per channel: the fixed ones, then the spare ones in name order."""
    spare = iter(OTHER_CHANNEL_COLOURS * (1 + len(channels) // len(OTHER_CHANNEL_COLOURS)))
    return {c: CHANNEL_COLOURS.get(c.lower()) or next(spare) for c in sorted(channels)}


def direction_words(lone: bool) -> dict[str, str]:
    subject = "the account" if lone else "the case's accounts"
    return {
        "in": f"into {subject}",
        "out": f"out of {subject}",
        "within": "between the case's accounts",
        "other": "other accounts' (evidence)",
    }


def draw_timeline(flows: CaseFlows, out: Path, *, lone: bool) -> None:
    """Write the timeline of ``flows`` to ``out`` (an SVG file)."""
    with picture_style():
        figure, (amounts, daily) = plt.subplots(
            2, 1, figsize=(11, 5.8), sharex=True, height_ratios=[3, 1.2]
        )
        # Fixed margins with the legend in the right-hand strip: a layout engine would cost
        # more time than the drawing itself.
        figure.subplots_adjust(left=0.085, right=0.745, top=0.97, bottom=0.07, hspace=0.08)
        if flows.points:
            colours = channel_colours({p.channel for p in flows.points})
            _plot_points(amounts, flows, colours)
            _plot_daily(daily, flows.points)
            _format_axes(amounts, daily, flows)
            handles = _legend_handles(flows, colours, lone)
            legend = figure.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(0.765, 0.97),
                fontsize=8,
                frameon=False,
            )
            for text in legend.get_texts():
                if text.get_text() in LEGEND_HEADINGS:
                    text.set_fontweight("bold")
        else:
            amounts.text(0.5, 0.5, "No money flows recorded for these accounts.",
                         ha="center", va="center", transform=amounts.transAxes)  # fmt: skip
            amounts.set_axis_off()
            daily.set_axis_off()
        save_svg(figure, out)
        plt.close(figure)


def _plot_points(axes: Any, flows: CaseFlows, colours: dict[str, str]) -> None:
    groups: dict[tuple[bool, str, str], list[FlowPoint]] = defaultdict(list)
    for point in flows.points:
        if point.amount > 0:  # a log scale has no room for zero
            groups[(point.evidence_count > 0, point.direction, point.channel)].append(point)
    # Background first, evidence on top of it.
    for (evidence, direction, channel), points in sorted(groups.items()):
        sizes = [_size(p, flows.aggregated, evidence) for p in points]
        axes.scatter(
            [p.when for p in points],
            [p.amount for p in points],
            s=sizes,
            marker=DIRECTION_MARKERS.get(direction, "o"),
            color=colours[channel],
            alpha=0.95 if evidence else 0.35,
            edgecolors="black" if evidence else "none",
            linewidths=0.9 if evidence else 0,
            zorder=3 if evidence else 2,
        )


def _size(point: FlowPoint, aggregated: bool, evidence: bool) -> float:
    base = 46.0 if evidence else 16.0
    return base * min(4.0, math.sqrt(point.count)) if aggregated else base


def _plot_daily(axes: Any, points: tuple[FlowPoint, ...]) -> None:
    totals: dict[tuple[dt.date, str], float] = defaultdict(float)
    for point in points:
        totals[(point.when.date(), point.direction)] += point.amount
    days = sorted({day for day, _ in totals})
    noon = [dt.datetime.combine(day, dt.time(12)) for day in days]
    into = [totals.get((day, "in"), 0.0) for day in days]
    within = [totals.get((day, "within"), 0.0) for day in days]
    out = [-totals.get((day, "out"), 0.0) for day in days]
    # One collection of thick lines per direction, not a rectangle per day: same look, a
    # fraction of the drawing time.
    width = max(1.0, min(6.0, 420 / max(1, (days[-1] - days[0]).days + 1)))  # points
    stacked = [a + b for a, b in zip(into, within, strict=True)]
    axes.vlines(noon, 0, into, linewidth=width, color=DIRECTION_COLOURS["in"])
    axes.vlines(noon, into, stacked, linewidth=width, color=DIRECTION_COLOURS["within"])
    axes.vlines(noon, 0, out, linewidth=width, color=DIRECTION_COLOURS["out"])
    axes.axhline(0, color="#34495e", linewidth=0.6)


def _format_axes(amounts: Any, daily: Any, flows: CaseFlows) -> None:
    currency = flows.currencies[0] if len(flows.currencies) == 1 else "base currency"
    currency = "base currency" if currency == "base" else currency
    what = "Daily total per channel" if flows.aggregated else "Amount"
    amounts.set_yscale("log")
    amounts.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    amounts.yaxis.set_minor_locator(NullLocator())
    amounts.set_ylabel(f"{what} ({currency}), log scale")
    amounts.grid(axis="y", color="#e5e8e8", linewidth=0.6)
    daily.set_ylabel(f"Per day ({currency})\nin ↑  out ↓")
    daily.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):,.0f}"))
    daily.grid(axis="y", color="#e5e8e8", linewidth=0.6)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    daily.xaxis.set_major_locator(locator)
    daily.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    )


def _legend_handles(flows: CaseFlows, colours: dict[str, str], lone: bool) -> list[Any]:
    words = direction_words(lone)
    directions = {p.direction for p in flows.points}
    handles: list[Any] = [Line2D([], [], linestyle="", label=LEGEND_HEADINGS[0])]
    handles += [
        Line2D([], [], marker="o", linestyle="", markersize=7, color=colour,
               label=channel_name(channel))
        for channel, colour in colours.items()
    ]  # fmt: skip
    handles.append(Line2D([], [], linestyle="", label=LEGEND_HEADINGS[1]))
    handles += [
        Line2D([], [], marker=DIRECTION_MARKERS[d], linestyle="", markersize=7, color="#566573",
               label=words[d])
        for d in DIRECTION_MARKERS if d in directions
    ]  # fmt: skip
    handles.append(
        Line2D([], [], marker="o", linestyle="", markersize=8, color="white",
               markeredgecolor="black", markeredgewidth=1.2, label="named by the evidence")
    )  # fmt: skip
    if flows.aggregated:
        handles.append(
            Line2D([], [], marker="o", linestyle="", markersize=11, color="#d5d8dc",
                   label="a day's total (bigger: more)")
        )  # fmt: skip
    handles.append(Line2D([], [], linestyle="", label=LEGEND_HEADINGS[2]))
    handles += [
        Patch(color=DIRECTION_COLOURS[d], label=words[d])
        for d in DIRECTION_COLOURS if d in directions
    ]  # fmt: skip
    return handles
