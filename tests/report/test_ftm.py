"""The FollowTheMoney export: valid entities, nothing lost, nothing invented, same bytes twice."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.types import registry
from followthemoney.util import sanitize_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipflow.report.cases import (
    AccountRelation,
    Case,
    CaseAccount,
    CaseEvidence,
    CaseParty,
    CaseTransaction,
)
from tipflow.report.ftm import (
    FtmCounts,
    account_relations,
    party_schema,
    write_ftm,
)
from tipflow.report.ftm_graph import entity_id
from tipflow.report.ftm_payments import payment_date

Entity = dict[str, Any]
PARTY_SCHEMATA = {"Person", "Company", "Organization"}
# account_parties.relation -> the FtM link that must carry it (party -> account) and its role
EXPECTED_LINKS = {
    "holder": ("Ownership", "holder"),
    "joint_holder": ("Ownership", "joint holder"),
    "beneficial_owner": ("Ownership", "beneficial owner"),
    "signatory": ("UnknownLink", "signatory"),
    "authorised_user": ("UnknownLink", "authorised user"),
}
PINNED_PARTY_ID = "022ea92cbffe790505884303a3b38835eac8360f"  # entity_id("party", "P0001539")


@pytest.fixture(scope="module")
def written(cases: list[Case], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, FtmCounts]:
    path = tmp_path_factory.mktemp("ftm") / "entities.ftm.jsonl"
    return path, write_ftm(cases, path)


@pytest.fixture(scope="module")
def entities(written: tuple[Path, FtmCounts]) -> dict[str, Entity]:
    return _read(written[0])


def _read(path: Path) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert data["id"] not in entities, f"{data['id']} written twice"
        entities[data["id"]] = data
    return entities


def _of(entities: dict[str, Entity], schema: str) -> list[Entity]:
    return [e for e in entities.values() if e["schema"] == schema]


def _strictly_valid(data: Entity) -> None:
    """Loads with FtM, re-cleaning every value, and comes back unchanged and complete."""
    schema = model.get(data["schema"])
    assert schema is not None and not schema.abstract, data["schema"]
    schema.validate(data)  # raises InvalidData: a value of the wrong type or too long
    reread = model.get_proxy(data, cleaned=False)  # untrusted input: FtM cleans it all again
    assert reread.id == data["id"]
    assert {k: sorted(v) for k, v in reread.properties.items()} == data["properties"], data
    for name in schema.required:
        assert data["properties"].get(name), f"{data['schema']} {data['id']} lacks {name}"
    for name in data["properties"]:
        assert not schema.properties[name].stub, f"reverse property {name} set"


def test_every_line_is_a_valid_followthemoney_entity(written: tuple[Path, FtmCounts]) -> None:
    path, counts = written
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == counts.total > 0
    for line in lines:
        _strictly_valid(json.loads(line))


def test_every_reference_points_to_an_entity_of_the_right_schema(
    entities: dict[str, Entity],
) -> None:
    for data in entities.values():
        schema = model[data["schema"]]
        for name, values in data["properties"].items():
            prop = schema.properties[name]
            if prop.type != registry.entity:
                continue
            for ref in values:
                assert ref in entities, f"{data['schema']}.{name} -> missing {ref}"
                assert prop.range is not None
                assert model[entities[ref]["schema"]].is_a(prop.range), (name, ref)


def test_counts_agree_with_the_cases(
    cases: list[Case], written: tuple[Path, FtmCounts], entities: dict[str, Entity]
) -> None:
    _, counts = written
    accounts = {a.account_id: a for c in cases for a in c.accounts}
    parties = {p.party_id: p for c in cases for p in c.parties}
    transactions = {t.transaction_id for c in cases for t in c.transactions}
    assert counts.by_schema == dict(sorted(Counter(e["schema"] for e in entities.values()).items()))
    # our accounts are BankAccount, each with its own number; others are outside accounts
    for account_id in accounts:
        account = entities[entity_id("account", account_id)]
        assert account["schema"] == "BankAccount"
        assert account["properties"]["accountNumber"] == [account_id]
        assert account["properties"]["bankName"] == [accounts[account_id].institution_id]
    # our parties, and only they, are Person / Company / Organization
    written_parties = {
        e["id"]: e["schema"] for e in entities.values() if e["schema"] in PARTY_SCHEMATA
    }
    assert written_parties == {entity_id("party", p): party_schema(parties[p]) for p in parties}
    assert sum(counts.by_schema.get(s, 0) for s in PARTY_SCHEMATA) == len(parties)
    assert {e["id"] for e in _of(entities, "Payment")} == {
        entity_id("transaction", t) for t in transactions
    }
    assert counts.by_schema["Payment"] == len(transactions)
    assert counts.by_schema["Project"] == len(cases)
    assert counts.unaccepted == {}
    stand_ins = [e for e in _of(entities, "LegalEntity") if "Stand-in" in str(e["properties"])]
    assert counts.stand_ins == len(stand_ins)


def test_payments_carry_the_transactions(cases: list[Case], entities: dict[str, Entity]) -> None:
    accounts = {a.account_id: a for c in cases for a in c.accounts}
    for case in cases:
        for t in case.transactions:
            props = entities[entity_id("transaction", t.transaction_id)]["properties"]
            assert [Decimal(a) for a in props["amount"]] == [t.amount]
            assert props["currency"] == [t.currency]
            assert props["transactionNumber"] == [t.transaction_id]
            assert entity_id("case", case.case_id) in props["project"]
            assert props["date"] == [_utc(t)]
            for side, account_id in (
                ("payer", t.from_account_id),
                ("beneficiary", t.to_account_id),
            ):
                (party,) = props[side]
                assert model[entities[party]["schema"]].is_a(model["LegalEntity"])
                if account_id is not None:
                    assert props[side + "Account"] == [entity_id("account", account_id)]
                if account_id in accounts:
                    holder = accounts[account_id].holder_party_id
                    assert party == entity_id("party", holder)


def _utc(t: CaseTransaction) -> str:
    """The time FtM should hold, worked out without FtM: UTC where the offset is known."""
    moment = t.timestamp.replace(microsecond=0)
    if t.utc_offset_minutes is not None:
        moment -= dt.timedelta(minutes=t.utc_offset_minutes)
    return moment.isoformat()


def test_every_account_relation_is_a_link(cases: list[Case], entities: dict[str, Entity]) -> None:
    links = {
        (p.get("owner", p.get("subject"))[0], p.get("asset", p.get("object"))[0], e["schema"], role)
        for e in entities.values()
        if e["schema"] in ("Ownership", "UnknownLink")
        for p in [e["properties"]]
        for role in p["role"]
    }
    relations = 0
    for case in cases:
        for account in case.accounts:
            assert (account.holder_party_id, "holder") in account_relations(account)
            for party_id, relation in account_relations(account):
                schema, role = EXPECTED_LINKS[relation]
                ends = (entity_id("party", party_id), entity_id("account", account.account_id))
                assert (*ends, schema, role) in links, (account.account_id, party_id, relation)
                relations += 1
    assert relations >= sum(len(a.relations) for c in cases for a in c.accounts) > 0


def test_each_case_is_a_project_linking_its_accounts_and_parties(
    cases: list[Case], entities: dict[str, Entity]
) -> None:
    for case in cases:
        case_ref = entity_id("case", case.case_id)
        props = entities[case_ref]["properties"]
        assert entities[case_ref]["schema"] == "Project"
        assert props["projectId"] == [case.case_id]
        assert props["description"] == [case.explanation]
        assert f"Risk score {case.risk_score:.3f}" in props["summary"][0]
        assert set(case.typologies) | {case.crime} <= set(props["keywords"])
        assert props["topics"]
        for account in case.accounts:
            link = entities[entity_id("case-account", case.case_id, account.account_id)]
            assert link["properties"]["subject"] == [entity_id("account", account.account_id)]
            assert link["properties"]["object"] == [case_ref]
            assert f"rank {account.rank}" in link["properties"]["summary"][0]
            texts = " ".join(link["properties"]["description"])
            assert all(
                e.detail in texts for e in case.evidence if e.account_id == account.account_id
            )
        for party in case.parties:
            link = entities[entity_id("case-party", case.case_id, party.party_id)]
            assert link["properties"]["participant"] == [entity_id("party", party.party_id)]
            assert link["properties"]["project"] == [case_ref]


def test_no_party_value_is_dropped(cases: list[Case], entities: dict[str, Entity]) -> None:
    """Each value the dataset gives a party is on its entity, in FtM's form."""
    checked = Counter[str]()
    for party in (p for c in cases for p in c.parties):
        props = entities[entity_id("party", party.party_id)]["properties"]
        expected = {
            "name": party.name,
            "birthDate": party.birth_date and party.birth_date.isoformat(),
            "gender": party.gender,
            "phone": party.phone,
            "email": party.email and party.email.casefold(),
            "country": party.country and party.country.lower(),
            ("nationality" if party.party_type == "person" else "jurisdiction"): (
                party.nationality and party.nationality.lower()
            ),
            "profession": party.occupation,
            "sector": party.industry_code and f"ISIC {party.industry_code}",
        }
        for name, value in expected.items():
            if value is None:
                continue
            got = (
                [v.casefold() for v in props.get(name, [])] if name == "email" else props.get(name)
            )
            assert got == [value], (party.party_id, name, value, got)
            checked[name] += 1
        if party.address:
            assert party.address in props["address"][0]
        assert "notes" not in props
    assert checked["phone"] and checked["email"] and checked["birthDate"] and checked["sector"]


