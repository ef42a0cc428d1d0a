"""Reading goAML back: our reports round-trip, other reporters' files are read, the dataset
the reader writes is accepted by tipflow's own contract reader."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import etree

from tests.report.goaml.builders import account, make_case, person, transaction
from tests.report.goaml.conftest import SUBMITTED
from tipflow.errors import DatasetError
from tipflow.ingest.pipeline import validate_dataset
from tipflow.report.cases import Case
from tipflow.report.goaml.profile import FiuProfile
from tipflow.report.goaml.reader import GoamlReport, read_goaml, write_dataset
from tipflow.report.goaml.tables import LEFT_OUT
from tipflow.report.goaml.writer import report_bytes

TRANSACTION_FIELDS = (
    "timestamp", "amount", "currency", "from_account_id", "to_account_id", "counterparty_name",
    "counterparty_account", "counterparty_institution", "counterparty_country", "merchant_name",
    "merchant_category_code", "city", "country", "description",
)  # fmt: skip
#: The UAE edition writes ach and remittance alike (ELCFT): either reads back as ach.
UAE_CHANNELS = {"remittance": "ach"}


def _check_round_trip(
    case: Case, report: GoamlReport, channels: dict[str, str], converted: bool
) -> None:
    read = {t.transaction_id: t for t in report.transactions}
    assert read, case.case_id
    assert set(read) <= {t.transaction_id for t in case.transactions}
    for original in case.transactions:
        if original.transaction_id not in read:
            continue  # beyond the profile's maximum
        again = read[original.transaction_id]
        for field in TRANSACTION_FIELDS:
            assert getattr(again, field) == getattr(original, field), (original, field)
        assert again.channel == channels.get(original.channel, original.channel)
        assert (again.base_amount is not None) == converted
    parties = {p.party_id: p for p in report.parties}
    by_name = {p.name: p for p in report.parties}
    for party in case.parties:
        again = parties.get(party.party_id) or by_name[party.name]
        for field in ("name", "party_type", "birth_date", "nationality", "phone", "gender"):
            assert getattr(again, field) == getattr(party, field), (party, field)
    accounts = {a.account_id: a for a in report.accounts}
    for original_account in case.accounts:
        again_account = accounts[original_account.account_id]
        assert again_account.institution_id == original_account.institution_id
        assert again_account.party_id == original_account.holder_party_id
        assert again_account.account_type == original_account.account_type
        assert again_account.opened_date == original_account.opened_date


def test_generic_reports_round_trip(
    cases: list[Case], generic_reports: list[Path], generic_profile: FiuProfile
) -> None:
    for case, path in zip(cases, generic_reports, strict=True):
        report = read_goaml(path)  # the generic profile is the default
        _check_round_trip(case, report, {}, converted=False)
        assert report.entity_reference == case.case_id
        assert report.indicators == ("-",)
        assert report.rentity_id == generic_profile.rentity_id


def test_uae_reports_round_trip(
    cases: list[Case], uae_reports: list[Path], uae_profile: FiuProfile
) -> None:
    for case, path in zip(cases, uae_reports, strict=True):
        report = read_goaml(path, uae_profile)
        _check_round_trip(case, report, UAE_CHANNELS, converted=True)  # USD in an AED report
        written = etree.parse(str(path)).getroot()
        codes = tuple(i.text for i in written.iterfind("report_indicators/indicator"))
        assert report.indicators == codes
        assert report.currency_code_local == "AED"
        assert report.reason and report.reason.startswith(case.explanation[:40])


def test_the_dataset_passes_the_contract_reader(
    cases: list[Case], generic_reports: list[Path], tmp_path: Path
) -> None:
    for case, path in list(zip(cases, generic_reports, strict=True))[:3]:
        report = read_goaml(path)
        written = write_dataset(report, tmp_path / case.case_id)
        assert {p.name: n for p, n in written.items()} == {
            "parties.csv": len(report.parties),
            "accounts.csv": len(report.accounts),
            "account_parties.csv": len(report.account_parties),
            "transactions.csv": len(report.transactions),
        }
        checked = validate_dataset(tmp_path / case.case_id, tmp_path / f"{case.case_id}-check")
        assert checked.status == "ok"
        assert {t: (r.accepted, r.quarantined) for t, r in checked.tables.items()}[
            "transactions"
        ] == (
            len(report.transactions),
            0,
        )
        assert all(table.quarantined == 0 for table in checked.tables.values())


def test_every_uae_sample_is_read(
    goaml_specs: Path, uae_profile: FiuProfile, tmp_path: Path
) -> None:
    samples = sorted((goaml_specs / "uae-fiu-5.0.2" / "samples").glob("*.xml"))
    assert len(samples) == 9
    for sample in samples:
        report = read_goaml(sample, uae_profile)
        assert report.report_code and report.entity_reference and report.indicators
        assert report.reporting_person == "Sara Khan"
        assert report.parties, sample.name
        write_dataset(report, tmp_path / sample.stem)
    str_report = read_goaml(samples[[s.name for s in samples].index("STR.xml")], uae_profile)
    assert str_report.indicators == ("STRUC",)
    (layla,) = str_report.parties  # the client paying cash; John Smith is the counterparty
    assert (layla.name, str(layla.birth_date), layla.phone) == (
        "Layla Hassan",
        "1989-07-02",
        "+971509998877",
    )
    (transaction,) = str_report.transactions
    assert transaction.transaction_id == "TXN-987654"
    assert str(transaction.amount) == "120000.00" and transaction.currency == "AED"
    assert (transaction.counterparty_name, transaction.counterparty_country) == ("John Smith", "GB")
    # neither side is an account: kept in the report, left out of the contract's table
    with (tmp_path / "STR" / f"{LEFT_OUT}.csv").open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["transaction_id"] == "TXN-987654" and "neither side" in row["reason"]
    dpms = read_goaml(samples[[s.name for s in samples].index("TR.2079.200000309.xml")])
    names = {p.name: p.party_type for p in dpms.parties}
    assert names == {"Example Jewellery LLC": "organisation", "Ali Hassan": "person"}


def test_a_file_that_is_not_a_report_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<reportdata><transactions/></reportdata>", "utf-8")
    with pytest.raises(DatasetError, match="not a goAML report"):
        read_goaml(path)
    path.write_text(
        "<report><transaction><date_transaction>2024-01-01T00:00:00</date_transaction>"
        "<amount_local>1</amount_local></transaction></report>",
        "utf-8",
    )
    with pytest.raises(DatasetError, match="no transactionnumber"):
        read_goaml(path)
    path.write_text(
        "<report><transaction><transactionnumber>T1</transactionnumber>"
        "<date_transaction>yesterday</date_transaction></transaction></report>",
        "utf-8",
    )
    with pytest.raises(DatasetError, match="T1: date_transaction"):
        read_goaml(path)
    for amount in ("NaN", "ten"):
        path.write_text(
            "<report><transaction><transactionnumber>T2</transactionnumber>"
            "<date_transaction>2024-01-01T00:00:00</date_transaction>"
            f"<amount_local>{amount}</amount_local></transaction></report>",
            "utf-8",
        )
        with pytest.raises(DatasetError, match=r"T2: .* is not an amount"):
            read_goaml(path)


def test_rows_the_contract_cannot_hold_are_listed_not_dropped(tmp_path: Path) -> None:
    base = {"timestamp": "2024-01-01T10:00:00", "currency": "USD", "channel": "p2p"}
    rows = [
        {"transaction_id": "T1", "amount": "5", "from_account_id": "A1", **base},
        {"transaction_id": "T1", "amount": "6", "from_account_id": "A1", **base},
        {"transaction_id": "T2", "amount": "0", "from_account_id": "A1", **base},
        {"transaction_id": "T3", "amount": "5", "from_account_id": "A9", **base},
        {"transaction_id": "T4", "amount": "5", **base, "channel": "cash"},
        {"transaction_id": "T5", "amount": "5", "from_account_id": "A1", **base, "currency": "ZZZ"},
    ]
    report = GoamlReport.model_validate(
        {
            "source": "x.xml",
            "parties": [{"party_id": "P1", "party_type": "person"}],
            "accounts": [
                {"account_id": "A1", "institution_id": "B", "party_id": "P1",
                 "account_type": "current", "currency": "USD"}
            ],
            "transactions": rows,
        }
    )  # fmt: skip
    kept, left_out = report.contract_transactions()
    assert [(t.transaction_id, t.amount) for t in kept] == [("T1", 5)]
    assert [i for i, _ in left_out] == ["T1", "T2", "T3", "T4", "T5"]
    written = write_dataset(report, tmp_path)
    assert written[tmp_path / "transactions.csv"] == 1
    assert written[tmp_path / f"{LEFT_OUT}.csv"] == 5
    write_dataset(report.model_copy(update={"transactions": tuple(kept)}), tmp_path)
    assert not (tmp_path / f"{LEFT_OUT}.csv").exists()  # a stale list would mislead


def test_nameless_holders_stay_apart_and_keep_their_ids(
    generic_profile: FiuProfile, tmp_path: Path
) -> None:
    case = make_case(
        [person("P1", None), person("P2", None, phone="+14045550000")],
        [account("A-1", "P1"), account("A-2", "P2")],
        [transaction("T-1", from_account_id="A-2", to_account_id="A-1")],
    )
    path = tmp_path / "nameless.xml"
    path.write_bytes(report_bytes(case, generic_profile, submitted=SUBMITTED))
    report = read_goaml(path)
    assert sorted((p.party_id, p.phone) for p in report.parties) == [
        ("P1", "+14045551535"),
        ("P2", "+14045550000"),
    ]
    assert {a.account_id: a.party_id for a in report.accounts} == {"A-1": "P1", "A-2": "P2"}


def test_involved_parties_read_as_from_and_to(tmp_path: Path) -> None:
    path = tmp_path / "multi.xml"
    path.write_text(
        """<report><currency_code_local>USD</currency_code_local>
        <transaction><transactionnumber>M-1</transactionnumber>
          <date_transaction>2024-02-03T04:05:06</date_transaction>
          <transmode_code>C</transmode_code><amount_local>75.5</amount_local>
          <involved_parties>
            <party><role>A</role><account_my_client>
              <institution_name>Bank A</institution_name><institution_code>BA</institution_code>
              <account>ACC-9</account><account_name>Sam Lee</account_name>
              <client_number>C-7</client_number>
            </account_my_client><funds_code>D</funds_code><country>US</country></party>
            <party><role>B</role><person><first_name>Kim</first_name><last_name>Park</last_name>
            </person><funds_code>D</funds_code><country>KR</country></party>
          </involved_parties></transaction></report>""",
        "utf-8",
    )
    report = read_goaml(path)
    (transaction,) = report.transactions
    assert (transaction.from_account_id, transaction.to_account_id) == ("ACC-9", None)
    assert (transaction.counterparty_name, transaction.counterparty_country) == ("Kim Park", "KR")
    assert transaction.channel == "wire"  # the generic profile's transmode C
    (holder,) = report.parties
    assert (holder.party_id, holder.name) == ("C-7", "Sam Lee")
    assert report.accounts[0].institution_id == "BA"
