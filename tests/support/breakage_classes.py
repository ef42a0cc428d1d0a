"""The classes of breakage, one per way the contract says a row can be bad."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np

from tests.support.csv_records import CsvFile, Fields

SIDES = "from_account_id/to_account_id"
GHOST_ACCOUNTS = ("NO-SUCH-ACCOUNT-1", "NO-SUCH-ACCOUNT-2", "NO-SUCH-ACCOUNT-3")
GHOST_PARTIES = ("NO-SUCH-PARTY-1", "NO-SUCH-PARTY-2", "NO-SUCH-PARTY-3")

Row = Callable[[str], str]  # a record's value by column name


@dataclass(frozen=True)
class Tag:
    breakage: str
    column: str
    written: Mapping[str, str]


def _always(row: Row) -> bool:
    return True


def _filled(column: str) -> Callable[[Row], bool]:
    return lambda row: row(column) != ""


def _equals(column: str, value: str) -> Callable[[Row], bool]:
    return lambda row: row(column) == value


def _row(file: CsvFile, record: Fields) -> Row:
    return lambda column: file.value(record, column)


def _unused(
    file: CsvFile, rng: np.random.Generator, used: set[int], fits: Callable[[Row], bool]
) -> Iterator[int]:
    """Unused record indexes that ``fits``, in random order; marks each one used as it goes."""
    for index in rng.permutation(len(file.records)):
        position = int(index)
        if position in used:
            continue
        if fits(_row(file, file.records[position])):
            used.add(position)
            yield position


def _take(
    file: CsvFile,
    rng: np.random.Generator,
    used: set[int],
    count: int,
    fits: Callable[[Row], bool],
    name: str,
) -> list[int]:
    """``count`` fitting, unused record indexes (now used)."""
    chosen = [index for _, index in zip(range(count), _unused(file, rng, used, fits), strict=False)]
    if len(chosen) < count:
        raise ValueError(
            f"{name}: only {len(chosen)} fitting rows, {count} wanted; write a larger dataset"
        )
    return chosen


@dataclass(frozen=True)
class SetValue:
    """Overwrite one column with a bad value (or with nothing, for a required column)."""

    breakage: str
    table: str
    column: str
    values: tuple[str, ...]
    fits: Callable[[Row], bool] = _always

    def apply(
        self,
        file: CsvFile,
        rng: np.random.Generator,
        count: int,
        used: set[int],
        account_ids: list[str],
    ) -> None:
        for number, index in enumerate(_take(file, rng, used, count, self.fits, self.breakage)):
            record = file.records[index]
            value = self.values[number % len(self.values)]
            file.set(record, self.column, value)
            file.tag(record, Tag(self.breakage, self.column, {self.column: value}))


@dataclass(frozen=True)
class Duplicate:
    """Insert, somewhere after an untouched row, a copy of it: the copy's key is the duplicate."""

    breakage: str
    table: str
    column: str

    def apply(
        self,
        file: CsvFile,
        rng: np.random.Generator,
        count: int,
        used: set[int],
        account_ids: list[str],
    ) -> None:
        last = len(file.records) - 1
        for position in _take(file, rng, used, count, _always, self.breakage):
            copy = list(file.records[position])
            key = file.value(copy, self.column)
            file.tag(copy, Tag(self.breakage, self.column, {self.column: key}))
            file.insertions.append((int(rng.integers(position, last + 1)), copy))


@dataclass(frozen=True)
class Malformed:
    """A record with one field too many or one too few."""

    breakage: str
    table: str
    extra_field: bool
    column: str = field(default="row")

    def apply(
        self,
        file: CsvFile,
        rng: np.random.Generator,
        count: int,
        used: set[int],
        account_ids: list[str],
    ) -> None:
        for index in _take(file, rng, used, count, _always, self.breakage):
            record = file.records[index]
            if self.extra_field:
                record.append("surplus")
            else:
                record.pop()
            file.tag(record, Tag(self.breakage, "row", {}))


@dataclass(frozen=True)
class CashOnBothSides:
    """A cash row given an account on its cash side as well."""

    breakage: str = "cash_with_two_accounts"
    table: str = "transactions"
    column: str = SIDES

    def apply(
        self,
        file: CsvFile,
        rng: np.random.Generator,
        count: int,
        used: set[int],
        account_ids: list[str],
    ) -> None:
        for index in _take(file, rng, used, count, _equals("channel", "cash"), self.breakage):
            record = file.records[index]
            source = file.value(record, "from_account_id")
            target = file.value(record, "to_account_id")
            other = next(
                a
                for a in (account_ids[int(i)] for i in rng.permutation(len(account_ids)))
                if a not in (source, target)
            )
            source, target = (source or other), (target or other)
            file.set(record, "from_account_id", source)
            file.set(record, "to_account_id", target)
            file.tag(
                record,
                Tag(self.breakage, SIDES, {"from_account_id": source, "to_account_id": target}),
            )


