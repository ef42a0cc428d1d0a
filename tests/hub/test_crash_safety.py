"""Crash safety of intake: a real server is killed (SIGKILL) while reports arrive concurrently,
restarted, and sent every report again. Each report must then be stored exactly once, none
lost, and the audit chain must verify (``tipflow hub audit verify``), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.hub.conftest import BACKENDS, fresh_database, hub_settings, json_report
from tests.support.live_server import free_port
from tipflow.hub.admin import create_organisation, create_user, issue_token
from tipflow.hub.models import AuditEntry, Report
from tipflow.hub.state import HubState
from tipflow.hub.vocabulary import OrgType, Role, TokenKind

REPORTS = 200
_SETTINGS_SECRET = hub_settings(Path(), "sqlite://").secret
assert _SETTINGS_SECRET is not None
SECRET = _SETTINGS_SECRET.get_secret_value()


def _serve(url: str, folder: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tipflow", "hub", "serve", "--database-url", url]
    command += ["--data-dir", str(folder), "--port", str(port)]
    environment = {**os.environ, "TIPFLOW_HUB_SECRET": SECRET}
    server = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "the hub exited on start"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the hub did not start within 60 s")


def _bank_token(url: str, folder: Path) -> str:
    state = HubState.open(hub_settings(folder, url), migrate_schema=True)
    with state.sessions() as session:
        bank = create_organisation(session, "Crash Bank", OrgType.REPORTING_ENTITY)
        user = create_user(session, bank, "load@crash.example", Role.ANALYST, None, state.passwords)
        token, _ = issue_token(session, user, state.secret, TokenKind.API)
        session.commit()
    state.engine.dispose()
    return token


def _submit_all(port: int, token: str, indexes: list[int]) -> dict[int, int]:
    """index → status for every report whose answer arrived (none for those cut off)."""
    answers: dict[int, int] = {}
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=30) as client:

        def submit(index: int) -> None:
            try:
                response = client.post("/reports/json", json=json_report(f"CRASH-{index:04d}"))
            except httpx.HTTPError:
                return
            answers[index] = response.status_code

        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(submit, indexes))
    return answers


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_killed_hub_loses_and_duplicates_nothing(
    backend: str, tmp_path: Path, postgres_problem: str | None
) -> None:
    with fresh_database(backend, tmp_path, postgres_problem) as url:
        token = _bank_token(url, tmp_path)
        port = free_port()
        server = _serve(url, tmp_path, port)
        try:
            with ThreadPoolExecutor(max_workers=1) as background:
                first = background.submit(_submit_all, port, token, list(range(REPORTS)))
                _wait_until_stored(url, REPORTS // 4)  # mid-intake: some stored, most not
                server.send_signal(signal.SIGKILL)
                server.wait(timeout=10)
                answered = first.result()
        finally:
            if server.poll() is None:
                server.kill()
        assert 0 < len(answered) < REPORTS, "the kill should fall in the middle of intake"
        assert all(status == 201 for status in answered.values()), answered
        server = _serve(url, tmp_path, port)
        try:
            missing = [index for index in range(REPORTS) if index not in answered]
            again = sorted(answered)[:20]  # some that were stored: idempotent, 200
            second = _submit_all(port, token, missing + again)
        finally:
            server.terminate()
            server.wait(timeout=30)
        assert set(second) == set(missing + again), "every resubmission is answered"
        assert {second[index] for index in again} == {200}
        assert {second[index] for index in missing} <= {200, 201}
        state = HubState.open(hub_settings(tmp_path, url), migrate_schema=False)
        with state.sessions() as session:
            per_reference = session.execute(
                select(Report.entity_reference, func.count()).group_by(Report.entity_reference)
            ).all()
            submits = session.scalar(
                select(func.count()).where(AuditEntry.action == "submit_report")
            )
        state.engine.dispose()
        assert {reference for reference, _ in per_reference} == {
            f"CRASH-{index:04d}" for index in range(REPORTS)
        }, "none lost"
        assert {count for _, count in per_reference} == {1}, "each stored once"
        assert submits == REPORTS, "one audit row per stored report, none for a lost one"
        verify = subprocess.run(
            [sys.executable, "-m", "tipflow", "hub", "audit", "verify", "--database-url", url],
            env={**os.environ, "TIPFLOW_HUB_SECRET": SECRET},
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr


def _wait_until_stored(url: str, count: int) -> None:
    from tipflow.hub.db import make_engine

    engine = make_engine(url)
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            with engine.connect() as connection:
                if int(connection.scalar(select(func.count(Report.id))) or 0) >= count:
                    return
            time.sleep(0.01)
    finally:
        engine.dispose()
