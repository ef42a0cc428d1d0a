"""Read a goAML report (tipflow's or another reporter's) into tipflow's tables.

The file is parsed safely (``safe_xml``: no DTD, entities or network). Transactions keep their
``transactionnumber`` as ``transaction_id``; amounts are the foreign amount and currency when
the file gives one (``amount_local`` is then the ``base_amount``), else ``amount_local`` in the
report's local currency. The channel is read back through the FIU profile's codes (default: the
generic profile), the best match of transmode code, transmode comment and funds codes.
``activity`` report parties become parties and accounts; ``involved_parties`` are read as
from (the first party) and to (the second).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from tipflow.errors import DatasetError
from tipflow.report.goaml.profile import FiuProfile, load_fiu_profile
from tipflow.report.goaml.read_subjects import Element, Outside, SubjectReader, parse_datetime, text
from tipflow.report.goaml.safe_xml import read_xml_file
from tipflow.report.goaml.tables import GoamlReport, TransactionRow, write_dataset
from tipflow.report.goaml.text import NO_REFERENCE, country_code, currency_code

__all__ = ["GoamlReport", "read_goaml", "write_dataset"]

_PLACE = re.compile(r"((?P<city>.*), )?(?P<country>[A-Z]{2})")
_SUBJECTS = ("account", "person", "entity")


def read_goaml(path: Path, profile: FiuProfile | None = None) -> GoamlReport:
    """The report in the goAML file at ``path``; ``profile`` reads its codes (default: generic)."""
    root = read_xml_file(path)
    if root.tag != "report":
        raise DatasetError(path, f"not a goAML report: the root element is <{root.tag}>")
    profile = profile or load_fiu_profile(None)
    local = currency_code(text(root, "currency_code_local"))
    subjects = SubjectReader(profile, local)
    transactions = [
        _transaction(path, element, subjects, profile, local)
        for element in root.iterfind("transaction")
    ]
    for party in root.iterfind("activity/report_parties/report_party"):
        _report_party(party, subjects)
    parties, accounts, relations = subjects.rows()
    person = root.find("reporting_person")
    rentity = text(root, "rentity_id")
    return GoamlReport(
        source=str(path),
        schema_version=text(root, "schema_version"),
        rentity_id=int(rentity) if rentity and rentity.isdigit() else None,
        rentity_branch=text(root, "rentity_branch"),
        submission_code=text(root, "submission_code"),
        report_code=text(root, "report_code"),
        entity_reference=text(root, "entity_reference"),
        fiu_ref_number=text(root, "fiu_ref_number"),
        submission_date=parse_datetime(text(root, "submission_date") or text(root, "report_date")),
        currency_code_local=local,
        reporting_person=subjects.person_name(person) if person is not None else None,
        reason=text(root, "reason"),
        action=text(root, "action"),
        indicators=tuple(
            code.text.strip()
            for code in root.iterfind("report_indicators/indicator")
            if code.text and code.text.strip()
        ),
        parties=tuple(parties),
        accounts=tuple(accounts),
        account_parties=tuple(relations),
        transactions=tuple(transactions),
    )


def _report_party(party: Element, subjects: SubjectReader) -> None:
    for kind in _SUBJECTS:
        for my_client in (False, True):
            element = party.find(f"{kind}_my_client" if my_client else kind)
            if element is None:
                continue
            if kind == "account":
                subjects.account(element, my_client=my_client)
            else:
                subjects.outside_party(element, kind, record=True)


class _Side:
    """One side of a transaction: its account id or outside party, funds code and country."""

    def __init__(self, element: Element | None, prefix: str, subjects: SubjectReader) -> None:
        self.account_id: str | None = None
        self.outside: Outside | None = None
        self.my_client = element is not None and element.tag.endswith("_my_client")
        self.funds = text(element, f"{prefix}_funds_code") or text(element, "funds_code")
        country = text(element, f"{prefix}_country") or text(element, "country")
        self.country = country_code(subjects.known(country), subjects.profile)
        self.foreign = None if element is None else element.find(f"{prefix}_foreign_currency")
        if self.foreign is None and element is not None:
            self.foreign = element.find("foreign_currency")
        for kind in _SUBJECTS:
            for tag in (f"{prefix}_{kind}", kind, f"{kind}_my_client"):
                found = None if element is None else element.find(tag)
                if found is None:
                    continue
                my_client = self.my_client or tag.endswith("_my_client")
                if kind == "account":
                    result = subjects.account(found, my_client=my_client)
                    if isinstance(result, str):
                        self.account_id = result
                    else:
                        self.outside = result
                else:
                    self.outside = subjects.outside_party(found, kind, record=my_client)
                return


def _sides(element: Element, subjects: SubjectReader) -> tuple[_Side, _Side]:
    parties = element.findall("involved_parties/party")
    if parties:
        first = parties[0]
        second = parties[1] if len(parties) > 1 else None
        for extra in parties[2:]:
            _Side(extra, "", subjects)  # recorded as subjects; the contract has two sides
        return _Side(first, "", subjects), _Side(second, "", subjects)
    source = element.find("t_from_my_client")
    source = source if source is not None else element.find("t_from")
    target = element.find("t_to_my_client")
    target = target if target is not None else element.find("t_to")
    return _Side(source, "from", subjects), _Side(target, "to", subjects)


def _transaction(
    path: Path, element: Element, subjects: SubjectReader, profile: FiuProfile, local: str | None
) -> TransactionRow:
    number = text(element, "transactionnumber")
    if number is None:
        raise DatasetError(path, "a transaction has no transactionnumber")
    when = parse_datetime(text(element, "date_transaction"))
    if when is None:
        raise DatasetError(path, f"transaction {number}: date_transaction is not a date-time")
    amount_local = _decimal(path, number, text(element, "amount_local"))
    source, target = _sides(element, subjects)
    amount, currency, base = amount_local, local or "XXX", None
    foreign = source.foreign if source.foreign is not None else target.foreign
    foreign_code = currency_code(text(foreign, "foreign_currency_code"))
    if foreign is not None and foreign_code and text(foreign, "foreign_amount"):
        amount = _decimal(path, number, text(foreign, "foreign_amount"))
        currency, base = foreign_code, amount_local
    place = _PLACE.fullmatch(text(element, "transaction_location") or "")
    country = country_code(place.group("country"), profile) if place else None
    outside, outside_country = _counterparty(source, target, subjects, country)
    description = text(element, "transaction_description")
    if description is not None and description.startswith(NO_REFERENCE.strip()):
        description = None
    transmode = text(element, "transmode_code")
    return TransactionRow(
        transaction_id=number,
        timestamp=when,
        amount=amount,
        currency=currency,
        base_amount=base,
        channel=_channel(profile, transmode, text(element, "transmode_comment"), source, target),
        from_account_id=source.account_id,
        to_account_id=target.account_id,
        counterparty_name=outside.name if outside else None,
        counterparty_account=outside.account if outside else None,
        counterparty_institution=outside.institution if outside else None,
        counterparty_country=outside_country,
        merchant_name=outside.merchant_name if outside else None,
        merchant_category_code=outside.merchant_category_code if outside else None,
        city=place.group("city") if place else None,
        country=country,
        description=description,
        goaml_transmode_code=transmode,
        goaml_from_funds_code=source.funds,
        goaml_to_funds_code=target.funds,
    )


def _counterparty(
    source: _Side, target: _Side, subjects: SubjectReader, place_country: str | None
) -> tuple[Outside | None, str | None]:
    """The side without an account (the client's other side when neither has one), unless it
    is the other side's own holder (cash paid in or taken out by the holder)."""
    outside = [
        (side, other)
        for side, other in ((source, target), (target, source))
        if side.account_id is None and side.outside is not None
    ]
    if len(outside) == 2 and source.my_client:
        outside = outside[1:]
    if not outside:
        return None, None
    side, other = outside[0]
    assert side.outside is not None
    if side.outside.key is not None and side.outside.key == subjects.holder_key(other.account_id):
        return None, None
    if side.outside.merchant_name is not None and side.country == place_country:
        return side.outside, None  # a merchant's side names where the payment happened
    return side.outside, side.country


def _channel(profile: FiuProfile, transmode: str | None, comment: str | None, *sides: _Side) -> str:
    """The channel whose codes match best: transmode, then comment, then a funds code."""
    funds = {side.funds for side in sides if side.funds}
    best, best_score = "other", 0
    for channel, codes in profile.channels.items():
        score = 4 * (codes.transmode == transmode) + 1 * (codes.funds in funds)
        score += 2 * (codes.comment is not None and codes.comment == comment)
        if score > best_score and (codes.transmode == transmode or codes.funds in funds):
            best, best_score = channel, score
    return best


def _decimal(path: Path, number: str, value: str | None) -> Decimal:
    try:
        amount = Decimal(value or "")
    except InvalidOperation as exc:
        raise DatasetError(path, f"transaction {number}: {value!r} is not an amount") from exc
    if not amount.is_finite():
        raise DatasetError(path, f"transaction {number}: {value!r} is not an amount")
    return amount
