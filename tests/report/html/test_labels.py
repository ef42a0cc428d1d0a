"""Codes become words, figures become readable, ids become safe anchors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from tipflow.report.html.labels import (
    anchor,
    channel_name,
    crime_name,
    figure,
    money,
    plain,
    sentence,
    utc_offset,
    when,
)
from tipflow.report.html.run_info import read_run_summary


def test_codes_read_as_words() -> None:
    assert crime_name("labour_trafficking") == "Labour trafficking"
    assert crime_name("laundering") == "Money laundering"
    assert crime_name("new_crime_kind") == "New crime kind"
    assert crime_name(None) == "No crime named"
    assert channel_name("p2p") == "P2P" and channel_name("wire") == "Wire"
    assert plain("front_business") == "front business" and plain(None) == "—"
    assert sentence("sex_trafficking_victim") == "Sex trafficking victim"


def test_figures_read_as_figures() -> None:
    assert money(Decimal("1234.5000000000")) == "1,234.50"
    assert figure(28.0) == "28" and figure(6.490873) == "6.491" and figure(0.5) == "0.5"
    assert utc_offset(-300) == "UTC-05:00" and utc_offset(330) == "UTC+05:30"
    assert utc_offset(None) == ""
    assert when(dt.datetime(2024, 1, 10, 0, 8, 57)) == "2024-01-10 00:08"


def test_anchors_are_safe_and_distinct() -> None:
    assert anchor("tx", "TX000112414") == "tx-TX000112414"
    odd = anchor("tx", 'a" onclick="x')
    assert all(ch.isalnum() or ch in "-_." for ch in odd)
    assert odd != anchor("tx", "a__onclick__x_")


def test_run_summary(screened_results: Path, tmp_path: Path) -> None:
    run = read_run_summary(screened_results)
    assert run.recorded and run.engine and run.engine.startswith("tipflow ")
    assert run.configuration_hash and run.configuration_hash.startswith("sha256:")
    counts = dict(run.counts)
    assert counts["accounts screened"] > 0 and counts["flagged accounts"] > 0
    assert not read_run_summary(tmp_path).recorded  # no run.json: said, not fatal
    (tmp_path / "run.json").write_text("[1, 2", "utf-8")
    assert not read_run_summary(tmp_path).recorded
