"""Request and response bodies of typology publication (pydantic; in OpenAPI)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from tipflow.hub.schemas import MAX_ID, NO_NUL, Id, Note

#: A typology id as the library's schema writes it (``tipflow.detect.schema.Identifier``),
#: bounded by the hub's column.
TYPOLOGY_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
TypologyId = Annotated[str, Field(min_length=1, max_length=64, pattern=TYPOLOGY_ID_PATTERN)]
INDICATOR_ID_PATTERN = r"^[A-Z]+(-[A-Z]+)?-[0-9]{2}$"
#: A calendar month: hits are reported, and effectiveness is read, per month.
MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
Month = Annotated[str, Field(pattern=MONTH_PATTERN, examples=["2026-11"])]
Count = Annotated[int, Field(ge=0, le=MAX_ID)]
FILENAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$"
DEFAULT_FILENAME = "typology-set.yaml"
Filename = Annotated[str, Field(max_length=100, pattern=FILENAME_PATTERN)]
Title = Annotated[str, Field(max_length=200, pattern=NO_NUL)]
#: A typology set is a few hundred kilobytes (the whole packaged library: about 70 kB).
MAX_SET_BYTES = 4 * 1024 * 1024


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TypologySetUpload(_Body):
    """A typology set sent as JSON: the YAML text with a title and a note on what changed."""

    yaml: str = Field(min_length=1, max_length=MAX_SET_BYTES, pattern=NO_NUL)
    title: Title = ""
    note: Note = ""
    filename: Filename = DEFAULT_FILENAME


class TypologyVersionOut(BaseModel):
    """A published version: what it holds, never the document (``download_typology_set``)."""

    version: int
    title: str
    note: str
    filename: str
    sha256: str
    organisation_id: int
    published_at: dt.datetime
    typologies: list[str]
    #: The set's own indicators and every indicator its typologies name.
    indicators: list[str]


class PublishedOut(TypologyVersionOut):
    created: bool


class NewTypologyRating(_Body):
    typology_id: TypologyId
    usefulness: int = Field(ge=1, le=5)
    note: Note = ""


class TypologyRatingOut(BaseModel):
    id: int
    version: int
    typology_id: str
    organisation_id: int
    usefulness: int
    note: str
    rated_at: dt.datetime
    replaced: bool


class NewTypologyHits(_Body):
    """What one typology raised at the caller's institution in one month."""

    typology_id: TypologyId
    month: Month
    alerts: Count
    reports_filed: Count = Field(description="Alerts that became reports (STRs).")
    false_positives: Count = Field(description="Alerts found innocent on review.")
    report_ids: list[Id] = Field(
        default_factory=list,
        max_length=1000,
        description="The institution's own reports at the hub filed from these alerts.",
    )


class TypologyHitsOut(BaseModel):
    id: int
    version: int
    typology_id: str
    organisation_id: int
    month: str
    alerts: int
    reports_filed: int
    false_positives: int
    report_ids: list[int]
    reported_at: dt.datetime
    replaced: bool