def test_two_writes_are_byte_identical_whatever_the_case_order(
    cases: list[Case], written: tuple[Path, FtmCounts], tmp_path: Path
) -> None:
    again = write_ftm(list(reversed(cases)), tmp_path / "again.jsonl")
    assert (tmp_path / "again.jsonl").read_bytes() == written[0].read_bytes()
    assert again == written[1]


def test_lines_are_sorted_things_before_links(written: tuple[Path, FtmCounts]) -> None:
    rows = [json.loads(line) for line in written[0].read_text(encoding="utf-8").splitlines()]
    keys = [(model[r["schema"]].edge, r["schema"], r["id"]) for r in rows]
    assert keys == sorted(keys)
    assert rows[0]["schema"] not in ("Payment", "Ownership")
    assert all(values == sorted(values) for r in rows for values in r["properties"].values())


# --- small hand-made cases ------------------------------------------------------------------


def _party(party_id: str, name: str | None, **fields: Any) -> CaseParty:
    return CaseParty(party_id=party_id, party_type="person", name=name, **fields)


def _case(case_id: str, parties: list[CaseParty], account_id: str = "ACC-1") -> Case:
    account = CaseAccount(
        account_id=account_id,
        institution_id="BANK_A",
        holder_party_id=parties[0].party_id,
        account_type="current",
        currency="EUR",
        relations=tuple(
            AccountRelation(party_id=p.party_id, relation="holder" if i == 0 else "signatory")
            for i, p in enumerate(parties)
        ),
        risk_score=0.9,
        flagged=True,
        rank=1,
        crime="sex_trafficking",
        role="victim",
        typologies=("sex_trafficking_victim",),
        indicators=("HT-SEX-01",),
        explanation="Matches a victim account.",
    )
    deposit = CaseTransaction(
        transaction_id=f"TX-{account_id}",
        timestamp=dt.datetime(2024, 3, 1, 23, 15),
        utc_offset_minutes=60,
        amount=Decimal("950.00"),
        currency="EUR",
        channel="cash",
        to_account_id=account_id,
    )
    return Case(
        case_id=case_id,
        network_id=None,
        risk_score=0.9,
        crime="sex_trafficking",
        typologies=("sex_trafficking_victim",),
        explanation="A lone flagged account.",
        institutions=("BANK_A",),
        accounts=(account,),
        parties=tuple(parties),
        evidence=(
            CaseEvidence(
                account_id=account_id,
                indicator_id="HT-SEX-01",
                indicator_name="night cash",
                value=5,
                threshold=3,
                detail="5 night deposits",
                transaction_ids=(f"TX-{account_id}",),
            ),
        ),
        transactions=(deposit,),
    )


