"""The audit chain holds after real use and breaks on any edit, deletion or reordering."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from tests.hub.conftest import Hub, json_report
from tipflow.cli.hub_commands import hub_app
from tipflow.hub.audit import verify_chain
from tipflow.hub.models import AuditEntry
from tipflow.hub.vocabulary import Role


def _use(hub: Hub) -> int:
    """Some writes and reads of personal data; the id of the report."""
    report = hub.client.post("/reports/json", json=json_report("R-1"), headers=hub.as_("bank_a"))
    report_id = int(report.json()["id"])
    hub.client.get(f"/reports/{report_id}", headers=hub.as_("fiu"))
    hub.client.get("/reports", headers=hub.as_("bank_a"))
    return report_id


def _tamper(hub: Hub, statement: str) -> None:
    with hub.state.engine.begin() as connection:
        connection.execute(text(statement))


def _check(hub: Hub) -> tuple[bool, int | None, str | None]:
    with hub.state.sessions() as session:
        check = verify_chain(session)
    return check.ok, check.first_bad_id, check.problem


def test_writes_and_personal_data_reads_are_chained(hub: Hub) -> None:
    report_id = _use(hub)
    with hub.state.sessions() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    actions = [(e.action, e.object_id) for e in entries]
    assert ("submit_report", str(report_id)) in actions
    assert ("read_report", str(report_id)) in actions
    assert ("list_reports", None) in actions
    assert all(e.prev_hash == p.row_hash for p, e in itertools.pairwise(entries))
    # Nothing of the report's content is in the log.
    assert not any("labour" in e.detail for e in entries)
    assert _check(hub) == (True, None, None)
    verified = hub.client.get("/audit/verify", headers=hub.as_("supervisor", Role.ADMIN))
    assert verified.json()["ok"] is True


def test_an_edited_row_is_found(hub: Hub) -> None:
    _use(hub)
    _tamper(hub, "UPDATE audit_log SET action = 'nothing_happened' WHERE id = 3")
    ok, first_bad, problem = _check(hub)
    assert (ok, first_bad) == (False, 3)
    assert problem is not None and "changed" in problem


def test_a_deleted_row_is_found(hub: Hub) -> None:
    _use(hub)
    _tamper(hub, "DELETE FROM audit_log WHERE id = 2")
    ok, _, problem = _check(hub)
    assert not ok and problem is not None and "missing" in problem


def test_deleting_the_newest_rows_is_found(hub: Hub) -> None:
    _use(hub)
    _tamper(hub, "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
    ok, _, problem = _check(hub)
    assert not ok and problem is not None and "head" in problem


def test_reordered_rows_are_found(hub: Hub) -> None:
    _use(hub)
    # Swap the contents of rows 2 and 3, hashes included, by swapping their ids.
    _tamper(hub, "UPDATE audit_log SET id = -2 WHERE id = 2")
    _tamper(hub, "UPDATE audit_log SET id = 2 WHERE id = 3")
    _tamper(hub, "UPDATE audit_log SET id = 3 WHERE id = -2")
    ok, first_bad, _ = _check(hub)
    assert (ok, first_bad) == (False, 2)


@pytest.mark.parametrize("tampered", [False, True])
def test_the_cli_check_fails_only_on_tampering(hub: Hub, tampered: bool, tmp_path: Path) -> None:
    _use(hub)
    if tampered:
        _tamper(hub, "UPDATE audit_log SET object_id = '999' WHERE id = 4")
    result = CliRunner().invoke(
        hub_app,
        ["audit", "verify", "--database-url", hub.database_url, "--data-dir", str(tmp_path)],
    )
    assert result.exit_code == (1 if tampered else 0), result.output
    if tampered:
        assert "tampered" in result.output and "row 4" in result.output
    else:
        assert "holds" in result.output
