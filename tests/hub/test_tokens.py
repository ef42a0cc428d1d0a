"""Token uploads at the hub: validated, stored once, replaced, kept apart per institution,
linked for the FIU only; and what `tipflow share push` refuses before connecting."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import select
from typer.testing import CliRunner

from tests.hub.conftest import Hub
from tests.hub.token_files import FINGERPRINT, token_file, upload_path
from tipflow.cli.share_commands import share_app
from tipflow.hub.models import AuditEntry, TokenFile
from tipflow.hub.vocabulary import Role
from tipflow.share.keys import key_fingerprint

OCTET = {"Content-Type": "application/octet-stream"}
MARIA = "+13125550199"


def _upload(
    hub: Hub, org: str, data: bytes, records: int, fingerprint: str = FINGERPRINT
) -> httpx.Response:
    response: httpx.Response = hub.client.post(
        upload_path(records, fingerprint), content=data, headers={**hub.as_(org), **OCTET}
    )
    return response


def test_upload_is_stored_once_and_replaced_by_the_next(hub: Hub) -> None:
    first = token_file("BANK_A", {"maria": MARIA, "tom": "+13125550123"})
    created = _upload(hub, "bank_a", first, 2)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["records"], body["flagged_records"], body["counts"]) == (2, 2, {"phone": 2})
    assert body["institutions"] == ["BANK_A"] and body["current"]
    again = _upload(hub, "bank_a", first, 2)
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    second = _upload(hub, "bank_a", token_file("BANK_A", {"maria": MARIA}), 1)
    assert second.status_code == 201
    listed = hub.client.get("/tokens/uploads", headers=hub.as_("bank_a")).json()
    assert [(u["id"], u["current"]) for u in listed] == [
        (second.json()["id"], True),
        (body["id"], False),
    ]
    with hub.state.sessions() as session:  # the replaced file is gone
        assert session.get(TokenFile, body["id"]) is None
        assert session.get(TokenFile, second.json()["id"]) is not None


def test_anything_but_pseudonyms_is_refused(hub: Hub) -> None:
    lookup = io.BytesIO()
    pq.write_table(
        pa.table({"record_id": ["a" * 32], "institution_id": ["BANK_A"], "account_id": ["A-1"]}),
        lookup,
    )
    cases = {
        "local lookup": (lookup.getvalue(), 1, "account_id"),
        "not parquet": (b"account,phone\nA-1,+13125550199\n", 1, "not a Parquet"),
        "wrong count": (token_file("BANK_A", {"m": MARIA}), 2, "manifest says 2"),
    }
    table = pq.read_table(io.BytesIO(token_file("BANK_A", {"m": MARIA})))
    raw_phone = table.set_column(3, "token", pa.array([MARIA]))
    sink = io.BytesIO()
    pq.write_table(raw_phone, sink)
    cases["raw value"] = (sink.getvalue(), 1, "not in the token format")
    for name, (data, records, message) in cases.items():
        refused = _upload(hub, "bank_a", data, records)
        assert refused.status_code == 422, name
        assert message in refused.json()["detail"], (name, refused.text)
    assert hub.client.get("/tokens/uploads", headers=hub.as_("bank_a")).json() == []


def test_tokens_under_another_key_are_refused(hub: Hub) -> None:
    assert _upload(hub, "bank_a", token_file("BANK_A", {"m": MARIA}), 1).status_code == 201
    other = key_fingerprint(b"another partnership key, 32 bytes+")
    refused = _upload(hub, "bank_b", token_file("BANK_B", {"m": MARIA}), 1, other)
    assert refused.status_code == 422 and "another key" in refused.json()["detail"]
    # an FIU admin rotates the key: old tokens are no longer linked, new ones must match it
    rotated = hub.client.put(
        "/tokens/partnership-key",
        json={"key_fingerprint": other},
        headers=hub.as_("fiu", Role.ADMIN),
    )
    assert rotated.status_code == 200 and rotated.json()["previous"] == FINGERPRINT
    assert _upload(hub, "bank_b", token_file("BANK_B", {"x": MARIA}), 1).status_code == 422
    assert _upload(hub, "bank_b", token_file("BANK_B", {"m": MARIA}), 1, other).status_code == 201
    networks = hub.client.get("/fiu/networks", headers=hub.as_("fiu")).json()
    assert networks["institutions"] == ["BANK_B"] and networks["networks"] == []


def test_the_fiu_alone_sees_networks_across_institutions(hub: Hub) -> None:
    assert _upload(hub, "bank_a", token_file("BANK_A", {"m": MARIA, "t": "+1"}), 2).is_success
    assert _upload(hub, "bank_b", token_file("BANK_B", {"m2": MARIA}), 1).is_success
    # another organisation may not pass its tokens off as bank A's
    stolen = _upload(hub, "bank_b", token_file("BANK_A", {"z": "+2"}), 1)
    assert stolen.status_code == 422 and "another organisation" in stolen.json()["detail"]
    found = hub.client.get("/fiu/networks", headers=hub.as_("fiu")).json()
    (network,) = found["networks"]
    assert network["institutions"] == ["BANK_A", "BANK_B"] and network["size"] == 2
    assert network["tie_kinds"] == {"phone": 1}
    assert network["organisation_ids"] == sorted([hub.orgs["bank_a"], hub.orgs["bank_b"]])
    assert hub.client.get("/fiu/networks", headers=hub.as_("bank_a")).status_code == 403
    own = hub.client.get("/tokens/uploads", headers=hub.as_("bank_b")).json()
    assert {u["organisation_id"] for u in own} == {hub.orgs["bank_b"]}
    assert len(hub.client.get("/tokens/uploads", headers=hub.as_("fiu")).json()) == 2
    # bank B's next upload no longer holds the shared phone: the network is gone
    assert _upload(hub, "bank_b", token_file("BANK_B", {"m2": "+3"}), 1).status_code == 201
    assert hub.client.get("/fiu/networks", headers=hub.as_("fiu")).json()["networks"] == []
    with hub.state.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action)))
    assert actions.count("upload_tokens") == 3 and actions.count("read_networks") == 2
    assert actions.count("set_partnership_key") == 1  # the first upload set it


def test_push_refuses_local_files_before_connecting(tmp_path: Path) -> None:
    folder = tmp_path / "tokens"
    (folder / "local").mkdir(parents=True)
    (folder / "local" / "lookup.parquet").write_bytes(b"x")
    runner = CliRunner()
    nowhere = ["--hub", "http://127.0.0.1:9", "--token", "t"]
    for path in (folder / "local", folder / "local" / "lookup.parquet"):
        result = runner.invoke(share_app, ["push", str(path), *nowhere])
        assert result.exit_code == 1 and "never uploaded" in result.output
    result = runner.invoke(share_app, ["push", str(folder), *nowhere])
    assert result.exit_code == 1 and "needs tokens.parquet" in result.output
