"""Hub fixtures: a fresh database per test on SQLite and on PostgreSQL, a populated world of
organisations, users and tokens, and goAML reports written from a small screened world."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from tipflow.hub import HubSettings, create_app
from tipflow.hub.admin import create_organisation, create_user, issue_token
from tipflow.hub.state import HubState
from tipflow.hub.vocabulary import OrgType, Role, TokenKind

POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
BACKENDS = ("sqlite", "postgresql")
PASSWORD = "a long test password"


def _postgres_unreachable() -> str | None:
    import psycopg

    try:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL at {POSTGRES_SERVER} is unreachable: {exc}"


@pytest.fixture(scope="session")
def postgres_problem() -> str | None:
    return _postgres_unreachable()


@contextlib.contextmanager
def fresh_database(backend: str, folder: Path, problem: str | None) -> Iterator[str]:
    """The URL of an empty database, dropped afterwards (PostgreSQL: a uniquely named one)."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'hub.sqlite3'}"
        return
    if problem is not None:
        pytest.skip(problem)
    import psycopg

    name = f"tipflow_hub_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def hub_settings(folder: Path, database_url: str) -> HubSettings:
    return HubSettings(
        data_dir=folder,
        database_url=database_url,
        secret=SecretStr("test-secret-" + "x" * 40),
        argon2_time_cost=1,
        argon2_memory_kib=64,  # cheap hashing: tests create many users
    )


@dataclass
class Hub:
    """A running hub and its callers: ``headers[(org_key, role)]`` hold API tokens."""

    app: FastAPI
    client: TestClient
    database_url: str
    orgs: dict[str, int] = field(default_factory=dict)
    org_types: dict[str, OrgType] = field(default_factory=dict)
    headers: dict[tuple[str, Role], dict[str, str]] = field(default_factory=dict)

    @property
    def state(self) -> HubState:
        state = self.app.state.hub
        assert isinstance(state, HubState)
        return state

    def as_(self, org: str, role: Role = Role.ANALYST) -> dict[str, str]:
        return self.headers[(org, role)]


#: The world every API test starts from: org key → type.
ORGANISATIONS = {
    "bank_a": OrgType.REPORTING_ENTITY,
    "bank_b": OrgType.REPORTING_ENTITY,
    "fiu": OrgType.FIU,
    "police": OrgType.LAW_ENFORCEMENT,
    "ngo": OrgType.NGO,
    "supervisor": OrgType.SUPERVISOR,
}


def populate(hub: Hub) -> Hub:
    state = hub.state
    with state.sessions() as session:
        for key, org_type in ORGANISATIONS.items():
            organisation = create_organisation(session, key.replace("_", " ").title(), org_type)
            hub.orgs[key], hub.org_types[key] = organisation.id, org_type
            for role in Role:
                user = create_user(
                    session, organisation, f"{role}@{key}.example", role, PASSWORD, state.passwords
                )
                token, _ = issue_token(session, user, state.secret, TokenKind.API)
                hub.headers[(key, role)] = {"Authorization": f"Bearer {token}"}
        session.commit()
    return hub


@contextlib.contextmanager
def running_hub(backend: str, folder: Path, problem: str | None) -> Iterator[Hub]:
    with fresh_database(backend, folder, problem) as url:
        app = create_app(hub_settings(folder, url))
        with TestClient(app) as client:
            yield populate(Hub(app=app, client=client, database_url=url))


@pytest.fixture(params=BACKENDS)
def hub(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_problem: str | None
) -> Iterator[Hub]:
    """A fresh, populated hub per test, on each backend."""
    with running_hub(request.param, tmp_path, postgres_problem) as running:
        yield running


MINIMAL_GOAML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<report><rentity_id>1</rentity_id>'
    b"<entity_reference>{reference}</entity_reference><report_code>STR</report_code>"
    b"<reason>test</reason><report_indicators><indicator>HT-01</indicator>"
    b"</report_indicators></report>"
)


def minimal_goaml(reference: str) -> bytes:
    return MINIMAL_GOAML.replace(b"{reference}", reference.encode("ascii"))


def json_report(reference: str, indicators: tuple[str, ...] = ("HT-01",)) -> dict[str, object]:
    return {
        "entity_reference": reference,
        "reason": "several indicators of labour exploitation",
        "indicators": list(indicators),
        "transactions": [
            {
                "transaction_id": "T1",
                "timestamp": "2024-03-01T10:00:00Z",
                "amount": "950.00",
                "currency": "USD",
                "from_account": "A1",
                "to_account": "A2",
            }
        ],
    }


@pytest.fixture(scope="session")
def goaml_reports(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """goAML STRs written by tipflow from a small simulated, screened world (a few seconds)."""
    from tipflow.detect.screen import screen_dataset
    from tipflow.report.cases import load_cases
    from tipflow.report.goaml.profile import load_fiu_profile
    from tipflow.report.goaml.writer import write_goaml_reports
    from tipflow.simulate.config import load_world_config
    from tipflow.simulate.simulator import simulate

    root = tmp_path_factory.mktemp("hub-world")
    config = load_world_config(None).with_overrides(customers=400, days=30, seed=5)
    simulate(config, root / "world")
    screen_dataset(root / "world", root / "results")
    cases = load_cases(root / "results")[:2]
    assert len(cases) == 2, "the small world should give at least two cases"
    paths = write_goaml_reports(cases, root / "goaml", load_fiu_profile(None))
    return [path.read_bytes() for path in paths]
