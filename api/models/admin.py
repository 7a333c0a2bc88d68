"""Request and response bodies of /admin, as /openapi.json publishes them.

The write routes read their bodies themselves after the token check (api.bodies), so the
request models here document and check what those bodies may hold; the response models are
what every answer is built from.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from geo.tables import Kind
from geo.upload_columns import How
from geo.upload_values import Precision


class CentreFields(BaseModel):
    """A centre record: every field when adding, the changed ones (and a reason) when correcting."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    kind: str | None = None
    region: str | None = None
    settlement: str | None = None
    address: str | None = None
    operator: str | None = None
    capacity: int | str | None = None
    capacity_text: str | None = None
    status: str | None = None
    opening: str | None = None
    source_url: str | None = None
    source_date: str | None = None
    note: str | None = None
    lon: float | str | None = None
    lat: float | str | None = None
    reason: str | None = None


class CentreClosing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str
    source_url: str


class Problem(BaseModel):
    row: int
    column: str
    reason: str
    where: str | None = None


class MappedColumn(BaseModel):
    column: str = Field(description="the column's letter in the table")
    header: str
    field: str | None = Field(description="the field it was read as (null: not used)")
    how: How


class PreviewRow(BaseModel):
    """A row as it was read, before anything is written."""

    row: int
    where: str
    iso_code: str
    region: str
    as_of: str
    as_of_precision: Precision
    as_of_from: str
    objects_adapted: int | None
    objects_total: int | None
    adapted_share: float | None
    share: float | None
    share_basis: str | None
    source: str
    note: str | None
    total_row: bool


class SkippedRow(BaseModel):
    row: int
    where: str
    reason: str


class TitleDate(BaseModel):
    value: str
    where: str


class UploadMapping(BaseModel):
    """How the file was read: its format, header row, columns and the first rows."""

    format: Kind
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: list[str]
    header_row: int
    header_where: str
    columns: list[MappedColumn]
    as_of: str | None
    as_of_precision: Precision | None
    as_of_from: str | None
    title_date: TitleDate | None
    source_url: str | None
    note: str | None
    skipped: list[SkippedRow]
    skipped_total: int
    notices: list[str]
    rows: list[PreviewRow]
    rows_total: int


class ProblemReport(BaseModel):
    """A refused write: nothing was written; the first problems and how many there are."""

    code: str
    description: str
    problems: list[Problem]
    problems_total: int
    mapping: UploadMapping | None = None


class NewFigure(BaseModel):
    """A figure the upload adds (or would add)."""

    row: int
    where: str
    iso_code: str
    region: str
    indicator: str
    as_of: str
    as_of_precision: Precision
    as_of_from: str
    source: str
    value: float
    note: str | None


class ChangedFigure(NewFigure):
    """A figure the upload changes: its value or note, with what was stored before."""

    previous: float | None
    previous_note: str | None


class UploadResult(BaseModel):
    """The diff an upload makes (or would make, for a dry run) and how the file was read."""

    dry_run: bool
    revision_id: int | None
    rows: int
    new: list[NewFigure]
    changed: list[ChangedFigure]
    unchanged: int
    mapping: UploadMapping | None = None


class CentreWritten(BaseModel):
    id: int
    previous_id: int | None
    revision_id: int


class HistoryRecord(BaseModel):
    id: int
    status: str
    capacity: int | None
    revision_id: int
    reason: str | None
    superseded_by: int | None


class RevisionOut(BaseModel):
    id: int
    created_at: str
    origin: str
    author: str | None
    description: str
    observations: int


class AuditOut(BaseModel):
    at: str
    actor: str | None
    role: str | None
    action: str
    outcome: str
    client: str | None
    revision_id: int | None
    detail: dict[str, Any] = Field(description="what the action recorded; keys vary by action")


class ErrorOut(BaseModel):
    """Every other refusal: an OGC-style code and a sentence naming the problem."""

    code: str
    description: str
