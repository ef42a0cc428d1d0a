"""One goAML ``transaction`` per evidence transaction, in the bipartite t_from / t_to form.

Each side is one of: an account of the case (``t_*_my_client`` when the profile's edition allows
it, see :meth:`Subjects.my_client`), an account of the screened data outside the case, an
outside counterparty (an account when its number is known, else a person or an entity by name),
a merchant, or the cash side of a deposit or withdrawal. goAML needs a person or entity on the
cash side; when the dataset does not say who paid cash in or took it out, the account holder is
shown and the funds comment says so.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from tipflow.report.cases import CaseAccount, CaseEvidence, CaseTransaction
from tipflow.report.goaml.accounts import Subjects
from tipflow.report.goaml.profile import ChannelCodes, FiuProfile
from tipflow.report.goaml.subjects import Element, add, looks_like_business
from tipflow.report.goaml.text import (
    COMMENTS_LIMIT,
    NO_REFERENCE,
    country_or_unknown,
    currency_code,
    decimal_text,
    fit,
    fit_id,
    one_line,
    sql_datetime,
)

_CASH_IN = "cash paid in; who paid it in is not recorded: the account holder is shown"
_CASH_OUT = "cash taken out; who took it is not recorded: the account holder is shown"
_NOT_RECORDED = "The other side of this transaction is not recorded in the screened data."


class TransactionWriter:
    """Writes a case's transactions for one profile."""

    def __init__(
        self, subjects: Subjects, profile: FiuProfile, named: dict[str, list[CaseEvidence]]
    ) -> None:
        self.subjects = subjects
        self.profile = profile
        self.named = named

    def write(self, parent: Element, tx: CaseTransaction) -> None:
        date = sql_datetime(tx.timestamp)
        if date is None:
            return  # before 1753: goAML cannot date it (the reason counts what is listed)
        codes = self.profile.channels.get(tx.channel) or self.profile.channels["other"]
        element = etree.SubElement(parent, "transaction")
        add(element, "transactionnumber", fit_id(tx.transaction_id, 100))
        place = ", ".join(part for part in (one_line(tx.city, 200), tx.country) if part)
        add(element, "transaction_location", fit(place, 255) or "")
        add(element, "transaction_description", self._description(tx))
        add(element, "date_transaction", date)
        add(element, "transmode_code", codes.transmode)
        add(element, "transmode_comment", codes.comment)
        local, foreign, note = self._amounts(tx)
        add(element, "amount_local", decimal_text(local))
        self._side(element, "from", tx, codes, foreign)
        self._side(element, "to", tx, codes, None)
        add(element, "comments", self._comments(tx, note))

    def _description(self, tx: CaseTransaction) -> str:
        memo = fit(tx.description, COMMENTS_LIMIT)
        if memo is not None:
            return memo
        channel = tx.channel if tx.channel in self.profile.channels else "other"
        summary = f"{channel} payment"
        if tx.merchant_name:
            summary += f" at {one_line(tx.merchant_name, 255)}"
            if tx.merchant_category_code:
                summary += f" (MCC {tx.merchant_category_code})"
        return NO_REFERENCE + summary

    def _amounts(
        self, tx: CaseTransaction
    ) -> tuple[Decimal, tuple[str, Decimal, Decimal] | None, str | None]:
        """amount_local, the foreign amount (code, amount, rate) if converted, and a note."""
        local = self.profile.currency_code_local
        code = currency_code(tx.currency)
        if tx.currency == local or code is None or tx.amount <= 0:
            note = None if tx.currency == local else f"amount in {tx.currency}, not converted"
            return tx.amount, None, note
        if tx.base_amount is not None:  # the dataset's reporting currency: taken as local
            return tx.base_amount, (code, tx.amount, tx.base_amount / tx.amount), None
        rate = self.profile.exchange_rates.get(code)
        if rate is None:
            return tx.amount, None, f"amount_local is {tx.amount} {code}: no rate to {local}"
        converted = tx.amount * rate
        cents = converted.quantize(Decimal("0.01"))  # money, unless that rounds it to nothing
        return cents if cents > 0 else converted, (code, tx.amount, rate), None

    def _comments(self, tx: CaseTransaction, note: str | None) -> str | None:
        rows = self.named.get(tx.transaction_id, [])
        parts = []
        if rows:
            cited = dict.fromkeys(f"{row.indicator_id} on {row.account_id}" for row in rows)
            parts.append("Named as evidence by " + ", ".join(cited) + ".")
        if note:
            parts.append(note[0].upper() + note[1:] + ".")
        return fit(" ".join(parts), COMMENTS_LIMIT)

    # -- the two sides -------------------------------------------------------------------

    def _side(
        self,
        parent: Element,
        direction: str,
        tx: CaseTransaction,
        codes: ChannelCodes,
        foreign: tuple[str, Decimal, Decimal] | None,
    ) -> None:
        account_id = tx.from_account_id if direction == "from" else tx.to_account_id
        other_id = tx.to_account_id if direction == "from" else tx.from_account_id
        ours = self.subjects.case_account(account_id)
        my_client = ours is not None and self.subjects.my_client(ours)
        side = etree.SubElement(parent, f"t_{direction}{'_my_client' if my_client else ''}")
        on_account = account_id is not None or bool(tx.counterparty_account)
        funds = codes.account_funds if on_account and codes.account_funds else codes.funds
        add(side, f"{direction}_funds_code", funds)
        cash_holder = tx.channel == "cash" and account_id is None and not tx.counterparty_name
        cash_holder = cash_holder and not tx.merchant_name
        if cash_holder:
            add(side, f"{direction}_funds_comment", _CASH_IN if direction == "from" else _CASH_OUT)
        if foreign is not None:
            block = etree.SubElement(side, f"{direction}_foreign_currency")
            add(block, "foreign_currency_code", foreign[0])
            add(block, "foreign_amount", decimal_text(foreign[1]))
            add(block, "foreign_exchange_rate", decimal_text(foreign[2], places=10))
        subject = f"{direction}_account"
        if ours is not None:
            self.subjects.account(side, subject, ours, my_client=my_client)
            country = self._account_country(ours)
        elif account_id is not None:
            self.subjects.unknown_account(side, subject, account_id)
            country = None
        elif tx.counterparty_account:
            self.subjects.outside_account(
                side,
                subject,
                number=tx.counterparty_account,
                name=tx.counterparty_name,
                institution=tx.counterparty_institution,
                country=tx.counterparty_country,
            )
            country = tx.counterparty_country
        else:
            holder_of = self.subjects.case_account(other_id) if cash_holder else None
            country = self._party(side, direction, tx, holder_of)
        add(side, f"{direction}_country", country_or_unknown(country, self.profile))

    def _party(
        self,
        side: Element,
        direction: str,
        tx: CaseTransaction,
        holder_of: CaseAccount | None,
    ) -> str | None:
        """A person or entity on a side without an account; its country."""
        holder = self.subjects.holder(holder_of) if holder_of is not None else None
        if holder is not None:
            if holder.party_type == "organisation":
                self.subjects.entity(side, f"{direction}_entity", holder)
            else:
                self.subjects.person(side, f"{direction}_person", holder)
            return holder.country
        if tx.counterparty_name and not looks_like_business(tx.counterparty_name):
            self.subjects.person_by_name(side, f"{direction}_person", tx.counterparty_name)
            return tx.counterparty_country
        if tx.counterparty_name:
            self.subjects.entity_by_name(side, f"{direction}_entity", tx.counterparty_name)
            return tx.counterparty_country
        if tx.merchant_name:
            mcc = tx.merchant_category_code
            business = f"card merchant, MCC {mcc}" if mcc else "merchant"
            self.subjects.entity_by_name(
                side, f"{direction}_entity", tx.merchant_name, business=business
            )
            return tx.counterparty_country or tx.country
        entity = self.subjects.entity_by_name(side, f"{direction}_entity", None, comments=False)
        add(entity, "comments", _NOT_RECORDED)
        return tx.counterparty_country

    def _account_country(self, account: CaseAccount) -> str | None:
        holder = self.subjects.holder(account)
        return account.branch_country or (holder.country if holder is not None else None)
