"""An FIU profile: what one FIU's goAML edition expects, kept as a YAML file by the reporter.

Each FIU publishes its own edition of ``goAMLSchema.xsd``: UNODC's structure with the FIU's code
lists (report types, transmission modes, funds types, red flags) and a few more required fields.
A profile says how tipflow's facts become that edition's codes and who files; tipflow never reads
an XSD at run time. ``load_fiu_profile(None)`` is the generic profile (UNODC generic 5.0.1, whose
code lists are placeholders); ``examples/fiu-profiles/`` shows a real FIU's.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tipflow.errors import ConfigError
from tipflow.ingest.contract import load_contract


def _enumeration(table: str, column: str) -> tuple[str, ...]:
    """The values the input contract allows in a column: the profile maps each of them."""
    return load_contract().tables[table].columns[column].values


CHANNELS = _enumeration("transactions", "channel")
ACCOUNT_TYPES = _enumeration("accounts", "account_type")
RELATIONS = _enumeration("account_parties", "relation")
GENDERS = _enumeration("parties", "gender")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The element names a ``*_my_client`` requirement list may name, per goAML type (typo guard).
MY_CLIENT_ELEMENTS: dict[str, frozenset[str]] = {
    "person": _words(
        "gender title first_name middle_name prefix last_name birthdate birth_place "
        "country_of_birth mothers_name alias full_name_frn ssn passport_number passport_country "
        "id_number nationality1 residence phones addresses email occupation employer_name "
        "identification tax_number tax_reg_number source_of_wealth"
    ),
    "account": _words(
        "institution_name institution_country non_bank_institution branch account currency_code "
        "account_name iban client_number account_type t_entity signatory opened closed balance "
        "date_balance status_code beneficiary"
    ),
    "entity": _words(
        "name commercial_name incorporation_legal_form incorporation_number business phones "
        "addresses email url incorporation_state incorporation_country_code director_id "
        "incorporation_date tax_number tax_reg_number"
    ),
}
GENERIC_PROFILE = "generic.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Address(_Strict):
    """A goAML ``t_address``: the reporting entity's location, or its officer's office."""

    address_type: str = Field(description="the edition's contact_type code (e.g. BU)")
    address: str = Field(min_length=1, max_length=100)
    city: str = Field(min_length=1, max_length=255)
    zip: str | None = Field(default=None, max_length=10)
    country_code: str = Field(min_length=1, max_length=2)
    state: str | None = Field(default=None, min_length=1, max_length=255)


class ReportingPerson(_Strict):
    """The officer (MLRO) who files: goAML's ``reporting_person``."""

    gender: str | None = Field(default=None, description="the edition's gender code")
    title: str | None = Field(default=None, max_length=30)
    first_name: str = Field(min_length=1, max_length=100)
    middle_name: str | None = Field(default=None, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    birthdate: dt.date | None = None
    ssn: str | None = Field(default=None, max_length=25)
    id_number: str | None = Field(default=None, max_length=255)
    nationality: str | None = Field(default=None, max_length=2)
    residence: str | None = Field(default=None, max_length=2)
    phone: str | None = Field(default=None, description="E.164, e.g. +97144441234")
    email: str | None = Field(default=None, max_length=255)
    occupation: str | None = Field(default=None, min_length=1, max_length=255)
    address: Address | None = None


class Institution(_Strict):
    """How one of the dataset's institutions (by ``institution_id``) is named to the FIU."""

    name: str | None = Field(default=None, max_length=255, description="default: the id")
    swift: str | None = Field(default=None, min_length=8, max_length=11)
    code: str | None = Field(default=None, max_length=50, description="the FIU's code for it")
    country: str | None = Field(default=None, max_length=2)
    non_bank: bool | None = Field(default=None, description="written as non_bank_institution")


class ChannelCodes(_Strict):
    """One of tipflow's channels in the edition's codes."""

    transmode: str = Field(description="conduction_type code for transmode_code")
    funds: str = Field(description="funds_type code of the instrument (cash, wire, ...)")
    account_funds: str | None = Field(
        default=None,
        description="funds_type code of an account side when the instrument is on the other "
        "side (cash paid into an account, a card payment out of one); default: funds",
    )
    comment: str | None = Field(default=None, description="transmode_comment, when written")


class IndicatorCodes(_Strict):
    """tipflow's evidence and classification mapped to the FIU's report_indicator codes."""

    by_indicator: dict[str, list[str]] = Field(default_factory=dict)
    by_typology: dict[str, list[str]] = Field(default_factory=dict)
    by_crime: dict[str, list[str]] = Field(default_factory=dict)
    default: list[str] = Field(min_length=1, description="used when nothing else maps")
    project_code: str | None = Field(
        default=None, description="a partnership project's code added to every report"
    )


class MyClient(_Strict):
    """When a side is the reporter's own client (``t_*_my_client``): its account is at one of
    ``institutions`` and tipflow knows every element listed, which that edition's form requires
    (tipflow holds no identity documents: an edition requiring ``ssn`` always gets plain forms).
    """

    institutions: list[str] = Field(default_factory=list)
    person_requires: list[str] = Field(default_factory=list)
    account_requires: list[str] = Field(default_factory=list)
    entity_requires: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_elements(self) -> MyClient:
        for kind in ("person", "account", "entity"):
            names: list[str] = getattr(self, f"{kind}_requires")
            unknown = sorted(set(names) - MY_CLIENT_ELEMENTS[kind])
            if unknown:
                raise ValueError(f"{kind}_requires names unknown goAML elements: {unknown}")
        return self


class Names(_Strict):
    """How names are fitted to the edition's alphabet."""

    transliterate: bool = Field(default=True, description="non-ASCII names through anyascii")
    allowed_characters: str | None = Field(
        default=None,
        description='a regex character-class body the name fields accept (e.g. "a-zA-Z0-9 .\'-"); '
        "other characters are dropped; None: any",
    )
    keep_original: bool = Field(
        default=True, description="the original spelling in full_name_frn (persons) or comments"
    )

    @model_validator(mode="after")
    def _compiles(self) -> Names:
        if self.allowed_characters is not None:
            try:
                re.compile(f"[^{self.allowed_characters}]")
            except re.error as exc:
                raise ValueError(f"allowed_characters is not a character class ({exc})") from exc
        return self


class Codes(_Strict):
    """Code lists of the edition for tipflow's enumerations (keys: tipflow's values)."""

    account_types: dict[str, str] = Field(description="every account_type of the contract")
    account_roles: dict[str, str] = Field(description="every account_parties relation")
    account_status_open: str | None = None
    account_status_closed: str | None = None
    genders: dict[str, str] = Field(default_factory=dict, description="female, male, other")
    contact_private: str = Field(description="contact_type of a person's address and phone")
    contact_business: str = Field(description="contact_type of an organisation's")
    phone_communication: str = Field(description="communication_type (tipflow cannot tell)")

    @model_validator(mode="after")
    def _complete(self) -> Codes:
        _check_keys("account_types", self.account_types, ACCOUNT_TYPES, complete=True)
        _check_keys("account_roles", self.account_roles, RELATIONS, complete=True)
        _check_keys("genders", self.genders, GENDERS, complete=False)
        return self


def _check_keys(
    name: str, mapping: dict[str, Any], wanted: tuple[str, ...], *, complete: bool
) -> None:
    unknown = sorted(set(mapping) - set(wanted))
    if unknown:
        raise ValueError(f"{name}: unknown keys {unknown} (known: {', '.join(wanted)})")
    missing = [key for key in wanted if key not in mapping]
    if complete and missing:
        raise ValueError(f"{name} has no code for {missing}")


class FiuProfile(_Strict):
    """Everything the goAML writer needs to know about one FIU and one reporting entity."""

    edition: str = Field(description="which schema edition this profile is for (a label)")
    schema_version: str | None = Field(default=None, max_length=25)
    rentity_id: int = Field(ge=1, description="the FIU's id for the reporting entity")
    rentity_branch: str | None = Field(default=None, min_length=1, max_length=255)
    submission_code: str = "E"
    report_code: str = "STR"
    currency_code_local: str = Field(min_length=3, max_length=3)
    reporting_person: ReportingPerson | None = None
    reporting_user_code: str | None = Field(default=None, min_length=4, max_length=50)
    location: Address | None = None
    action: str = Field(min_length=1, max_length=4000)
    institutions: dict[str, Institution] = Field(default_factory=dict)
    my_client: MyClient = Field(default_factory=MyClient)
    indicators: IndicatorCodes
    channels: dict[str, ChannelCodes] = Field(description="every channel of the contract")
    codes: Codes
    unknown_country: str = Field(default="-", description="country_type code for 'not known'")
    country_aliases: dict[str, str] = Field(default_factory=dict)
    unknown_text: str = Field(default="Unknown", min_length=1, max_length=50)
    address_state_required: bool = False
    names: Names = Field(default_factory=Names)
    exchange_rates: dict[str, Decimal] = Field(
        default_factory=dict,
        description="local currency per unit of a foreign one, used when a transaction has no "
        "base_amount",
    )
    max_transactions: int = Field(default=500, ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> FiuProfile:
        if (self.reporting_person is None) == (self.reporting_user_code is None):
            raise ValueError("give exactly one of reporting_person and reporting_user_code")
        _check_keys("channels", self.channels, CHANNELS, complete=True)
        if any(rate <= 0 for rate in self.exchange_rates.values()):
            raise ValueError("exchange_rates must be positive")
        return self

    def institution(self, institution_id: str) -> Institution:
        return self.institutions.get(institution_id) or Institution()


def load_fiu_profile(path: Path | None) -> FiuProfile:
    """The profile at ``path``, or the generic one shipped with tipflow when None."""
    if path is None:
        where = f"tipflow/report/goaml/profiles/{GENERIC_PROFILE}"
        text = (
            resources.files("tipflow.report.goaml")
            .joinpath("profiles", GENERIC_PROFILE)
            .read_text("utf-8")
        )
    else:
        where = str(path)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the FIU profile ({exc})") from exc
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: an FIU profile is a mapping of keys to values")
    try:
        profile = FiuProfile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise ConfigError(f"{where}: {location}: {first['msg']}") from exc
    _check_library_names(profile, where)
    return profile


def _check_library_names(profile: FiuProfile, where: str) -> None:
    """Indicator, typology and crime names must exist: a typo would silently map nothing."""
    fields = ("by_indicator", "by_typology", "by_crime")
    for field, known in zip(fields, _library_names(), strict=True):
        mapping: dict[str, list[str]] = getattr(profile.indicators, field)
        unknown = sorted(set(mapping) - known)
        if unknown:
            raise ConfigError(f"{where}: indicators.{field}: unknown to tipflow: {unknown}")


@cache
def _library_names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    from tipflow.detect.registry import load_library  # the library loads measures: only here

    library = load_library()
    crimes = {crime for spec in library.indicator_specs() for crime in spec.crimes}
    crimes |= {t.crime for t in library.typologies.values() if t.crime}
    return frozenset(library.indicators), frozenset(library.typologies), frozenset(crimes)
