"""The partnership end to end, over HTTP against PostgreSQL: three banks of one simulated world
screen their own data, file their STRs, push pseudonymised tokens with ``tipflow share push``,
and the FIU finds a network that spans them which no single bank could see; then one STR
travels to the police and back, and the KPIs show it."""

from __future__ import annotations

import contextlib
import csv
import secrets
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.hub.conftest import PASSWORD, fresh_database, hub_settings
from tests.share.banks import write_bank_a
from tests.support.live_server import serve_in_thread
from tipflow.cli.share_commands import share_app
from tipflow.hub import create_app
from tipflow.hub.admin import create_organisation, create_user, issue_token
from tipflow.hub.audit import verify_chain
from tipflow.hub.models import AuditEntry
from tipflow.hub.state import HubState
from tipflow.hub.vocabulary import OrgType, Role, TokenKind

REPO = Path(__file__).resolve().parents[2]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Bank:
    institution: str
    tokens: Path
    goaml: list[Path]
    flagged: set[str]


@dataclass
class World:
    banks: dict[str, Bank]
    #: account id → (institution, true network id), involved accounts only
    truth: dict[str, tuple[str, str]]
    key: Path


def _build_world(root: Path) -> World:
    """Simulate, split, and let the three banks with most involved accounts screen, report
    and tokenise their own part under one partnership key (as `tipflow share tokens`)."""
    from tipflow.detect.screen import screen_dataset
    from tipflow.report.build import write_report
    from tipflow.share.keys import generate_key, read_key
    from tipflow.share.tokens import make_tokens
    from tipflow.simulate import load_world_config, simulate
    from tipflow.simulate.split import split_by_institution

    simulate(load_world_config().with_overrides(customers=1500, days=60, seed=3), root / "world")
    parts = split_by_institution(root / "world", root / "parts")
    institution = {r["account_id"]: r["institution_id"] for r in _csv(root / "world/accounts.csv")}
    truth = {
        r["account_id"]: (institution[r["account_id"]], r["network_id"])
        for r in _csv(root / "world/truth/accounts.csv")
        if r["involved"] == "true" and r["network_id"]
    }
    involved = Counter(inst for inst, _ in truth.values())
    key = generate_key(root / "partnership.key")
    banks = {}
    for name, _ in involved.most_common(3):
        screened = screen_dataset(parts[name], root / "screen" / name)
        flagged = {
            r["account_id"] for r in _csv(screened.out / "accounts.csv") if r["flagged"] == "true"
        }
        report = write_report(screened.out, root / "report" / name, top=2)
        tokens = make_tokens(parts[name], read_key(key), root / "tokens" / name, flagged=flagged)
        banks[name] = Bank(name, tokens.out, report.goaml_files, flagged)
    return World(banks, truth, key)


@dataclass
class Served:
    url: str
    state: HubState
    tokens: dict[str, str]  # org key → API token
    orgs: dict[str, int]


def _populate(state: HubState, banks: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    tokens, orgs = {}, {}
    members = [(b, OrgType.REPORTING_ENTITY) for b in banks]
    members += [("fiu", OrgType.FIU), ("police", OrgType.LAW_ENFORCEMENT)]
    with state.sessions() as session:
        for key, org_type in members:
            organisation = create_organisation(session, f"Org {key}", org_type)
            user = create_user(
                session, organisation, f"a@{key}.example", Role.ADMIN, PASSWORD, state.passwords
            )
            tokens[key], _ = issue_token(session, user, state.secret, TokenKind.API)
            orgs[key] = organisation.id
        session.commit()
    return tokens, orgs


@contextlib.contextmanager
def _serve(root: Path, url: str, banks: list[str]) -> Iterator[Served]:
    """The hub on ``url``'s database, served by uvicorn on a free port in a thread."""
    app = create_app(hub_settings(root, url))
    state = app.state.hub
    assert isinstance(state, HubState)
    tokens, orgs = _populate(state, banks)
    with serve_in_thread(app) as served_url:
        yield Served(served_url, state, tokens, orgs)


def _push(folder: Path, served: Served, token: str) -> subprocess.CompletedProcess[str]:
    """`tipflow share push` in its own process, as a bank would run it."""
    command = [sys.executable, "-m", "tipflow", "share", "push", str(folder)]
    command += ["--hub", served.url, "--token", token]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=60)


def _push_here(folder: Path, served: Served, token: str) -> tuple[int, str]:
    """The same command in this process (quicker, for the refusals)."""
    result = CliRunner().invoke(
        share_app, ["push", str(folder), "--hub", served.url, "--token", token]
    )
    return result.exit_code, result.output


@pytest.fixture
def partnership(tmp_path: Path, postgres_problem: str | None) -> Iterator[tuple[World, Served]]:
    with fresh_database("postgresql", tmp_path, postgres_problem) as url:
        world = _build_world(tmp_path)
        with _serve(tmp_path, url, sorted(world.banks)) as served:
            yield world, served


