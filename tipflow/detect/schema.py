"""The schema of the typology library: indicators, typologies, reference lists and tuning.

Each YAML file of ``tipflow/detect/library/`` is validated against these models; the registry
(``registry.py``) then checks that the files agree with each other and with the closed set of
measures (``measures/``). A measure is code; everything a human tunes is here, as data.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Crime = Literal["sex_trafficking", "labour_trafficking", "migrant_smuggling", "laundering"]
Role = Literal["victim", "controller", "front_business", "facilitator", "funnel"]
CRIMES: tuple[Crime, ...] = (
    "sex_trafficking",
    "labour_trafficking",
    "migrant_smuggling",
    "laundering",
)
ROLES: tuple[Role, ...] = ("victim", "controller", "front_business", "facilitator", "funnel")

IndicatorId = Annotated[str, StringConstraints(pattern=r"^[A-Z]+(-[A-Z]+)?-\d{2}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
ParameterValue = float | int | str | list[str] | list[float]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AppliesTo(_Strict):
    """Which accounts an indicator looks at, by their holder's profile (all when unset).

    ``industries`` names lists of the reference's ``industries`` (ISIC prefixes: ``"96"`` is
    every class starting 96).
    """

    party_types: list[Literal["person", "organisation"]] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)  # reference industry lists (VENUE, ...)
    exclude_industries: list[str] = Field(default_factory=list)
    account_types: list[str] = Field(default_factory=list)
    min_employees: int | None = None


class IndicatorSpec(_Strict):
    """One red flag made measurable: a measure, its parameters and the threshold it must reach.

    ``kind`` says how scoring uses it: a ``signal`` adds its weight to the typologies that name
    it; ``context`` only multiplies (never alerts alone, catalogue §0.6); ``mitigating`` carries
    negative weight; ``decisive`` (watchlist hits) flags the account by itself.
    """

    id: IndicatorId
    name: str
    crimes: list[Crime] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)
    kind: Literal["signal", "context", "mitigating", "decisive"] = "signal"
    measure: Identifier
    window_days: int | None = Field(default=None, ge=1, le=366)
    applies_to: AppliesTo | None = None
    parameters: dict[str, ParameterValue] = Field(default_factory=dict)
    threshold: float
    # At ``saturation`` the indicator counts twice its weight (linear from the threshold);
    # unset, a fired indicator counts its weight whatever the value.
    saturation: float | None = None
    weight: float = Field(default=1.0, ge=0.0, le=10.0)
    description: str
    sources: list[str] = Field(min_length=1)
    derived: bool = False  # True where the catalogue has no such id and the rule is ours ([D])


class IndicatorFile(_Strict):
    indicators: list[IndicatorSpec] = Field(min_length=1)


class TypologyIndicator(_Strict):
    """An indicator inside a typology: its weight there and the role it points to.

    Indicators of one ``fact`` restate one observation (holders sharing an address, opening
    accounts with address-sharers, sharing it with an alert): the typology counts the
    strongest of them only."""

    id: IndicatorId
    weight: float = Field(ge=-10.0, le=10.0)
    role: Role | None = None
    fact: Identifier | None = None


class TypologySpec(_Strict):
    """A scheme recognised by a combination of indicators on one account.

    The typology matches an account when the weights of its fired indicators sum to at least
    ``alert_at`` and at least one of ``requires_any`` fired (no typology alerts on context alone).
    """

    id: Identifier
    name: str
    crime: Crime | None  # None: the crime of the alerted accounts it is tied to
    summary: str
    catalogue: list[str] = Field(default_factory=list)  # catalogue scenario ids (T1, T2, ...)
    indicators: list[TypologyIndicator] = Field(min_length=2)
    requires_any: list[IndicatorId] = Field(min_length=1)
    alert_at: float = Field(gt=0.0)
    sources: list[str] = Field(min_length=1)


class TypologySet(_Strict):
    """Typologies and the indicators they use, published as one YAML document (an FIU's typology
    set, ``tipflow screen --typologies``).

    It is screened on top of the packaged library: each typology or indicator replaces the
    packaged one with the same id, or adds a new one; a typology may also name packaged
    indicators. ``tipflow typologies export`` writes the packaged library in this form.
    """

    indicators: list[IndicatorSpec] = Field(default_factory=list)
    typologies: list[TypologySpec] = Field(min_length=1)


class NightHours(_Strict):
    start: int = Field(ge=0, le=23)
    end: int = Field(ge=0, le=23)


class Thresholds(_Strict):
    cash_report: float = Field(gt=0)
    wire_record: float = Field(gt=0)
    sub_threshold_low: float = Field(gt=0, lt=1)


class Reference(_Strict):
    """Lists the measures share (merchant groups, countries, keywords, reporting thresholds)."""

    thresholds: Thresholds
    night_hours: NightHours
    mcc_groups: dict[str, list[str]]
    keywords: dict[str, list[str]]
    business_name_markers: list[str]
    countries: dict[str, list[str]]
    industries: dict[str, list[str]]
    border_zone_cities: list[str]
    watchlist_caveats: list[str] = Field(default_factory=list)


class IndicatorTuning(_Strict):
    threshold: float | None = None
    weight: float | None = Field(default=None, ge=0.0, le=10.0)
    window_days: int | None = Field(default=None, ge=1, le=366)
    parameters: dict[str, ParameterValue] = Field(default_factory=dict)
    enabled: bool = True


class TypologyTuning(_Strict):
    alert_at: float | None = Field(default=None, gt=0.0)
    enabled: bool = True


class Tuning(_Strict):
    """An institution's tuning file (``--config tuning.yaml``); every key is optional.

    ``flag_at`` is the risk score from which an account is flagged; ``alert_budget`` caps the
    number of flagged accounts (the highest risks are kept), for a team with finite reviewers.
    """

    flag_at: float = Field(default=0.5, gt=0.0, lt=1.0)
    alert_budget: int | None = Field(default=None, ge=0)
    # With ``screen --model``: the blended risk is rules^(1 - w) x learned^w (docs/evaluation.md).
    learned_weight: float = Field(default=0.3, ge=0.0, le=1.0)
    indicators: dict[IndicatorId, IndicatorTuning] = Field(default_factory=dict)
    typologies: dict[Identifier, TypologyTuning] = Field(default_factory=dict)
    reference: dict[str, Any] = Field(default_factory=dict)
    # Overrides of tipflow/network/network.yaml (linking and grouping accounts into networks).
    network: dict[str, Any] = Field(default_factory=dict)
