"""The hub API's request and response bodies (pydantic); their JSON Schemas are in OpenAPI."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

from tipflow.hub.vocabulary import OrgType, OutcomeKind, ReportStatus, Role

CODE_PATTERN = r"^[A-Za-z0-9_.\-]+$"
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=CODE_PATTERN)]
#: No NUL characters in any text: PostgreSQL cannot store them (a 500 before), and no
#: legitimate report, note or e-mail holds one.
NO_NUL = r"^[^\x00]*$"
Note = Annotated[str, Field(max_length=20_000, pattern=NO_NUL)]
#: Ids are 32-bit integers in the database (PostgreSQL ``integer``): larger numbers are refused
#: with 422 rather than reaching the driver (which would overflow: a 500).
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(_Body):
    email: str = Field(max_length=320, pattern=NO_NUL)
    password: str = Field(max_length=1024, pattern=NO_NUL)


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: dt.datetime | None


class MeOut(BaseModel):
    user_id: int
    email: str
    role: Role
    organisation_id: int
    org_type: OrgType


class NewUser(_Body):
    email: str = Field(max_length=320, pattern=NO_NUL)
    role: Role
    password: str | None = Field(default=None, max_length=1024, pattern=NO_NUL)


class UserOut(BaseModel):
    id: int
    email: str
    role: Role
    organisation_id: int


class JsonTransaction(_Body):
    transaction_id: str = Field(min_length=1, max_length=128, pattern=NO_NUL)
    timestamp: dt.datetime
    amount: Decimal = Field(gt=0, max_digits=20, decimal_places=4)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    from_account: str | None = Field(default=None, max_length=128, pattern=NO_NUL)
    to_account: str | None = Field(default=None, max_length=128, pattern=NO_NUL)


class JsonReport(_Body):
    """A suspicious transaction report for institutions that do not write goAML."""

    entity_reference: str = Field(min_length=1, max_length=255, pattern=NO_NUL)
    reason: Note
    indicators: list[Code] = Field(default_factory=list, max_length=200)
    transactions: list[JsonTransaction] = Field(default_factory=list, max_length=100_000)


class IntakeOut(BaseModel):
    id: int
    created: bool
    sha256: str
    entity_reference: str


class ReportOut(BaseModel):
    """What lists show: no personal data."""

    id: int
    organisation_id: int
    entity_reference: str
    format: str
    status: ReportStatus
    received_at: dt.datetime
    indicators: list[str]
    transaction_count: int
    sha256: str


class FeedbackOut(BaseModel):
    id: int
    report_id: int
    usefulness: int
    quality_notes: str
    created_at: dt.datetime


class ReportDetail(ReportOut):
    """One report with what the hub read from it (personal data: each read is audited)."""

    summary: dict[str, object]
    feedback: list[FeedbackOut]


class StatusChange(_Body):
    status: Literal[ReportStatus.TRIAGED, ReportStatus.CLOSED]
    #: Why, in the FIU's words: kept with the report's triage history, not in the audit chain.
    reason: Note = ""


class NewDisclosure(_Body):
    to_organisation_id: Id
    report_ids: list[Id] = Field(min_length=1, max_length=1000)
    note: Note = ""


class OutcomeOut(BaseModel):
    id: int
    disclosure_id: int
    kind: OutcomeKind
    note: str
    recorded_at: dt.datetime


class DisclosureOut(BaseModel):
    id: int
    to_organisation_id: int
    report_ids: list[int]
    note: str
    created_at: dt.datetime
    outcomes: list[OutcomeOut]


class NewOutcome(_Body):
    kind: OutcomeKind
    note: Note = ""


class NewFeedback(_Body):
    usefulness: int = Field(ge=1, le=5)
    quality_notes: Note = ""


class TypologyEffectiveness(BaseModel):
    """One typology of one published version in one month: members' ratings and hits, and
    what came of the reports they linked (typology publication; also in the KPIs)."""

    version: int
    typology_id: str
    month: str
    ratings: int
    mean_rating: float | None
    institutions: int  # that reported hits
    alerts: int
    reports_filed: int
    false_positives: int
    conversion_rate: float | None  # reports filed / alerts
    false_positive_rate: float | None
    linked_reports: int
    linked_reports_disclosed: int
    outcomes: dict[str, int]  # linked reports with an outcome of each kind


class Kpis(BaseModel):
    reports: int
    reports_by_indicator: dict[str, int]
    reports_by_institution: dict[str, int]
    reports_by_status: dict[str, int]  # received, triaged, disclosed, closed (those with any)
    disclosures: int
    reports_disclosed: int
    median_hours_to_disclosure: float | None
    outcomes: dict[str, int]
    feedback_count: int
    mean_feedback_score: float | None
    tactical_requests: int
    tactical_answers: dict[str, int]
    median_hours_to_tactical_answer: float | None
    typology_effectiveness: list[TypologyEffectiveness]
    #: NGO case data points held, and deleted on request (from the audit chain's receipts).
    ngo_data_points: int
    ngo_data_point_deletions: int


class ErrorOut(BaseModel):
    """Every refusal (4xx): why, in words (never report content)."""

    detail: str


class ValidationIssue(BaseModel):
    """One problem FastAPI found in a request (where, what)."""

    model_config = ConfigDict(extra="allow")

    loc: list[str | int]
    msg: str
    type: str


class UnprocessableOut(BaseModel):
    """A 422: the hub's reason in words, or FastAPI's list of request validation problems."""

    detail: str | list[ValidationIssue]


class AuditCheckOut(BaseModel):
    ok: bool
    rows: int
    problem: str | None
    first_bad_id: int | None
