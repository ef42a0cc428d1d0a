"""Request and response bodies of tactical requests (pydantic; their JSON Schemas are in
OpenAPI)."""

from __future__ import annotations

import datetime as dt

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from tipflow.hub.schemas import NO_NUL, Id, Note
from tipflow.hub.vocabulary import TacticalAnswerStatus, TargetKind

#: Targets per request: a tactical request names a few subjects, not a population (a list
#: that long would let a requester sweep the members' tokens).
MAX_TARGETS = 500
PSEUDONYM_HELP = (
    "64 hex characters: HMAC-SHA256 of kind:value under the partnership key, as "
    "`tipflow share tokens` makes them (never a raw identifier)"
)


class TargetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: TargetKind
    # Checked by the route, so that a refusal never echoes what was sent (a raw phone number
    # sent by mistake stays out of error bodies and logs).
    pseudonym: str = Field(min_length=1, max_length=128, description=PSEUDONYM_HELP)


class NewTacticalRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    purpose: str = Field(min_length=1, max_length=4000, pattern=NO_NUL)
    case_reference: str = Field(default="", max_length=255, pattern=NO_NUL)
    key_fingerprint: str = Field(
        pattern=r"^[0-9a-f]{64}$", description="the partnership key's, as in manifest.json"
    )
    targets: list[TargetIn] = Field(min_length=1, max_length=MAX_TARGETS)
    addressed_organisation_ids: list[Id] | None = Field(
        default=None,
        max_length=1000,
        description="reporting entities to ask; default: every one with current tokens",
    )
    deadline: AwareDatetime = Field(description="within a year from now")


class TargetOut(BaseModel):
    kind: TargetKind
    pseudonym: str


class TargetMatch(BaseModel):
    """A target found in the caller's own current token upload, with the record it belongs
    to: the institution maps ``record_id`` back to its account with its local lookup."""

    kind: TargetKind
    pseudonym: str
    #: The token's kind in the file: the target's own, or ``counterparty`` (the record paid or
    #: was paid by the target account).
    matched_as: str
    institution_id: str
    record_id: str
    direction: str | None


class NewTacticalAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: TacticalAnswerStatus
    note: Note = ""
    report_ids: list[Id] = Field(
        default_factory=list, max_length=100, description="the institution's own STRs at the hub"
    )


class TacticalAnswerOut(BaseModel):
    request_id: int
    organisation_id: int
    organisation_name: str
    status: TacticalAnswerStatus
    note: str
    report_ids: list[int]
    first_answered_at: dt.datetime
    answered_at: dt.datetime


class TacticalRequestOut(BaseModel):
    """A tactical request as the caller may see it. The requester and the FIU see the targets
    and addressees; an addressed institution sees only how many targets there are, the ones
    its own tokens hold (``matches``) and its own answer: a member holds the key and could
    test guesses against targets it does not hold."""

    id: int
    organisation_id: int
    purpose: str
    case_reference: str
    key_fingerprint: str
    deadline: dt.datetime
    created_at: dt.datetime
    target_count: int
    targets: list[TargetOut] | None
    addressed_organisation_ids: list[int] | None
    answer_count: int | None
    #: Addressed institutions only: the upload matched against (none, or one under another key:
    #: null) and what it holds.
    matched_upload_id: int | None
    matches: list[TargetMatch] | None
    answer: TacticalAnswerOut | None
