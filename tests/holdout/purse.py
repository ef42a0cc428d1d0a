"""Running balances of crime accounts, so that their outflows never outrun what came in."""

from __future__ import annotations

import numpy as np

from tests.holdout.world import Arr, World


class Purse:
    """The daily balance of one account from the rows written so far (starting at ``opening``)."""

    def __init__(self, w: World, acct: str, opening: float = 0.0) -> None:
        net = np.zeros(w.days + 1)
        for r in w.rows:
            if r["_dst"] == acct:
                net[r["_t"] // 86400] += r["amount"]
            if r["_src"] == acct:
                net[r["_t"] // 86400] -= r["amount"]
        self.bal: Arr = np.cumsum(net) + opening
        self.acct = acct

    def take(self, day: int, want: float, step: float = 0.01) -> float:
        """How much of ``want`` (in whole ``step``s) can leave on ``day`` without any later day
        going negative; that much is taken."""
        day = min(max(day, 0), len(self.bal) - 1)
        room = max(float(self.bal[day:].min()), 0.0)
        amount = round(float(np.floor(min(want, room) / step)) * step, 2)
        self.bal[day:] -= amount
        return amount

    def give(self, day: int, amount: float) -> None:
        self.bal[min(max(day, 0), len(self.bal) - 1) :] += amount