def test_a_party_in_two_cases_is_written_once(tmp_path: Path) -> None:
    shared = _party("P-SHARED", "Ana Lima", nationality="BR", phone="+5511987654321")
    first = _case("CASE-1", [_party("P-1", "Rosa Díaz"), shared], account_id="ACC-1")
    second = _case("CASE-2", [_party("P-2", "Eva Ruiz"), shared], account_id="ACC-2")
    third = first.model_copy(update={"case_id": "CASE-3"})  # same account and transaction
    path = tmp_path / "entities.ftm.jsonl"
    counts = write_ftm([first, second, third], path)
    entities = _read(path)  # fails on a repeated id
    text = path.read_text(encoding="utf-8")
    assert text.count(f'"id":"{entity_id("party", "P-SHARED")}"') == 1
    assert entities[entity_id("party", "P-SHARED")]["properties"]["phone"] == ["+5511987654321"]
    assert counts.by_schema["Person"] == 3 and counts.by_schema["Project"] == 3
    assert counts.by_schema["BankAccount"] == 2 and counts.by_schema["Payment"] == 2
    participants = [
        e
        for e in _of(entities, "ProjectParticipant")
        if e["properties"]["participant"] == [entity_id("party", "P-SHARED")]
    ]
    assert len(participants) == 3
    assert {p["properties"]["role"][0] for p in participants} == {"signatory"}
    # one transaction in two cases: one Payment in both projects
    payment = entities[entity_id("transaction", "TX-ACC-1")]
    assert payment["properties"]["project"] == sorted(
        entity_id("case", c) for c in ("CASE-1", "CASE-3")
    )
    # merged entities do not depend on which case came first
    write_ftm([third, second, first], tmp_path / "reversed.jsonl")
    assert (tmp_path / "reversed.jsonl").read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "name", ["Иван Петрович Сидоров", "王秀英", "محمد عبد الله", "Nguyễn Thị Hương", "Ñandú Ölçer"]
)
def test_non_latin_names_are_kept_as_written(tmp_path: Path, name: str) -> None:
    path = tmp_path / "entities.ftm.jsonl"
    write_ftm([_case("CASE-1", [_party("P-1", name)])], path)
    assert name in path.read_text(encoding="utf-8")  # UTF-8 as is, not \\u escapes
    assert _read(path)[entity_id("party", "P-1")]["properties"]["name"] == [name]


