"""Where case actions are kept: the ``ActionLog`` protocol and its local SQLite file.

``tipflow ui`` keeps the log beside the results it is about, in
``RESULTS/ui/case_actions.sqlite3``. Rows are only ever inserted: triggers refuse an update
or a delete, so a decision cannot be rewritten afterwards, only followed by another action.
An action is checked against the alert's state and written in one write transaction, so two
browser tabs cannot both close the same alert.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from tipflow.errors import WorkspaceError
from tipflow.ui.actions import AlertState, CaseAction, apply, check_action, replay

FOLDER = "ui"
FILE_NAME = "case_actions.sqlite3"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS case_actions (
  action_id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  assignee TEXT,
  outcome TEXT,
  text TEXT,
  case_id TEXT,
  digest TEXT
);
CREATE INDEX IF NOT EXISTS case_actions_account ON case_actions (account_id, action_id);
CREATE TRIGGER IF NOT EXISTS case_actions_no_update BEFORE UPDATE ON case_actions
BEGIN SELECT RAISE(ABORT, 'case actions are append-only'); END;
CREATE TRIGGER IF NOT EXISTS case_actions_no_delete BEFORE DELETE ON case_actions
BEGIN SELECT RAISE(ABORT, 'case actions are append-only'); END;
"""
_COLUMNS = "account_id, kind, actor, at, assignee, outcome, text, case_id, digest, action_id"


class ActionLog(Protocol):
    """The record of case actions the pages write to and read the alerts' states from."""

    def record(self, action: CaseAction) -> CaseAction:
        """Check ``action`` against the alert's state and append it; refused actions raise
        :class:`~tipflow.ui.actions.ActionRefused` and leave the log as it was."""
        ...

    def history(self, account_id: str) -> list[CaseAction]: ...

    def states(self) -> dict[str, AlertState]:
        """The state of every alert that has at least one action."""
        ...


def local_log_path(results: Path) -> Path:
    return results / FOLDER / FILE_NAME


class SqliteActionLog:
    """The action log in one SQLite file (created with its folder on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as con:
                con.executescript(_SCHEMA)
                con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as exc:
            raise WorkspaceError(f"{path}: cannot open the case action log ({exc})") from exc

    def record(self, action: CaseAction) -> CaseAction:
        check_action(action)
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")  # the state read and the insert are one step
            state = AlertState()
            for earlier in self._rows(con, "WHERE account_id = ?", (action.account_id,)):
                state = apply(state, earlier)
            apply(state, action)  # raises when the state does not allow it
            cursor = con.execute(
                "INSERT INTO case_actions (account_id, kind, actor, at, assignee, outcome, "
                "text, case_id, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    action.account_id,
                    action.kind,
                    action.actor,
                    action.at.isoformat(timespec="seconds"),
                    action.assignee,
                    action.outcome,
                    action.text,
                    action.case_id,
                    action.digest,
                ),
            )
            con.execute("COMMIT")
        return replace(action, action_id=cursor.lastrowid)

    def history(self, account_id: str) -> list[CaseAction]:
        with self._connect() as con:
            return list(self._rows(con, "WHERE account_id = ?", (account_id,)))

    def states(self) -> dict[str, AlertState]:
        with self._connect() as con:
            return replay(self._rows(con, "", ()))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # A connection per call: requests arrive on several threads. Autocommit mode, so the
        # explicit BEGIN IMMEDIATE above is the transaction.
        con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            yield con
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    @staticmethod
    def _rows(
        con: sqlite3.Connection, where: str, parameters: tuple[str, ...]
    ) -> Iterator[CaseAction]:
        cursor = con.execute(
            f"SELECT {_COLUMNS} FROM case_actions {where} ORDER BY action_id", parameters
        )
        for row in cursor:
            yield CaseAction(
                account_id=row[0],
                kind=row[1],
                actor=row[2],
                at=dt.datetime.fromisoformat(row[3]),
                assignee=row[4],
                outcome=row[5],
                text=row[6],
                case_id=row[7],
                digest=row[8],
                action_id=row[9],
            )
