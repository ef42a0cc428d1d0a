"""Bodies of the NGO case data point routes (pydantic).

A data point is anonymised by construction: closed lists, countries, a month, age bands, amounts,
and pseudonyms made with the partnership key; no name, date of birth or raw identifier has a
field. The one free-text field, ``narrative``, is refused when it looks like it holds a direct
identifier (``anonymity.direct_identifiers``), and it is sealed at rest with the amounts, debts
and pseudonyms.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, field_validator, model_validator

from tipflow.hub.anonymity import direct_identifiers
from tipflow.hub.ngo_vocabulary import (
    AccountControl,
    AgeBand,
    AmountPurpose,
    ConsentBasis,
    ConsentScope,
    Crime,
    DebtCreditor,
    Exploitation,
    PaymentChannel,
    WageArrangement,
)
from tipflow.hub.schemas import NO_NUL, _Body

Country = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")]
Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e12"), decimal_places=2)]
Month = Annotated[str, Field(pattern=r"^(19|20)\d\d-(0[1-9]|1[0-2])$", description="YYYY-MM")]
IndicatorId = Annotated[str, Field(pattern=r"^[A-Z]+(-[A-Z0-9]+)+$", max_length=32)]
Pseudonym = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
PSEUDONYM_KINDS = ("account_number", "phone", "email", "address", "device", "ip", "counterparty")


class Consent(_Body):
    """The survivor's consent as the NGO recorded it; a data point without it is refused."""

    basis: ConsentBasis
    scope: ConsentScope
    recorded_on: dt.date


class Amount(_Body):
    purpose: AmountPurpose
    amount: Money
    currency: Currency


class Debt(_Body):
    creditor: DebtCreditor
    amount: Money
    currency: Currency


class PseudonymisedIdentifier(_Body):
    """An identifier the case names (an account wages were paid into, a controller's phone),
    pseudonymised with the partnership key as institutions do (``tipflow share tokens``)."""

    kind: str = Field(pattern="^(" + "|".join(PSEUDONYM_KINDS) + ")$")
    pseudonym: Pseudonym


class NewDataPoint(_Body):
    consent: Consent
    crime: Crime
    exploitation: list[Exploitation] = Field(min_length=1, max_length=len(Exploitation))
    #: The month the exploitation (or the journey) began.
    began: Month
    age_band: AgeBand = AgeBand.UNKNOWN
    origin_country: Country
    destination_country: Country
    transit_countries: list[Country] = Field(default_factory=list, max_length=10)
    #: ISIC section letter of the work the victim was exploited in, where there was work.
    sector: str | None = Field(default=None, pattern=r"^[A-U]$")
    payment_channels: list[PaymentChannel] = Field(default_factory=list, max_length=20)
    wage_arrangements: list[WageArrangement] = Field(default_factory=list, max_length=20)
    account_control: AccountControl = AccountControl.UNKNOWN
    documents_held_by_controller: bool | None = None
    #: tipflow indicator ids the case shows (e.g. HT-LAB-04).
    indicator_ids: list[IndicatorId] = Field(default_factory=list, max_length=100)
    # Sealed at rest:
    amounts: list[Amount] = Field(default_factory=list, max_length=100)
    debts: list[Debt] = Field(default_factory=list, max_length=20)
    identifiers: list[PseudonymisedIdentifier] = Field(default_factory=list, max_length=200)
    #: Required with ``identifiers``: the partnership key's fingerprint they were made with.
    key_fingerprint: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    narrative: str = Field(default="", max_length=4000, pattern=NO_NUL)

    @field_validator("narrative")
    @classmethod
    def _anonymous_narrative(cls, value: str) -> str:
        found = direct_identifiers(value)
        if found:
            raise ValueError(
                "the narrative looks like it holds direct identifiers ("
                + "; ".join(found)
                + "): remove them, or pseudonymise them into identifiers"
            )
        return value

    @model_validator(mode="after")
    def _fingerprint_with_identifiers(self) -> NewDataPoint:
        if self.identifiers and self.key_fingerprint is None:
            raise ValueError("identifiers need key_fingerprint: the partnership key they use")
        return self


#: The fields sealed at rest (the rest are columns, for counting).
SEALED_FIELDS = ("amounts", "debts", "identifiers", "narrative")


class DataPointOut(NewDataPoint):
    id: int
    organisation_id: int
    submitted_at: dt.datetime
    content_sha256: str


class DataPointCreated(BaseModel):
    """What the NGO keeps: the id, and the salted hash a deletion receipt will quote."""

    id: int
    content_sha256: str = Field(description="SHA-256 of receipt_salt and the canonical body")
    receipt_salt: str = Field(description="hex; with the body it recomputes content_sha256")


class DeletionReceipt(BaseModel):
    """Proof of a deletion: the audit chain's entry recording it (verifiable by the FIU or the
    supervisor with ``verify_audit_chain``), quoting the deleted content's salted hash."""

    data_point_id: int
    content_sha256: str
    deleted_at: dt.datetime
    audit_entry_id: int
    audit_row_hash: str


class Cell(BaseModel):
    """A count, or null when it is below the hub's smallest publishable cell."""

    key: str
    count: int | None
    suppressed: bool


class DataPointSummary(BaseModel):
    data_points: int | None
    min_cell: int
    by_crime: list[Cell]
    by_exploitation: list[Cell]
    by_payment_channel: list[Cell]
    by_wage_arrangement: list[Cell]
    by_account_control: list[Cell]
    by_corridor: list[Cell]
    by_year: list[Cell]
