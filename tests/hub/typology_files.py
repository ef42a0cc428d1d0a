"""Typology sets for hub tests: a small valid one (a new indicator on a packaged measure and a
new typology combining it with packaged indicators) and the packaged library as one set."""

from __future__ import annotations

import datetime as dt

SMALL_SET = """\
# An FIU bulletin: structuring in cash only, over two weeks.
indicators:
  - id: FIU-ML-01
    name: cash structuring over two weeks
    crimes: [laundering]
    roles: [funnel]
    measure: threshold_band
    window_days: 14
    parameters: {threshold: cash_report, channels: [cash]}
    threshold: 4
    weight: 2.0
    description: At least 4 cash events just under the reporting threshold within 14 days.
    sources: [FIU bulletin 2026-11]
typologies:
  - id: cash_structuring_ring
    name: cash structured across cities
    crime: laundering
    summary: Cash kept under the threshold, deposited away from home.
    indicators:
      - {id: FIU-ML-01, weight: 2.0, role: funnel}
      - {id: ML-01, weight: 1.0, role: funnel}
    requires_any: [FIU-ML-01]
    alert_at: 2.0
    sources: [FIU bulletin 2026-11]
"""
SMALL_TYPOLOGY = "cash_structuring_ring"


def this_month() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m")


def yaml_headers(headers: dict[str, str]) -> dict[str, str]:
    return {**headers, "Content-Type": "application/yaml"}
