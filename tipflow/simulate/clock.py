"""Simulated time: local date-times drawn by day and by hour-of-day profile, vectorised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from tipflow.simulate.arrays import FloatArray, IntArray, TimeArray

SECOND = np.timedelta64(1, "s")
DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class Clock:
    """The simulated period: ``days`` days from ``start`` (local midnight)."""

    start: np.datetime64
    days: int

    @classmethod
    def of(cls, start: dt.date, days: int) -> Clock:
        return cls(np.datetime64(start.isoformat(), "s"), days)

    def at(self, day: IntArray, seconds: IntArray) -> TimeArray:
        """Local date-times on day numbers ``day`` at ``seconds`` after midnight."""
        moments = self.start + day.astype("timedelta64[D]") + seconds.astype("timedelta64[s]")
        return np.asarray(moments, dtype="datetime64[s]")

    def seconds_in_hours(
        self, rng: np.random.Generator, hour_weights: FloatArray, n: int
    ) -> IntArray:
        """Seconds after midnight whose hours follow ``hour_weights`` (24 weights summing to 1)."""
        hours = rng.choice(24, size=n, p=hour_weights)
        return (hours * 3600 + rng.integers(0, 3600, size=n)).astype(np.int64)

    def random_days(
        self, rng: np.random.Generator, n: int, first: int = 0, last: int | None = None
    ) -> IntArray:
        last = self.days - 1 if last is None else min(last, self.days - 1)
        return rng.integers(first, last + 1, size=n).astype(np.int64)

    def periodic_days(self, phase: IntArray, period: IntArray) -> tuple[IntArray, IntArray]:
        """Every ``period`` days from ``phase`` within the period, per entity: (entity, day)."""
        counts = np.maximum(0, (self.days - 1 - phase) // period + 1)
        entity = np.repeat(np.arange(len(phase)), counts)
        starts = np.cumsum(counts) - counts
        step = np.arange(len(entity)) - np.repeat(starts, counts)
        return entity, phase[entity] + step * period[entity]

    def months(self) -> int:
        return max(1, round(self.days / 30.4))


def hours_profile(*ranges: tuple[int, int, float]) -> FloatArray:
    """24 hour weights from (from_hour, to_hour, weight) ranges, normalised."""
    weights = np.zeros(24)
    for start, end, weight in ranges:
        weights[start:end] += weight
    return np.asarray(weights / weights.sum(), dtype=np.float64)


DAYTIME = hours_profile((8, 20, 1))
EVENING_NIGHT = hours_profile((18, 24, 3), (0, 4, 2))
NIGHT = hours_profile((22, 24, 1), (0, 6, 1))
OFFICE_HOURS = hours_profile((9, 17, 1))
EARLY_MORNING = hours_profile((0, 5, 1))
