"""The account page's timeline picture, drawn with the case reports' painter and kept in memory.

Drawing takes a few tenths of a second, so a picture is kept for the accounts opened last
(results do not change while the server runs). Matplotlib's figure machinery is not safe
across threads, hence one drawing at a time.
"""

from __future__ import annotations

import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from tipflow.report.html.timeline import draw_timeline
from tipflow.report.html.workspace import CaseFlows

KEPT = 64


class TimelinePictures:
    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._pictures: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def svg(self, account_id: str, flows: Callable[[], CaseFlows]) -> bytes:
        """The SVG of the account's ``flows()``, read and drawn on first use."""
        with self._lock:
            picture = self._pictures.get(account_id)
            if picture is None:
                picture = _draw(flows())
                self._pictures[account_id] = picture
                if len(self._pictures) > self._kept:
                    self._pictures.popitem(last=False)
            self._pictures.move_to_end(account_id)
            return picture


def _draw(flows: CaseFlows) -> bytes:
    with tempfile.TemporaryDirectory(prefix="tipflow-ui-") as folder:
        out = Path(folder) / "timeline.svg"
        draw_timeline(flows, out, lone=True)
        return out.read_bytes()