@dataclass(frozen=True)
class NoAccountSide:
    """A non-cash row stripped of both its account sides."""

    breakage: str = "no_account_side"
    table: str = "transactions"
    column: str = SIDES

    def apply(
        self,
        file: CsvFile,
        rng: np.random.Generator,
        count: int,
        used: set[int],
        account_ids: list[str],
    ) -> None:
        for index in _take(
            file, rng, used, count, lambda row: row("channel") != "cash", self.breakage
        ):
            record = file.records[index]
            file.set(record, "from_account_id", "")
            file.set(record, "to_account_id", "")
            file.tag(
                record, Tag(self.breakage, SIDES, {"from_account_id": "", "to_account_id": ""})
            )


BreakageClass = SetValue | Duplicate | Malformed | CashOnBothSides | NoAccountSide

PERSON = _equals("party_type", "person")
ORGANISATION = _equals("party_type", "organisation")

BREAKAGE_CLASSES: tuple[BreakageClass, ...] = (
    # transactions
    SetValue("amount_zero", "transactions", "amount", ("0", "0.00", "-0")),
    SetValue("amount_negative", "transactions", "amount", ("-12.50", "-0.01", "-300")),
    SetValue("amount_not_a_number", "transactions", "amount", ("12.50.1", "twelve", "EUR 10")),
    SetValue("amount_missing", "transactions", "amount", ("",)),
    SetValue(
        "base_amount_not_positive",
        "transactions",
        "base_amount",
        ("0", "-5.00", "0.00"),
        _filled("base_amount"),
    ),
    SetValue(
        "timestamp_unparsable",
        "transactions",
        "timestamp",
        ("31/12/2024 10:00", "2024-13-45T25:61:00", "yesterday"),
    ),
    SetValue(
        "channel_unknown", "transactions", "channel", ("teleport", "carrier_pigeon", "bitcoin atm")
    ),
    SetValue("currency_unknown", "transactions", "currency", ("ABC", "EURO", "US$")),
    SetValue("country_unknown", "transactions", "country", ("XYZ", "1A", "Narnia")),
    SetValue(
        "merchant_category_code_malformed",
        "transactions",
        "merchant_category_code",
        ("12345", "ab", "70 11"),
        _filled("merchant_category_code"),
    ),
    SetValue(
        "from_account_dangling",
        "transactions",
        "from_account_id",
        GHOST_ACCOUNTS,
        _filled("from_account_id"),
    ),
    SetValue(
        "to_account_dangling",
        "transactions",
        "to_account_id",
        GHOST_ACCOUNTS,
        _filled("to_account_id"),
    ),
    CashOnBothSides(),
    NoAccountSide(),
    Duplicate("transaction_id_duplicate", "transactions", "transaction_id"),
    Malformed("record_with_extra_field", "transactions", extra_field=True),
    Malformed("record_with_missing_field", "transactions", extra_field=False),
    # accounts
    SetValue(
        "account_type_unknown",
        "accounts",
        "account_type",
        ("piggy_bank", "offshore_vault", "tin_can"),
    ),
    SetValue("account_party_dangling", "accounts", "party_id", GHOST_PARTIES),
    SetValue("account_currency_missing", "accounts", "currency", ("",)),
    SetValue(
        "opened_date_unparsable",
        "accounts",
        "opened_date",
        ("01/02/2020", "2020/02/01", "2019-02-29"),
    ),
    Duplicate("account_id_duplicate", "accounts", "account_id"),
    # parties
    SetValue("party_type_unknown", "parties", "party_type", ("robot", "ghost", "hologram")),
    SetValue("gender_unknown", "parties", "gender", ("yes", "42", "blue"), PERSON),
    SetValue(
        "birth_date_unparsable",
        "parties",
        "birth_date",
        ("1990-02-30", "1985-13-01", "29.02.1988"),
        PERSON,
    ),
    SetValue(
        "employee_count_invalid", "parties", "employee_count", ("-3", "12.5", "many"), ORGANISATION
    ),
    Duplicate("party_id_duplicate", "parties", "party_id"),
    # the optional tables
    SetValue("relation_unknown", "account_parties", "relation", ("cousin", "landlord", "pet")),
    SetValue("account_parties_account_dangling", "account_parties", "account_id", GHOST_ACCOUNTS),
    SetValue("account_parties_party_dangling", "account_parties", "party_id", GHOST_PARTIES),
    SetValue("label_unknown", "labels", "label", ("maybe", "very_suspicious", "tbd")),
    SetValue(
        "watchlist_kind_unknown", "watchlist", "kind", ("horoscope", "licence_plate", "shoe_size")
    ),
    Duplicate("entry_id_duplicate", "watchlist", "entry_id"),
)
