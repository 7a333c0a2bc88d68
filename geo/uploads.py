"""Officials' uploads of per-region figures: parse, validate every row, report every problem.

An upload is accepted whole or not at all: one bad row rejects it, with each problem named by
row and column. Region names go through the registry resolver, so "ЗКО" or "Жетісу облысы" work
and an unknown or ambiguous name is an error on its row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from geo import vocabulary
from geo.definitions import KAZAKHSTAN_BOUNDS
from geo.regions import RegionNotFound, resolve_region

REQUIRED = ("region", "as_of", "objects_adapted", "objects_total", "source_url")
OPTIONAL = ("categories", "note")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class UploadProblem:
    row: int  # 1 = first data row; 0 = the file or its header
    column: str
    reason: str


class UploadError(ValueError):
    def __init__(self, problems: list[UploadProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the upload")


@dataclass(frozen=True, slots=True)
class UploadRow:
    row: int
    iso_code: str
    as_of: str
    objects_adapted: int
    objects_total: int
    source: str
    note: str | None


def _records_from_csv(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError([UploadProblem(0, "", f"not UTF-8 text (byte {error.start})")]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    problems = [UploadProblem(0, c, "missing column") for c in REQUIRED if c not in header]
    problems += [
        UploadProblem(0, c, "unknown column") for c in header if c not in REQUIRED + OPTIONAL
    ]
    if problems:
        raise UploadError(problems)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise UploadError([UploadProblem(reader.line_num, "", f"malformed CSV: {error}")]) from None
    for number, row in enumerate(rows, start=1):
        if None in row or any(value is None for value in row.values()):
            raise UploadError([UploadProblem(number, "", "wrong number of fields")])
    return rows


def _records_from_json(data: bytes) -> list[dict[str, Any]]:
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UploadError([UploadProblem(0, "", f"not valid JSON: {error}")]) from None
    rows = parsed.get("rows") if isinstance(parsed, dict) else parsed
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise UploadError(
            [UploadProblem(0, "", "expected a list of row objects (or {rows: [...]})")]
        )
    return rows


def _count(row: int, column: str, value: Any, problems: list[UploadProblem]) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not text:
        problems.append(UploadProblem(row, column, "required"))
        return None
    if not re.fullmatch(r"\d+", text.replace(" ", "").replace("\u00a0", "")):
        problems.append(UploadProblem(row, column, f"{text!r} is not a non-negative whole number"))
        return None
    return int(text.replace(" ", "").replace("\u00a0", ""))


def parse_upload(data: bytes, media: str, *, today: date | None = None) -> list[UploadRow]:
    """Validated rows, or UploadError listing every problem by row and column."""
    today = today or date.today()
    records = _records_from_json(data) if "json" in media else _records_from_csv(data)
    if not records:
        raise UploadError([UploadProblem(0, "", "the upload has no rows")])
    problems: list[UploadProblem] = []
    rows: list[UploadRow] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, record in enumerate(records, start=1):
        region_text = str(record.get("region") or "").strip()
        code = None
        try:
            code = resolve_region(region_text)
        except RegionNotFound as error:
            problems.append(UploadProblem(number, "region", str(error)))
        as_of = str(record.get("as_of") or "").strip()
        if not _DATE.match(as_of):
            problems.append(UploadProblem(number, "as_of", f"{as_of!r} is not a date YYYY-MM-DD"))
        else:
            try:
                if date.fromisoformat(as_of) > today:
                    problems.append(UploadProblem(number, "as_of", f"{as_of} is in the future"))
            except ValueError:
                problems.append(UploadProblem(number, "as_of", f"{as_of} is not a calendar date"))
        adapted = _count(number, "objects_adapted", record.get("objects_adapted"), problems)
        total = _count(number, "objects_total", record.get("objects_total"), problems)
        if adapted is not None and total is not None and adapted > total:
            problems.append(
                UploadProblem(
                    number, "objects_adapted", f"{adapted} adapted is more than {total} registered"
                )
            )
        source = str(record.get("source_url") or "").strip()
        if not re.match(r"^https?://\S+$", source):
            problems.append(
                UploadProblem(number, "source_url", "a source URL (http/https) is required")
            )
        if code and as_of:
            key = (code, as_of, source)
            if key in seen:
                problems.append(
                    UploadProblem(
                        number,
                        "region",
                        f"duplicate of row {seen[key]} (same region, date, source)",
                    )
                )
            seen.setdefault(key, number)
        notes = [str(record[c]).strip() for c in OPTIONAL if record.get(c)]
        if code and adapted is not None and total is not None and not problems_on(problems, number):
            rows.append(
                UploadRow(number, code, as_of, adapted, total, source, "; ".join(notes) or None)
            )
    if problems:
        raise UploadError(problems)
    return rows


def problems_on(problems: list[UploadProblem], row: int) -> bool:
    return any(p.row == row for p in problems)


CENTRE_FIELDS = (
    "name",
    "kind",
    "region",
    "settlement",
    "address",
    "operator",
    "capacity",
    "capacity_text",
    "status",
    "opening",
    "source_url",
    "source_date",
    "note",
    "lon",
    "lat",
)
CENTRE_STATUSES = vocabulary.CENTRE_STATUSES
KAZAKHSTAN_BOX = KAZAKHSTAN_BOUNDS


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
                values["iso_code"] = resolve_region(text)
            except RegionNotFound as error:
                problems.append(UploadProblem(1, key, str(error)))
        elif key == "kind" and text not in ("rehab_center", "autism_center"):
            problems.append(UploadProblem(1, key, f"{text!r} is not rehab_center or autism_center"))
        elif key == "status" and text not in CENTRE_STATUSES:
            problems.append(
                UploadProblem(1, key, f"{text!r} is not one of {', '.join(CENTRE_STATUSES)}")
            )
        elif key == "capacity" and text:
            number = _count(1, key, text, problems)
            values[key] = number
        elif key == "source_url" and not re.match(r"^https?://\S+$", text):
            problems.append(UploadProblem(1, key, "a source URL (http/https) is required"))
        elif key == "source_date" and text:
            if not _DATE.match(text) or text > today.isoformat():
                problems.append(UploadProblem(1, key, f"{text!r} is not a past date YYYY-MM-DD"))
            values[key] = text
        elif key in ("lon", "lat") and text:
            try:
                values[key] = float(text)
            except ValueError:
                problems.append(UploadProblem(1, key, f"{text!r} is not a number"))
        elif key not in ("region", "capacity", "source_date", "lon", "lat"):
            values[key] = text or None
    if ("lon" in values) != ("lat" in values):
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
