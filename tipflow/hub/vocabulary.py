"""The hub's closed vocabularies: organisation types, roles, report statuses, outcome kinds."""

from __future__ import annotations

from enum import StrEnum


class OrgType(StrEnum):
    REPORTING_ENTITY = "reporting_entity"
    FIU = "fiu"
    LAW_ENFORCEMENT = "law_enforcement"
    NGO = "ngo"
    SUPERVISOR = "supervisor"


class Role(StrEnum):
    """A user's role within their own organisation; an admin may also do what an analyst may."""

    ANALYST = "analyst"
    ADMIN = "admin"


class ReportStatus(StrEnum):
    RECEIVED = "received"
    TRIAGED = "triaged"
    DISCLOSED = "disclosed"
    CLOSED = "closed"


#: The statuses an FIU analyst sets by hand; "disclosed" follows from a disclosure package.
TRIAGE_STATUSES = (ReportStatus.TRIAGED, ReportStatus.CLOSED)


class OutcomeKind(StrEnum):
    INVESTIGATION = "investigation"
    ARREST = "arrest"
    ASSETS_FROZEN = "assets_frozen"
    CONVICTION = "conviction"
    NO_FURTHER_ACTION = "no_further_action"


class ReportFormat(StrEnum):
    GOAML = "goaml"
    JSON = "json"


class TokenKind(StrEnum):
    SESSION = "session"  # from a login; expires
    API = "api"  # long-lived, for systems; revocable


class TacticalAnswerStatus(StrEnum):
    """An institution's answer to a tactical request."""

    MATCH = "match"  # it holds one or more of the targets
    NO_MATCH = "no_match"
    DECLINED = "declined"  # e.g. no lawful basis to answer; the note says why


class TargetKind(StrEnum):
    """What a tactical request's target may be: the identifier kinds a token file holds as
    exact tokens. Names are Bloom filters (no exact token) and a counterparty is tokenised as
    an account number, so a target account number also matches the accounts that paid it."""

    ACCOUNT_NUMBER = "account_number"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    DEVICE = "device"
    IP = "ip"


class TypologyItemKind(StrEnum):
    """What an id recorded for a published typology set names."""

    TYPOLOGY = "typology"
    INDICATOR = "indicator"
