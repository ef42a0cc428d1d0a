"""The shapes of AMLworld's laundering patterns, as legs between a network's accounts.

Altman et al., "Realistic Synthetic Financial Transactions for Anti-Money Laundering Models"
(NeurIPS 2023), generate eight patterns; its published pattern files (HI-Small, LI-Small:
``/work/shared/data/amlworld-patterns``) set the scale used here: fan degrees up to 16,
cycles of 2-12 hops, amounts with a median of about 7,000-11,000 (tenth to ninetieth
percentile roughly 1,500-19,000), and attempts that last at most 4 days (fans, cycles,
scatter-gather), 8 days (gather-scatter) or 2 days (bipartite). Unlike AMLworld, money is
conserved along chains (less a small fee per hop) and time order holds across hops.

Each shape returns all attempts of one network at once (vectorised); participant 0 is the hub
where there is one. Subtlety (0-1) shrinks degrees (up to 60 %) and amounts (up to 50 %) and
stretches attempts (up to three times as long).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tipflow.simulate.arrays import FloatArray, IntArray
from tipflow.simulate.routine import lognormal
from tipflow.simulate.scenarios.base import ScenarioParameters

HOUR = 3600


class Flow(ScenarioParameters):
    amount: tuple[float, float] = (9000.0, 0.7)  # lognormal median, sigma (AMLworld HI-Small)
    span_hours: tuple[float, float] = (24.0, 96.0)  # an attempt lasts at most 4 days
    attempts: tuple[int, int] = (1, 3)  # repeats with the same accounts over the period
    fee: tuple[float, float] = (0.005, 0.03)  # kept at each intermediate hop


class Fan(Flow):
    degree: tuple[int, int] = (5, 16)  # AMLworld: "Max 2- to 16-degree Fan-In/Out"


class Cycle(Flow):
    length: tuple[int, int] = (3, 8)  # accounts in the loop (AMLworld: 2-12 hops)


class ScatterGather(Flow):
    degree: tuple[int, int] = (3, 10)  # intermediaries (AMLworld median: 12 legs)


class GatherScatter(Flow):
    degree: tuple[int, int] = (3, 10)  # senders in, and separately receivers out
    span_hours: tuple[float, float] = (48.0, 192.0)  # AMLworld: up to 8 days


class Bipartite(Flow):
    sides: tuple[int, int] = (2, 6)  # accounts on each side
    span_hours: tuple[float, float] = (12.0, 48.0)  # AMLworld: up to 2 days


@dataclass(frozen=True)
class Legs:
    """Movements between participants (indexes), for every attempt of a network."""

    size: int  # participants
    hubs: tuple[int, ...]  # participants marked funnel; the others are facilitators
    attempt: IntArray
    source: IntArray
    target: IntArray
    offset: FloatArray  # seconds after the attempt starts
    amount: FloatArray


def _degree(rng: np.random.Generator, bounds: tuple[int, int], s: float) -> int:
    return max(2, round(int(rng.integers(bounds[0], bounds[1] + 1)) * (1 - 0.6 * s)))


def _amounts(rng: np.random.Generator, p: Flow, n: int, s: float) -> FloatArray:
    median, sigma = p.amount
    return np.round(lognormal(rng, (median * (1 - 0.5 * s), sigma), n), 2).astype(np.float64)


def _span(rng: np.random.Generator, p: Flow, s: float) -> float:
    return float(rng.uniform(*p.span_hours)) * (1 + 2 * s) * HOUR


def fan(rng: np.random.Generator, p: Fan, attempts: int, s: float, *, inward: bool) -> Legs:
    """Many accounts pay one (fan-in), or one pays many (fan-out), within the span."""
    d = _degree(rng, p.degree, s)
    attempt = np.repeat(np.arange(attempts), d)
    spoke = np.tile(np.arange(1, d + 1), attempts)
    hub = np.zeros(len(attempt), dtype=np.int64)
    offset = rng.uniform(0, _span(rng, p, s), len(attempt))
    amount = _amounts(rng, p, len(attempt), s)
    source, target = (spoke, hub) if inward else (hub, spoke)
    return Legs(d + 1, (0,), attempt, source, target, offset, amount)


def cycle(rng: np.random.Generator, p: Cycle, attempts: int, s: float) -> Legs:
    """Money goes round a loop of accounts, hop after hop, back to where it started."""
    n = int(rng.integers(p.length[0], p.length[1] + 1))
    step = np.tile(np.arange(n), attempts)
    gap = rng.uniform(HOUR, max(2 * HOUR, _span(rng, p, s) / n), (attempts, n))
    fee = rng.uniform(*p.fee, (attempts, n))
    fee[:, 0] = 0.0
    amount = _amounts(rng, p, attempts, s)[:, None] * np.cumprod(1 - fee, axis=1)
    return Legs(
        n,
        (0,),
        np.repeat(np.arange(attempts), n),
        step,
        (step + 1) % n,
        np.cumsum(gap, axis=1).ravel(),
        np.round(amount.ravel(), 2).astype(np.float64),
    )


def scatter_gather(rng: np.random.Generator, p: ScatterGather, attempts: int, s: float) -> Legs:
    """One account pays several, each of which pays (most of) it on to one final account."""
    d = _degree(rng, p.degree, s)
    n = attempts * d
    attempt = np.repeat(np.arange(attempts), d)
    middle = np.tile(np.arange(1, d + 1), attempts)
    span = _span(rng, p, s)
    out = rng.uniform(0, span / 2, n)
    scattered = _amounts(rng, p, n, s)
    gathered = np.round(scattered * (1 - rng.uniform(*p.fee, n)), 2)
    return Legs(
        d + 2,
        (0, d + 1),
        np.concatenate([attempt, attempt]),
        np.concatenate([np.zeros(n, dtype=np.int64), middle]),
        np.concatenate([middle, np.full(n, d + 1)]),
        np.concatenate([out, out + rng.uniform(HOUR, span / 2, n)]),
        np.concatenate([scattered, gathered]),
    )


def gather_scatter(rng: np.random.Generator, p: GatherScatter, attempts: int, s: float) -> Legs:
    """Several accounts pay one, which then pays (most of) the total out to several others."""
    d_in, d_out = _degree(rng, p.degree, s), _degree(rng, p.degree, s)
    span = _span(rng, p, s)
    inward = np.repeat(np.arange(attempts), d_in)
    senders = np.tile(np.arange(1, d_in + 1), attempts)
    arrive = rng.uniform(0, span / 2, len(inward))
    gathered = _amounts(rng, p, len(inward), s)
    total = np.bincount(inward, gathered, minlength=attempts)
    last = np.zeros(attempts)
    np.maximum.at(last, inward, arrive)
    outward = np.repeat(np.arange(attempts), d_out)
    weight = rng.uniform(0.5, 1.5, len(outward))
    weight /= np.bincount(outward, weight, minlength=attempts)[outward]
    scattered = np.round(total[outward] * (1 - rng.uniform(*p.fee, len(outward))) * weight, 2)
    return Legs(
        1 + d_in + d_out,
        (0,),
        np.concatenate([inward, outward]),
        np.concatenate([senders, np.zeros(len(outward), dtype=np.int64)]),
        np.concatenate(
            [np.zeros(len(inward), dtype=np.int64), d_in + 1 + np.tile(np.arange(d_out), attempts)]
        ),
        np.concatenate([arrive, last[outward] + rng.uniform(HOUR, span / 2, len(outward))]),
        np.concatenate([gathered, scattered]),
    )


def bipartite(rng: np.random.Generator, p: Bipartite, attempts: int, s: float) -> Legs:
    """Accounts of one set pay accounts of another, each one or more of them."""
    left, right = _degree(rng, p.sides, s), _degree(rng, p.sides, s)
    edges = rng.random((left, right)) < 0.6
    edges[np.arange(left), rng.integers(0, right, left)] = True  # everyone pays someone
    source, target = np.nonzero(edges)
    n = len(source)
    return Legs(
        left + right,
        tuple(range(left)),
        np.repeat(np.arange(attempts), n),
        np.tile(source, attempts),
        np.tile(target + left, attempts),
        rng.uniform(0, _span(rng, p, s), n * attempts),
        _amounts(rng, p, n * attempts, s),
    )
