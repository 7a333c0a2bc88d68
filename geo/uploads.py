"""Officials' uploads of per-region figures, and centre records: read, check, report every problem.

An upload is accepted whole or not at all: one bad row rejects it, with each problem named by
its place in the file (`Мәліметтер!C7`, `line 7, column C`) in the editor's language. The table
is read by geo.tables, its header and columns found by geo.upload_columns, its values read by
geo.upload_values and its rows checked by geo.upload_check, which also says how the file was
read (the mapping preview the form shows before anything is written). Region names go through
the registry resolver, so "ЗКО" or "Жетісу облысы" work; a table's total row is the national
figure (KZ). Only figures the table states are kept: a share is stored only when it is given.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Literal

from geo import vocabulary
from geo.definitions import KAZAKHSTAN_BOUNDS
from geo.regions import RegionNotFound
from geo.row_rules import ValueProblem, iso_date, region_code, source
from geo.tables import Cell, TableError, read_table
from geo.upload_check import Checker
from geo.upload_columns import find_layout, parse_overrides
from geo.upload_rows import (
    MAX_PREVIEW_ROWS,
    MAX_UPLOAD_ROWS,
    ParsedUpload,
    UploadError,
    UploadOptions,
    UploadProblem,
    UploadRow,
    region_name,
    resulting_share,
)
from geo.upload_text import say
from geo.upload_values import read_count

__all__ = [
    "MAX_PREVIEW_ROWS",
    "MAX_UPLOAD_ROWS",
    "ParsedUpload",
    "UploadError",
    "UploadOptions",
    "UploadProblem",
    "UploadRow",
    "parse_centre",
    "parse_upload",
    "region_name",
    "resulting_share",
]
MAX_CAPACITY = 100_000


def parse_upload(data: bytes, media: str, options: UploadOptions | None = None) -> ParsedUpload:
    """Validated rows and how the file was read, or UploadError listing every problem."""
    options = options or UploadOptions()
    lang = options.lang
    try:
        grid = read_table(data, media, lang=lang, sheet=options.sheet)
        overrides = parse_overrides(options.columns, lang)
        header_row = options.header_row - 1 if options.header_row else None
        layout = find_layout(grid, lang, header_row=header_row, overrides=overrides)
    except TableError as error:
        raise UploadError([UploadProblem(0, "", str(error), say("file", lang))]) from None
    return Checker(grid, layout, options).run()


def _capacity(
    row: int, column: str, value: Any, problems: list[UploadProblem], maximum: int
) -> int | None:
    try:
        return read_count(Cell(value), maximum)
    except ValueProblem as error:
        problems.append(UploadProblem(row, column, say(error.key, "en", **error.values)))
        return None


def _is_source(text: str) -> bool:
    try:
        return bool(source(text, url=True))
    except ValueProblem:
        return False


def _is_past_day(text: str, today: date) -> bool:
    """A full date (YYYY-MM-DD) that is not in the future, by the rule seed files also follow."""
    try:
        return iso_date(text, today).precision == "day"
    except ValueProblem:
        return False


# A form names a region as people write it and the source as a web address; it may also give
# the point (lon, lat) where the settlement's gazetteer point is not the centre's.
CENTRE_FIELDS = (*vocabulary.centre_columns(iso_code="region", source="source_url"), "lon", "lat")
CENTRE_STATUSES = vocabulary.CENTRE_STATUSES
KAZAKHSTAN_BOX = KAZAKHSTAN_BOUNDS


CentreAction = Literal["add", "correct", "close"]


def centre_change(record: dict[str, Any], action: CentreAction) -> dict[str, Any]:
    """The validated values an add, a correction or a closure writes.

    A correction says why (`reason`) and changes something; a closure says why and where it is
    published (`source_url`) and changes only the status."""
    problems: list[UploadProblem] = []
    if action != "add" and not str(record.get("reason") or "").strip():
        problems.append(UploadProblem(1, "reason", "required: say why the record changes"))
    if action == "close":
        if not record.get("source_url"):
            problems.append(
                UploadProblem(1, "source_url", "required: where the closure is published")
            )
        if problems:
            raise UploadError(problems)
        record = {
            "status": "closed",
            "source_url": record["source_url"],
            "reason": record["reason"],
        }
    values = parse_centre(record, partial=action != "add") if not problems else {}
    if action == "correct" and not problems and not values:
        problems.append(UploadProblem(1, "", "nothing to change"))
    if problems:
        raise UploadError(problems)
    return values


def parse_centre(
    record: dict[str, Any], *, partial: bool, today: date | None = None
) -> dict[str, Any]:
    """A centre record (all fields, or only the changed ones when `partial`), validated."""
    today = today or date.today()
    problems: list[UploadProblem] = []
    unknown = [key for key in record if key not in (*CENTRE_FIELDS, "reason")]
    problems += [UploadProblem(1, key, "unknown field") for key in unknown]
    required = () if partial else ("name", "kind", "region", "status", "source_url")
    problems += [UploadProblem(1, key, "required") for key in required if not record.get(key)]
    values: dict[str, Any] = {}
    for key in CENTRE_FIELDS:
        if key not in record or key in unknown:
            continue
        value = record[key]
        text = "" if value is None else str(value).strip()
        if key == "region" and text:
            try:
                values["iso_code"] = region_code(text, by_name=True)
            except RegionNotFound as error:
                problems.append(UploadProblem(1, key, str(error)))
        elif key == "kind" and text not in vocabulary.CENTRE_KINDS:
            kinds = " or ".join(vocabulary.CENTRE_KINDS)
            problems.append(UploadProblem(1, key, f"{text!r} is not {kinds}"))
        elif key == "status" and text not in CENTRE_STATUSES:
            problems.append(
                UploadProblem(1, key, f"{text!r} is not one of {', '.join(CENTRE_STATUSES)}")
            )
        elif key == "capacity" and text:
            values[key] = _capacity(1, key, text, problems, MAX_CAPACITY)
        elif key == "source_url" and not _is_source(text):
            problems.append(UploadProblem(1, key, "a source URL (http/https) is required"))
        elif key == "source_date" and text:
            if not _is_past_day(text, today):
                problems.append(UploadProblem(1, key, f"{text!r} is not a past date YYYY-MM-DD"))
            values[key] = text
        elif key in ("lon", "lat") and text:
            try:
                values[key] = float(text)
            except ValueError:
                problems.append(UploadProblem(1, key, f"{text[:40]!r} is not a number"))
            else:
                if not math.isfinite(values[key]):
                    problems.append(UploadProblem(1, key, f"{text[:40]!r} is not a number"))
        elif key not in ("region", "capacity", "source_date", "lon", "lat"):
            values[key] = text or None
    if any(p.column in ("lon", "lat") for p in problems):
        pass  # a coordinate that is not a number says enough
    elif ("lon" in values) != ("lat" in values):
        problems.append(UploadProblem(1, "lon", "give both lon and lat, or neither"))
    elif "lon" in values:
        west, south, east, north = KAZAKHSTAN_BOX
        if not (west <= values["lon"] <= east and south <= values["lat"] <= north):
            problems.append(UploadProblem(1, "lon", "the point is outside Kazakhstan"))
    if problems:
        raise UploadError(problems)
    if "source_url" in values:
        values["source"] = values.pop("source_url")
    return values
