"""Matplotlib settings and SVG writing shared by the case pages' pictures.

Two things matter beyond looks. **Determinism**: the same case gives the same bytes (a fixed
``svg.hashsalt`` for element ids, no date or creator metadata), so a report can be compared
and its manifest checksums mean something. **Untrusted text**: names from bank data end up as
labels; mathtext is off so a ``$`` in a name is a dollar sign rather than a formula (or a
crash), and nothing in the file points to the network (no DTD or metadata URLs; only the
XML namespaces an SVG needs).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

# Keys typed loosely: matplotlib's stubs want literal rc names, a constant dict cannot say so.
PICTURE_STYLE: dict[Any, Any] = {
    "svg.hashsalt": "tipflow-case-report",
    "svg.fonttype": "path",  # glyphs as shapes: the picture looks the same without the font
    "text.parse_math": False,
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
# Every metadata key matplotlib fills in by default, set to None so none is written.
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_DOCTYPE_START = "<!DOCTYPE svg"
# Matplotlib turns "--" inside a comment's text into "- ", so the first "-->" ends it.
_COMMENT = re.compile(r"[ \t]*<!--.*?-->\n?", re.DOTALL)


@contextmanager
def picture_style() -> Iterator[None]:
    """Matplotlib settings for drawing a picture (text is parsed when drawn, not saved)."""
    with matplotlib.rc_context(PICTURE_STYLE):
        yield


def save_svg(figure: Any, out: Path) -> None:
    """Write ``figure`` to ``out`` as a standalone SVG file without external references."""
    buffer = io.StringIO()
    with picture_style():
        figure.savefig(buffer, format="svg", metadata=_NO_METADATA)
    out.write_text(_standalone(buffer.getvalue()), encoding="utf-8", newline="\n")


def _standalone(svg: str) -> str:
    """Drop the DOCTYPE (its DTD URL is never needed to show the picture) and the comments
    matplotlib adds with each label's text (the labels are drawn as shapes; a copy of bank
    text in a comment only carries whatever it holds, URLs included, into the file)."""
    start = svg.find(_DOCTYPE_START)
    if start >= 0:
        end = svg.index(">", start)
        svg = svg[:start] + svg[end + 1 :].lstrip("\n")
    return _COMMENT.sub("", svg)
