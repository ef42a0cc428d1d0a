"""An independent synthetic-world generator used only to measure how tipflow generalises."""

from __future__ import annotations

from tests.holdout.generate import write_holdout_world

__all__ = ["write_holdout_world"]
