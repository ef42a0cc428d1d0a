"""The world being simulated: its tables, its ground truth, and the one way to add to them.

Every generator (the everyday population, each typology, each look-alike) writes through a
:class:`World`, which numbers parties, accounts and transactions, records the truth about
them, and keeps each table's columns in the contract's shape. Identifiers stay integers until
the writer formats them (``P0000012``, ``BANK_NORTH-00000345``, ``TX000001234``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from tipflow.simulate.arrays import AnyArray, IntArray, TimeArray
from tipflow.simulate.clock import Clock
from tipflow.simulate.config import WorldConfig
from tipflow.simulate.reference import places
from tipflow.simulate.tables import Categorical, Column, TableBuilder

S = pa.string()
NO_ACCOUNT = -1

PARTY_COLUMNS = {
    "party": pa.int64(),
    "party_type": S,
    "name": S,
    "birth_date": pa.date32(),
    "gender": S,
    "nationality": S,
    "address": S,
    "city": S,
    "postal_code": S,
    "country": S,
    "phone": S,
    "email": S,
    "occupation": S,
    "industry_code": S,
    "declared_income": pa.float64(),
    "employee_count": pa.int64(),
    "onboarding_date": pa.date32(),
}
ACCOUNT_COLUMNS = {
    "account": pa.int64(),
    "institution": S,
    "party": pa.int64(),
    "account_type": S,
    "currency": S,
    "opened_date": pa.date32(),
    "closed_date": pa.date32(),
    "branch_city": S,
    "branch_country": S,
}
TRANSACTION_COLUMNS = {
    "transaction": pa.int64(),
    "timestamp": pa.timestamp("s"),
    "utc_offset": pa.int16(),
    "amount": pa.float64(),
    "currency": S,
    "base_amount": pa.float64(),
    "channel": S,
    "from_account": pa.int64(),
    "to_account": pa.int64(),
    "counterparty_name": S,
    "counterparty_account": S,
    "counterparty_institution": S,
    "counterparty_country": S,
    "merchant_name": S,
    "merchant_category_code": S,
    "city": S,
    "country": S,
    "device_id": S,
    "ip_address": S,
    "description": S,
}
TRUTH_ACCOUNT_COLUMNS = {
    "account": pa.int64(),
    "crime": S,
    "role": S,
    "typology": S,
    "network_id": S,
    "lookalike": S,
}


@dataclass(frozen=True)
class Tag:
    """What a typology or look-alike marks on the rows it adds (ground truth)."""

    typology: str | None = None
    network_id: str | None = None
    lookalike: str | None = None
    crime: str | None = None


@dataclass
class World:
    config: WorldConfig
    rng: np.random.Generator
    clock: Clock
    parties: TableBuilder = field(default_factory=lambda: TableBuilder("parties", PARTY_COLUMNS))
    accounts: TableBuilder = field(
        default_factory=lambda: TableBuilder("accounts", ACCOUNT_COLUMNS)
    )
    account_parties: TableBuilder = field(
        default_factory=lambda: TableBuilder(
            "account_parties", {"account": pa.int64(), "party": pa.int64(), "relation": S}
        )
    )
    transactions: TableBuilder = field(
        default_factory=lambda: TableBuilder("transactions", TRANSACTION_COLUMNS)
    )
    labels: TableBuilder = field(
        default_factory=lambda: TableBuilder(
            "labels", {"account": pa.int64(), "label": S, "source": S, "label_date": pa.date32()}
        )
    )
    watchlist: TableBuilder = field(
        default_factory=lambda: TableBuilder(
            "watchlist", {"entry": pa.int64(), "kind": S, "value": S, "note": S}
        )
    )
    truth_accounts: TableBuilder = field(
        default_factory=lambda: TableBuilder("truth_accounts", TRUTH_ACCOUNT_COLUMNS)
    )
    truth_transactions: TableBuilder = field(
        default_factory=lambda: TableBuilder(
            "truth_transactions", {"transaction": pa.int64(), "typology": S, "network_id": S}
        )
    )
    networks: list[dict[str, object]] = field(default_factory=list)
    _next: dict[str, int] = field(
        default_factory=lambda: {"party": 0, "account": 0, "tx": 0, "entry": 0, "phone": 0}
    )

    @classmethod
    def create(cls, config: WorldConfig) -> World:
        return cls(
            config, np.random.default_rng(config.seed), Clock.of(config.start_date, config.days)
        )

    @property
    def institution_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.config.institutions)

    def numbers(self, kind: str, n: int) -> IntArray:
        """``n`` new serial numbers of ``kind`` (party, account, tx, entry, phone)."""
        first = self._next[kind]
        self._next[kind] = first + n
        return np.arange(first, first + n, dtype=np.int64)

    def new_network(self, typology: str, crime: str) -> Tag:
        network_id = f"N{len(self.networks) + 1:05d}"
        self.networks.append({"network_id": network_id, "typology": typology, "crime": crime})
        return Tag(typology=typology, network_id=network_id, crime=crime)

    def add_parties(self, n: int, **columns: Column) -> IntArray:
        ids = self.numbers("party", n)
        self.parties.append(party=ids, **columns)
        return ids

    def open_accounts(
        self,
        parties: IntArray,
        institution: Column,
        account_type: Column,
        opened: TimeArray,
        **columns: Column,
    ) -> IntArray:
        """New accounts held by ``parties`` (their primary holder), recorded as ``holder`` too."""
        ids = self.numbers("account", len(parties))
        home = places()
        self.accounts.append(
            account=ids,
            institution=institution,
            party=parties,
            account_type=account_type,
            currency=Categorical.constant(home.currency, len(ids)),
            opened_date=opened.astype("datetime64[D]"),
            branch_country=Categorical.constant(home.home_country, len(ids)),
            **columns,
        )
        self.account_parties.append(
            account=ids, party=parties, relation=Categorical.constant("holder", len(ids))
        )
        return ids

    def link(self, accounts: IntArray, parties: IntArray, relation: str) -> None:
        """Tie more parties to accounts (joint holder, signatory, authorised user, owner)."""
        self.account_parties.append(
            account=accounts, party=parties, relation=Categorical.constant(relation, len(accounts))
        )

    def transact(
        self,
        *,
        when: TimeArray,
        utc_offset: AnyArray,
        amount: AnyArray,
        channel: Column,
        source: AnyArray | None = None,
        target: AnyArray | None = None,
        tag: Tag | None = None,
        **columns: Column,
    ) -> IntArray:
        """Add transactions (local times, offsets in minutes); ``-1`` or None: no account."""
        n = len(when)
        ids = self.numbers("tx", n)
        none = np.full(n, NO_ACCOUNT, dtype=np.int64)
        self.transactions.append(
            transaction=ids,
            timestamp=when.astype("datetime64[s]"),
            utc_offset=np.asarray(utc_offset, dtype=np.int16)
            if np.ndim(utc_offset)
            else np.full(n, utc_offset, dtype=np.int16),
            amount=np.maximum(np.round(np.asarray(amount, dtype=float), 2), 0.01),
            channel=channel,
            from_account=none if source is None else np.asarray(source, dtype=np.int64),
            to_account=none if target is None else np.asarray(target, dtype=np.int64),
            currency=Categorical.constant(places().currency, n),
            **columns,
        )
        if tag is not None and tag.typology is not None:
            self.truth_transactions.append(
                transaction=ids,
                typology=Categorical.constant(tag.typology, n),
                network_id=Categorical.constant(tag.network_id, n),
            )
        return ids

    def mark(self, accounts: IntArray, tag: Tag, role: str | None) -> None:
        """Record the truth about accounts: involved in a network, or a look-alike."""
        n = len(accounts)
        self.truth_accounts.append(
            account=accounts,
            crime=Categorical.constant(tag.crime, n),
            role=Categorical.constant(role, n),
            typology=Categorical.constant(tag.typology, n),
            network_id=Categorical.constant(tag.network_id, n),
            lookalike=Categorical.constant(tag.lookalike, n),
        )