def _networks_no_bank_saw(world: World, found: list[dict[str, object]]) -> list[set[str]]:
    """For each returned network: true members of one true network held at two or more
    banks (record ids mapped back through the banks' local lookups, here only)."""
    from tipflow.share.local import read_lookup

    account_of = {
        (bank.institution, record): account
        for bank in world.banks.values()
        for record, account in read_lookup(bank.tokens).items()
    }
    unseen = []
    for network in found:
        by_true_network: dict[str, set[str]] = defaultdict(set)
        members = network["members"]
        assert isinstance(members, list)
        for member in members:
            account = account_of[(member["institution_id"], member["record_id"])]
            if account in world.truth:
                by_true_network[world.truth[account][1]].add(account)
        for accounts in by_true_network.values():
            holders = {world.truth[a][0] for a in accounts}
            # no single institution holds (so none flagged) these members together
            alone = any(accounts <= bank.flagged for bank in world.banks.values())
            if len(holders) >= 2 and not alone:
                unseen.append(accounts)
    return unseen


def test_the_fiu_sees_a_network_no_single_bank_could(
    partnership: tuple[World, Served], tmp_path: Path
) -> None:
    world, served = partnership
    auth = {key: {"Authorization": f"Bearer {token}"} for key, token in served.tokens.items()}
    banks = sorted(world.banks)
    with httpx.Client(base_url=served.url, timeout=60) as client:
        # every bank files its own STRs and pushes its tokens through the CLI
        for name in banks:
            for document in world.banks[name].goaml:
                filed = client.post(
                    "/reports/goaml",
                    content=document.read_bytes(),
                    headers={**auth[name], "Content-Type": "application/xml"},
                )
                assert filed.status_code == 201, filed.text
            pushed = _push(world.banks[name].tokens, served, served.tokens[name])
            assert pushed.returncode == 0, pushed.stdout + pushed.stderr
            assert "stored as upload" in pushed.stdout
        first, token = world.banks[banks[0]].tokens, served.tokens[banks[0]]
        code, output = _push_here(first, served, token)
        assert code == 0 and "already stored" in output, output

        # what the CLI refuses, and how the hub's refusals read
        for refused in (first / "local", first / "local" / "lookup.parquet"):
            code, output = _push_here(refused, served, token)
            assert code == 1 and "never uploaded" in output, output
        code, output = _push_here(first, served, "tfh_not-a-token")
        assert code == 1 and "HTTP 401" in output, output
        code, output = _push_here(first, served, served.tokens["fiu"])
        assert code == 1 and "HTTP 403" in output and "may not" in output, output
        from tipflow.share.tokens import make_tokens

        other_key = make_tokens(
            write_bank_a(tmp_path / "other"), secrets.token_bytes(32), tmp_path / "other_tokens"
        ).out
        code, output = _push_here(other_key, served, token)
        assert code == 1 and "HTTP 422" in output and "another key" in output, output

        # the FIU links the newest tokens of every bank
        response = client.get("/fiu/networks", headers=auth["fiu"])
        assert response.status_code == 200, response.text
        found = response.json()
        assert len(found["upload_ids"]) == 3 and found["institutions"] == banks
        spanning = [n for n in found["networks"] if len(n["institutions"]) >= 2]
        assert spanning and all(n["size"] == len(n["members"]) for n in spanning)
        assert _networks_no_bank_saw(world, spanning), "no network joined banks' true members"

        # banks see neither the networks nor each other's uploads
        for name in banks:
            assert client.get("/fiu/networks", headers=auth[name]).status_code == 403
            own = client.get("/tokens/uploads", headers=auth[name]).json()
            assert own and {u["organisation_id"] for u in own} == {served.orgs[name]}
        every = client.get("/tokens/uploads", headers=auth["fiu"]).json()
        assert {u["organisation_id"] for u in every} == {served.orgs[b] for b in banks}

        # one STR: triage, disclosure to the police, outcome, feedback; the KPIs show it
        queue = client.get("/triage", headers=auth["fiu"]).json()
        assert len(queue) == sum(len(b.goaml) for b in world.banks.values())
        report_id = queue[0]["id"]
        triaged = client.put(
            f"/reports/{report_id}/status", json={"status": "triaged"}, headers=auth["fiu"]
        )
        assert triaged.status_code == 200, triaged.text
        disclosure = client.post(
            "/disclosures",
            json={"to_organisation_id": served.orgs["police"], "report_ids": [report_id]},
            headers=auth["fiu"],
        )
        assert disclosure.status_code == 201, disclosure.text
        outcome = client.post(
            f"/disclosures/{disclosure.json()['id']}/outcomes",
            json={"kind": "investigation"},
            headers=auth["police"],
        )
        assert outcome.status_code == 201, outcome.text
        feedback = client.post(
            f"/reports/{report_id}/feedback", json={"usefulness": 5}, headers=auth["fiu"]
        )
        assert feedback.status_code == 201, feedback.text
        kpis = client.get("/kpis", headers=auth["fiu"]).json()
        assert kpis["reports"] == len(queue) and kpis["reports_disclosed"] == 1
        assert kpis["outcomes"] == {"investigation": 1} and kpis["mean_feedback_score"] == 5

    with served.state.sessions() as session:
        assert verify_chain(session).ok
        actions = Counter(session.scalars(select(AuditEntry.action)))
    assert actions["upload_tokens"] == 3 and actions["read_networks"] == 1
    assert actions["list_token_uploads"] == 4
