"""Horizontal bar charts of the KPIs, laid out here and drawn by the page as inline SVG.

No chart library and no script: the server computes every bar's place and length, the
template writes ``<rect>`` and ``<text>`` elements (escaped like all text), and the same
figures stand in a table beside each chart for screen readers and for copying.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LABEL_LIMIT = 28  # characters of a bar's label (an institution's name can be long)


@dataclass(frozen=True)
class Bar:
    label: str  # as drawn (shortened)
    full_label: str
    value: float
    shown: str  # the figure as written beside the bar
    y: int
    length: float


@dataclass(frozen=True)
class BarChart:
    key: str  # names the chart in the page (``data-chart``)
    title: str
    bars: tuple[Bar, ...]
    width: int = 520
    label_width: int = 190
    bar_height: int = 20
    gap: int = 8

    @property
    def height(self) -> int:
        return self.gap + len(self.bars) * (self.bar_height + self.gap)

    @property
    def plot_width(self) -> int:
        """Room for the longest bar, leaving space for its figure after it."""
        return self.width - self.label_width - 60


def bar_chart(
    key: str, title: str, values: Mapping[str, float | None], *, decimals: int = 0
) -> BarChart:
    """A chart of ``values`` in their order; values that are None (no data yet) are left out."""
    known = [(label, float(value)) for label, value in values.items() if value is not None]
    largest = max((value for _, value in known), default=0.0)
    chart = BarChart(key=key, title=title, bars=())
    bars = tuple(
        Bar(
            label=_short(label),
            full_label=label,
            value=value,
            shown=f"{value:,.{decimals}f}",
            y=chart.gap + index * (chart.bar_height + chart.gap),
            length=round(chart.plot_width * value / largest, 1) if largest > 0 else 0.0,
        )
        for index, (label, value) in enumerate(known)
    )
    return BarChart(key=key, title=title, bars=bars)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"
