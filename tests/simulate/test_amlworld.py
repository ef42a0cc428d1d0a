"""AMLworld pattern files: read them, then inject their attempts into a simulated world."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.simulate.scenario_harness import SmallWorld, world_config
from tipflow.errors import DatasetError
from tipflow.ingest import validate_dataset
from tipflow.simulate import simulate
from tipflow.simulate.amlworld import read_patterns
from tipflow.simulate.config import Institution

TINY = (
    "BEGIN LAUNDERING ATTEMPT - FAN-OUT:  Max 3-degree Fan-Out\r\n"
    "2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH,1\r\n"
    "2022/09/01 04:33,021174,800737690,020,80020C5B0,8630.40,Euro,8630.40,Euro,ACH,1\r\n"
    "2022/09/02 09:14,021174,800737690,020,80006A5E0,35642.49,Yuan,35642.49,Yuan,Wire,1\r\n"
    "END LAUNDERING ATTEMPT - FAN-OUT\r\n"
    "\r\n"
    "\r\n"
    "BEGIN LAUNDERING ATTEMPT - CYCLE:  Max 3 hops\n"
    "2022/09/01 00:03,01467,8013C4030,020,80BC62F10,587.10,US Dollar,587.10,US Dollar,Cash,1\n"
    "2022/09/01 02:52,020,80BC62F10,0240229,80F025640,7332.87,Euro,7332.87,Euro,Bitcoin,1\n"
    "2022/09/02 08:44,0240229,80F025640,01467,8013C4030,264.70,Yen,264.70,Yen,Cheque,1\n"
    "END LAUNDERING ATTEMPT - CYCLE\n"
)
HI_SMALL = "data/amlworld-patterns/HI-Small_Patterns.txt"


def test_a_pattern_file_is_read_attempt_by_attempt(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_bytes(TINY.encode("utf-8"))
    patterns = read_patterns(path)
    assert patterns.kinds == ("fan_out", "cycle")
    assert patterns.details == ("Max 3-degree Fan-Out", "Max 3 hops")
    assert patterns.begin_line.tolist() == [1, 8]
    assert patterns.attempt.tolist() == [0, 0, 0, 1, 1, 1]
    assert patterns.from_bank[0] == "021174" and patterns.to_bank[0] == "012"  # zeros kept
    assert patterns.amount_paid[2] == pytest.approx(35642.49)
    assert str(patterns.timestamp[1]) == "2022-09-01T04:33"
    assert patterns.payment_format.tolist()[3:] == ["Cash", "Bitcoin", "Cheque"]


@pytest.mark.parametrize(
    ("lines", "line", "problem"),
    [
        (["2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,ACH,1"], 3, "10"),
        (["2022/13/01 00:06,021174,800737690,012,8001,2848.96,Euro,2848.96,Euro,ACH,1"], 3, "time"),
        (["2022/09/01 00:06,021174,800737690,012,8001,-5,Euro,-5,Euro,ACH,1"], 3, "positive"),
        (["END LAUNDERING ATTEMPT - CYCLE"], 3, "closes a FAN-OUT"),
        (["BEGIN LAUNDERING ATTEMPT - CYCLE: x"], 3, "inside the unfinished"),
    ],
)
def test_a_malformed_line_is_one_error_naming_file_and_line(
    tmp_path: Path, lines: list[str], line: int, problem: str
) -> None:
    good = "2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH,1"
    text = ["BEGIN LAUNDERING ATTEMPT - FAN-OUT: x", good, *lines, good]
    text.append("END LAUNDERING ATTEMPT - FAN-OUT")
    path = tmp_path / "bad.txt"
    path.write_text("\n".join(text) + "\n", "utf-8")
    with pytest.raises(DatasetError, match=rf"bad\.txt: line {line}: .*{problem}"):
        read_patterns(path)


def test_an_unfinished_or_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text(TINY.split("END LAUNDERING ATTEMPT - CYCLE")[0], "utf-8")
    with pytest.raises(DatasetError, match=r"cut\.txt: line 8: .*no END"):
        read_patterns(path)
    path.write_text("Timestamp,From Bank\n\n", "utf-8")
    with pytest.raises(DatasetError, match="no BEGIN LAUNDERING ATTEMPT"):
        read_patterns(path)


def test_the_published_hi_small_file(shared_dir: Path) -> None:
    path = shared_dir / HI_SMALL
    if not path.exists():
        pytest.skip(f"{path} is not there")
    patterns = read_patterns(path)
    assert len(patterns.kinds) == 370 and len(patterns) == 3209  # as SOURCE.md records
    per_type = dict.fromkeys(patterns.counts(), 0)
    for attempt in patterns.attempt.tolist():
        per_type[patterns.kinds[attempt]] += 1
    assert per_type == {
        "fan_out": 342,
        "fan_in": 318,
        "gather_scatter": 716,
        "scatter_gather": 626,
        "cycle": 287,
        "random": 191,
        "bipartite": 263,
        "stack": 466,
    }


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> SmallWorld:
    """A small world with 20 attempts of HI-Small; every institution writes UTC offsets, so
    the order of events across time zones can be checked."""
    path = shared_dir / HI_SMALL
    if not path.exists():
        pytest.skip(f"{path} is not there")
    out = tmp_path_factory.mktemp("amlworld")
    config = world_config(customers=600, days=45)
    config = config.model_copy(
        update={
            "institutions": [
                Institution.model_validate({**i.model_dump(), "offsets": True})
                for i in config.institutions
            ]
        }
    )
    simulate(config, out / "world", inject_patterns=path, inject_limit=20)
    report = validate_dataset(out / "world", out / "check")
    assert report.totals is not None and report.totals.quarantined == 0, report.tables
    return SmallWorld(out / "world", report)


def test_each_attempt_is_a_laundering_network(injected: SmallWorld) -> None:
    networks = injected.sql("SELECT typology, crime FROM truth_networks")
    assert len(networks) == 20
    assert {crime for _, crime in networks} == {"laundering"}
    assert all(typology.startswith("amlworld_") for typology, _ in networks)
    assert len({typology for typology, _ in networks}) == 8  # types taken in turn
    roles = injected.sql("SELECT DISTINCT role FROM truth_accounts WHERE involved = 'true'")
    assert {r for (r,) in roles} == {"funnel", "facilitator"}
    outside = injected.sql(
        "SELECT count(*) FROM truth_transactions JOIN transactions USING (transaction_id) "
        "WHERE timestamp < '2024-01-01' OR timestamp >= '2024-02-15' "
        "OR truth_transactions.typology NOT LIKE 'amlworld_%'"
    )
    assert outside == [(0,)]


def test_cycles_close_and_keep_the_source_clock(injected: SmallWorld, shared_dir: Path) -> None:
    """Each cycle pays every member once and is paid once; its instants (offsets included) are
    the source file's own times moved by one constant, whatever the payers' time zones. The
    source's cycles are not always in time order along the chain, so the gaps between
    consecutive payments are what must match an attempt of the file."""
    patterns = read_patterns(shared_dir / HI_SMALL)
    source_gaps = set()
    for attempt, kind in enumerate(patterns.kinds):
        if kind == "cycle":
            minutes = patterns.timestamp[patterns.attempt == attempt].astype(np.int64)
            source_gaps.add(tuple(np.diff(minutes).tolist()))
    rows = injected.sql(
        "SELECT tt.network_id, t.transaction_id, t.timestamp, t.from_account_id, t.to_account_id "
        "FROM truth_transactions AS tt JOIN transactions AS t USING (transaction_id) "
        "WHERE tt.typology = 'amlworld_cycle' ORDER BY t.transaction_id"
    )
    cycles: dict[str, list[tuple[dt.datetime, str | None, str]]] = {}
    for network, _, stamp, source, target in rows:  # in the file's row order
        cycles.setdefault(network, []).append((dt.datetime.fromisoformat(stamp), source, target))
    assert cycles
    for network, steps in cycles.items():
        assert sorted(str(s) for _, s, _ in steps) == sorted(t for _, _, t in steps), network
        gaps = tuple(int((b[0] - a[0]).total_seconds() // 60) for a, b in itertools.pairwise(steps))
        assert gaps in source_gaps, network


def test_cli_injects_a_pattern_file_and_refuses_a_broken_one(tmp_path: Path) -> None:
    good, bad = tmp_path / "tiny.txt", tmp_path / "broken.txt"
    good.write_text(TINY, "utf-8")
    bad.write_text(TINY.replace(",ACH,1\r\n", ",ACH\r\n", 1), "utf-8")
    base = [sys.executable, "-m", "tipflow", "simulate", "--customers", "300", "--days", "14"]
    made = subprocess.run(
        [*base, "--out", str(tmp_path / "w"), "--inject-patterns", str(good)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    networks = (tmp_path / "w" / "truth" / "networks.csv").read_text("utf-8")
    assert "amlworld_fan_out" in networks and "amlworld_cycle" in networks
    transactions = (tmp_path / "w" / "transactions.csv").read_text("utf-8")
    assert ",cash," in transactions and ",crypto," in transactions
    refused = subprocess.run(
        [*base, "--out", str(tmp_path / "x"), "--inject-patterns", str(bad)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 1
    assert "broken.txt: line 2:" in refused.stderr and "Traceback" not in refused.stderr
