"""``tipflow evaluate --reviews``: analysts' closures, written through the action log's API,
counted exactly, alone and against the world's truth; the one line when nobody reviewed yet."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_screen_cli import tipflow
from tests.ui.conftest import flagged_rows, read_csv
from tipflow.ui.action_log import SqliteActionLog, local_log_path
from tipflow.ui.actions import CaseAction
from tipflow.ui.reviews import NoCaseActions, review_figures, summarise
from tipflow.ui.source import AccountResult

AT = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _act(log: SqliteActionLog, account: str, kind: str, outcome: str | None = None) -> None:
    text = "a shared flat, nothing more" if outcome == "other" else None
    log.record(CaseAction(account, kind, "Sam Reviewer", AT, outcome=outcome, text=text))


@pytest.fixture(scope="module")
def reviewed(ui_results: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A copy of the screened world's results with closures in its own action log; returns
    which alert got which treatment."""
    results = tmp_path_factory.mktemp("reviewed") / "results"
    shutil.copytree(ui_results, results)
    truth = read_csv(ui_results.parent / "world" / "truth" / "accounts.csv")
    involved = {row["account_id"] for row in truth if row["involved"] == "true"}
    alerts = [row["account_id"] for row in flagged_rows(results)]
    true_alerts = [a for a in alerts if a in involved]
    innocent = [a for a in alerts if a not in involved]
    assert len(true_alerts) >= 6 and innocent, "the test world should hold both kinds of alert"
    plan = {
        "agreed": true_alerts[0],
        "dismissed_involved": true_alerts[1],
        "other": true_alerts[2],
        "escalated": true_alerts[3],
        "reopened": true_alerts[4],
        "escalated_then_confirmed": true_alerts[5],
        "confirmed_innocent": innocent[0],
        "results": str(results),
    }
    log = SqliteActionLog(local_log_path(results))
    _act(log, plan["agreed"], "close", "true_positive")
    _act(log, plan["dismissed_involved"], "close", "false_positive")
    _act(log, plan["other"], "close", "other")
    _act(log, plan["escalated"], "escalate")
    _act(log, plan["reopened"], "close", "false_positive")
    _act(log, plan["reopened"], "reopen")
    _act(log, plan["escalated_then_confirmed"], "escalate")
    _act(log, plan["escalated_then_confirmed"], "close", "true_positive")
    _act(log, plan["confirmed_innocent"], "close", "true_positive")
    return plan


def test_the_figures_count_each_closure_once(reviewed: dict[str, str]) -> None:
    results = Path(reviewed["results"])
    figures = review_figures(results)
    alerts = len(flagged_rows(results))
    assert {k: figures[k] for k in figures if not k.startswith("by_")} == {
        "alerts": alerts,
        "open": alerts - 6,  # the reopened alert is open again
        "escalated": 1,
        "reviewed": 5,
        "confirmed": 3,
        "false_positives": 1,
        "other": 1,
        "precision": 0.75,
        "outside_alerts": 0,
    }
    assert "truth" not in figures


def test_the_figures_by_crime_and_typology_follow_accounts_csv(reviewed: dict[str, str]) -> None:
    results = Path(reviewed["results"])
    figures = review_figures(results)
    rows = {row["account_id"]: row for row in flagged_rows(results)}
    closed = {
        reviewed[k]: outcome
        for k, outcome in (
            ("agreed", "confirmed"),
            ("dismissed_involved", "false_positives"),
            ("other", "other"),
            ("escalated_then_confirmed", "confirmed"),
            ("confirmed_innocent", "confirmed"),
        )
    }
    crimes = {row["crime"] or "none" for row in rows.values()}
    assert set(figures["by_crime"]) == crimes
    for crime, got in figures["by_crime"].items():
        members = [a for a, row in rows.items() if (row["crime"] or "none") == crime]
        assert got["alerts"] == len(members)
        assert got["reviewed"] == sum(1 for a in members if a in closed)
        assert got["confirmed"] == sum(1 for a in members if closed.get(a) == "confirmed")
        assert got["escalated"] == (1 if reviewed["escalated"] in members else 0)
    typologies = {t for row in rows.values() for t in row["typologies"].split(";") if t}
    assert set(figures["by_typology"]) == typologies
    for typology, got in figures["by_typology"].items():
        members = [a for a, row in rows.items() if typology in row["typologies"].split(";")]
        assert got["alerts"] == len(members)
        assert got["false_positives"] == sum(
            1 for a in members if closed.get(a) == "false_positives"
        )
        assert got["name"] and got["name"] != typology  # the library's words
    assert sum(g["reviewed"] for g in figures["by_crime"].values()) == 5