def test_a_value_followthemoney_refuses_is_kept_and_counted(tmp_path: Path) -> None:
    odd = _party("P-1", "x" * 400, phone="call me maybe", nationality="Q1", email="not-an-email")
    path = tmp_path / "entities.ftm.jsonl"
    counts = write_ftm([_case("CASE-1", [odd])], path)
    props = _read(path)[entity_id("party", "P-1")]["properties"]
    assert counts.unaccepted == {
        "Person.email": 1,
        "Person.name": 1,
        "Person.nationality": 1,
        "Person.phone": 1,
    }
    notes = " ".join(props["notes"])
    for value in ("call me maybe", "Q1", "not-an-email", "x" * 400):
        assert value in notes
    assert props["name"] == ["Unnamed party P-1"]  # FtM requires a name
    for line in path.read_text(encoding="utf-8").splitlines():
        _strictly_valid(json.loads(line))


_TEXT = st.text(
    st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")), max_size=40
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=_TEXT,
    phone=_TEXT,
    email=_TEXT,
    occupation=_TEXT,
    address=_TEXT,
    country=st.sampled_from(["US", "PH", "XK", "Q1", "zz", "GB"]),
)
def test_no_value_is_ever_dropped_in_silence(
    tmp_path: Path, name: str, phone: str, email: str, occupation: str, address: str, country: str
) -> None:
    """Whatever the text, each value is on the entity or, refused by FtM, in its notes."""
    party = _party(
        "P-1",
        name,
        phone=phone,
        email=email,
        occupation=occupation,
        address=address,
        country=country,
    )
    path = tmp_path / "entities.ftm.jsonl"
    counts = write_ftm([_case("CASE-1", [party])], path)
    data = _read(path)[entity_id("party", "P-1")]
    _strictly_valid(data)
    props = data["properties"]
    notes = " ".join(props.get("notes", []))
    for prop, value in (
        ("name", name),
        ("phone", phone),
        ("email", email),
        ("profession", occupation),
        ("address", address),
        ("country", country),
    ):
        text = sanitize_text(value)
        if text is None:  # empty: the dataset had no value
            continue
        assert props.get(prop) or text in notes, (prop, value)
    assert sum(counts.unaccepted.values()) == len(props.get("notes", []))


def test_ids_are_stable_and_unambiguous() -> None:
    assert entity_id("party", "P0001539") == entity_id("party", "P0001539")
    assert entity_id("party", "P1") != entity_id("account", "P1")
    assert entity_id("x", "a", "bc") != entity_id("x", "ab", "c")
    # pinned: changing the id scheme breaks every link analysts made to earlier exports
    assert entity_id("party", "P0001539") == PINNED_PARTY_ID


def test_payment_date_keeps_the_instant() -> None:
    case = _case("CASE-1", [_party("P-1", "A")])
    assert payment_date(case.transactions[0]) == "2024-03-01T23:15:00+01:00"
