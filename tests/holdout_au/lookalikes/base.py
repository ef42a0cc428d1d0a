"""Helpers for innocent look-alike personas."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.world import World


def instances(w: World) -> int:
    return max(5, round(w.customers / 600))


def la(
    w: World,
    rng: np.random.Generator,
    code: str,
    home: int,
    inst: str = "SCB",
    kind: str = "current",
    person: object = None,
    **kw: object,
) -> tuple[object, str]:
    p = person or w.person(rng, home=home, **kw)
    a = w.account(p, inst, kind, rng=rng)
    w.lookalike(a, code)
    return p, a


def biz(w, rng, code, name, isic, home, inst="SCB", **kw):
    o = w.org(rng, name, isic, home, **kw)
    a = w.account(o, inst, "business", rng=rng)
    w.lookalike(a, code)
    return o, a