def test_the_truth_contradicts_two_closures(reviewed: dict[str, str], ui_results: Path) -> None:
    figures = review_figures(Path(reviewed["results"]), truth=ui_results.parent / "world" / "truth")
    assert figures["truth"] == {
        "judged": 4,
        "agree": 2,
        "contradicted": 2,
        "confirmed_not_involved": 1,
        "dismissed_involved": 1,
        "other_involved": 1,
        "agreement": 0.5,
    }


def test_figures_on_hand_made_alerts(tmp_path: Path) -> None:
    def alert(account: str, crime: str | None, *typologies: str) -> AccountResult:
        return AccountResult(account, "B", 0.9, True, 1, crime, None, typologies, (), None, "")

    alerts = [alert("a1", "fraud", "t1", "t2"), alert("a2", None, "t2"), alert("a3", "fraud")]
    log = SqliteActionLog(tmp_path / "log.sqlite3")
    _act(log, "a1", "close", "false_positive")
    _act(log, "a2", "close", "true_positive")
    log.record(CaseAction("zz", "comment", "Sam Reviewer", AT, text="not an alert here"))
    figures = summarise(alerts, {"t2": "Two"}, log.states())
    assert figures["outside_alerts"] == 1
    assert (figures["open"], figures["reviewed"], figures["precision"]) == (1, 2, 0.5)
    assert figures["by_crime"]["fraud"]["false_positives"] == 1
    assert figures["by_crime"]["fraud"]["precision"] == 0.0
    assert figures["by_crime"]["none"]["precision"] == 1.0
    assert figures["by_typology"]["t1"]["name"] == "t1"
    assert figures["by_typology"]["t2"] == {
        "name": "Two",
        "alerts": 2,
        "open": 0,
        "escalated": 0,
        "reviewed": 2,
        "confirmed": 1,
        "false_positives": 1,
        "other": 0,
        "precision": 0.5,
    }


def test_no_log_is_one_message_and_creates_nothing(ui_results: Path) -> None:
    with pytest.raises(NoCaseActions, match="no case actions yet: review alerts with tipflow ui"):
        review_figures(ui_results)
    run = tipflow("evaluate", str(ui_results), "--reviews")
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert f"no case actions yet: review alerts with tipflow ui {ui_results}" in lines[0]
    assert not local_log_path(ui_results).exists()


def test_the_command_adds_reviews_to_the_json(reviewed: dict[str, str], ui_results: Path) -> None:
    results, truth = reviewed["results"], str(ui_results.parent / "world" / "truth")
    alone = tipflow("evaluate", results, "--reviews", "--json")
    assert alone.returncode == 0, alone.stderr
    document = json.loads(alone.stdout)
    assert list(document) == ["reviews"]
    assert document["reviews"] == json.loads(json.dumps(review_figures(Path(results))))
    both = tipflow("evaluate", results, "--reviews", "--truth", truth, "--json")
    assert both.returncode == 0, both.stderr
    combined = json.loads(both.stdout)
    assert {"accounts", "recall_by_typology", "networks", "reviews"} <= set(combined)
    assert combined["reviews"]["truth"]["contradicted"] == 2
    readable = tipflow("evaluate", results, "--reviews", "--truth", truth)
    assert readable.returncode == 0, readable.stderr
    assert (
        "Reviews: 5 of" in readable.stdout and "precision 75.0 % among reviewed" in readable.stdout
    )
    assert "2 of 4 closures contradicted" in readable.stdout
    assert "Recall by typology" in readable.stdout


def test_the_command_reads_another_log_and_wants_something_to_do(
    reviewed: dict[str, str], ui_results: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "actions.sqlite3"
    shutil.copyfile(local_log_path(Path(reviewed["results"])), elsewhere)
    run = tipflow(
        "evaluate", str(ui_results), "--reviews", "--action-log", str(elsewhere), "--json"
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["reviews"]["reviewed"] == 5
    neither = tipflow("evaluate", str(ui_results))
    assert neither.returncode == 1 and "--truth WORLD/truth, --reviews" in neither.stderr
