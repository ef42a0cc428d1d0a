"""Case actions: what each action does to an alert's status, what is refused, and the log
that keeps them (append-only, the status derived from it, refused actions leave no trace)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from tipflow.ui.action_log import SqliteActionLog
from tipflow.ui.actions import ActionRefused, AlertState, CaseAction, apply, replay

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def act(kind: str, account: str = "A-1", minute: int = 0, **fields: str) -> CaseAction:
    return CaseAction(
        account_id=account, kind=kind, actor="sam", at=T0 + dt.timedelta(minutes=minute), **fields
    )


def test_a_new_alert_is_open_and_assigning_or_commenting_keeps_it_open() -> None:
    state = apply(AlertState(), act("assign", assignee="Robin"))
    state = apply(state, act("comment", text="Looked at the cash deposits."))
    assert (state.status, state.assignee, state.actions) == ("open", "Robin", 2)


def test_escalate_then_close_then_reopen() -> None:
    states = replay(
        [
            act("escalate", minute=1),
            act("close", minute=2, outcome="true_positive", text="STR filed"),
        ]
    )
    closed = states["A-1"]
    assert (closed.status, closed.outcome, closed.reason) == (
        "closed",
        "true_positive",
        "STR filed",
    )
    assert closed.updated_at == T0 + dt.timedelta(minutes=2)
    reopened = apply(closed, act("reopen", minute=3))
    assert (reopened.status, reopened.outcome, reopened.reason) == ("open", None, None)


@pytest.mark.parametrize(
    ("earlier", "refused", "words"),
    [
        ([], act("reopen"), "only a closed alert"),
        ([act("escalate")], act("escalate"), "only an open alert"),
        ([act("close", outcome="false_positive")], act("close", outcome="other", text="x"),
         "already closed"),
        ([act("close", outcome="false_positive")], act("escalate"), "only an open alert"),
        ([act("close", outcome="false_positive")], act("assign", assignee="Robin"), "reopen"),
    ],
)  # fmt: skip
def test_the_status_refuses_what_it_does_not_allow(
    earlier: list[CaseAction], refused: CaseAction, words: str
) -> None:
    state = replay(earlier).get("A-1", AlertState())
    with pytest.raises(ActionRefused, match=words):
        apply(state, refused)


@pytest.mark.parametrize(
    ("action", "words"),
    [
        (act("close"), "choose the outcome"),
        (act("close", outcome="maybe"), "choose the outcome"),
        (act("close", outcome="other", text="  "), "reason in words"),
        (act("assign", assignee=" "), "name of the analyst"),
        (act("comment"), "needs some text"),
        (act("comment", text="x" * 4001), "longer than 4000"),
        (act("comment", text="bell\x07"), "control characters"),
        (act("delete"), "unknown action"),
        (act("report", case_id="NW-00001"), "digest"),
    ],
)
def test_incomplete_actions_are_refused_by_the_log(
    tmp_path: Path, action: CaseAction, words: str
) -> None:
    log = SqliteActionLog(tmp_path / "log.sqlite3")
    with pytest.raises(ActionRefused, match=words):
        log.record(action)
    assert log.history("A-1") == []


def test_the_log_keeps_actions_in_order_and_derives_each_alert_state(tmp_path: Path) -> None:
    path = tmp_path / "ui" / "case_actions.sqlite3"
    log = SqliteActionLog(path)
    first = log.record(act("assign", assignee="Robin"))
    log.record(act("escalate", account="A-2", minute=1, text="Controller pattern"))
    log.record(act("close", minute=2, outcome="false_positive", text="Lawful spa payroll"))
    with pytest.raises(ActionRefused):
        log.record(act("escalate", minute=3))  # closed: refused, and not written
    reopened = SqliteActionLog(path)  # another server start reads the same file
    assert first.action_id == 1
    assert [a.kind for a in reopened.history("A-1")] == ["assign", "close"]
    states = reopened.states()
    assert states["A-1"].status == "closed" and states["A-1"].assignee == "Robin"
    assert states["A-1"].outcome == "false_positive"
    assert states["A-2"].status == "escalated"
    assert reopened.history("A-1")[1].text == "Lawful spa payroll"


def test_the_log_refuses_to_rewrite_or_delete_a_decision(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    log = SqliteActionLog(path)
    log.record(act("close", outcome="false_positive"))
    con = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("UPDATE case_actions SET outcome = 'true_positive'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("DELETE FROM case_actions")
    finally:
        con.close()
    assert log.states()["A-1"].outcome == "false_positive"


def test_two_analysts_closing_at_once_close_it_once(tmp_path: Path) -> None:
    log = SqliteActionLog(tmp_path / "log.sqlite3")
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def close(n: int) -> None:
        barrier.wait()
        try:
            log.record(act("close", minute=n, outcome="true_positive"))
            outcomes.append("closed")
        except ActionRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=close, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["closed", "refused", "refused", "refused"]
    assert [a.kind for a in log.history("A-1")] == ["close"]
