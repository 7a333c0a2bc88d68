"""Read the sourced seed tables into typed, validated records.

Nothing is filled in: an empty cell stays None. Every problem is reported with file, line and
reason, and a file with any problem yields no records at all (the loader then writes nothing).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from geo import row_rules
from geo.definitions import NATIONAL_CODE
from geo.regions import RegionNotFound
from geo.row_rules import ValueProblem, adapted_within_total, iso_date, region_code
from geo.vocabulary import (
    CENTRE_KINDS,
    CENTRE_STATUSES,
    OPERATING,
    PLAN_GROUPS,
    REPORTED_STANDINGS,
    CentreKind,
    CentreStatus,
    centre_columns,
    quality_from_precision,
)

_T = TypeVar("_T")
# The seed's wording of the shared rules' refusals (uploads word them per language instead).
_SEED_WORDING = {
    "not_date": "column {column}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "not_calendar_date": "column {column}: {text!r} is not a calendar date",
    "future_date": "column {column}: {date} is in the future",
    "unknown_quality": "column {column}: {text!r} is not one of {expected}",
    "quality_misfit": "column {column}: {text!r} does not fit as_of {as_of!r}",
    "quality_needs_day": "column {column}: {text!r} needs a full date, not {as_of!r}",
    "no_source": "column {column}: a source is required",
    "adapted_over_total": "objects_adapted is larger than objects_total",
}


@dataclass(frozen=True, slots=True)
class SourceProblem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class SeedError(ValueError):
    """One or more problems in the seed files; nothing was loaded."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        listed = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the seed data:\n{listed}")


@dataclass(frozen=True, slots=True)
class Observation:
    """One sourced figure: the value of one indicator for one area at one date."""

    area_code: str  # ISO 3166-2:KZ code, or "KZ" for the whole country
    indicator: str
    as_of: str | None  # ISO 8601, possibly partial ("2024"); None where the source gives none
    value: float | None
    value_text: str | None  # categorical value (plan group, standing)
    source: str  # URL, or citation of a document in shared/seeds
    source_date: str | None
    derivation: str | None
    note: str | None
    comparable: bool  # False for HISTORICAL (other methodology) and FLOW rows
    as_of_quality: str | None = None  # exact / month / year / inferred / undated (vocabulary)
    origin: str = field(default="", compare=False)  # "file:line", for error messages

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.area_code, self.indicator, self.as_of or "", self.source)


@dataclass(frozen=True, slots=True)
class Centre:
    name: str
    kind: CentreKind
    operator: str | None
    iso_code: str
    settlement: str | None
    address: str | None
    capacity: int | None
    capacity_text: str | None
    status: CentreStatus
    status_text: str
    opening: str | None
    source: str
    source_date: str | None
    note: str | None
    origin: str = field(default="", compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.iso_code, self.name)


@dataclass(slots=True)
class SeedTables:
    observations: list[Observation]
    centres: list[Centre]


# Numeric columns of accessibility_by_region.csv -> indicator codes.
REGION_VALUE_COLUMNS = {
    "objects_adapted": "objects_adapted",
    "objects_remaining_planned": "objects_remaining_planned",
    "objects_total": "objects_total",
    "pct_adapted": "adapted_share",
}
NATIONAL_VALUE_COLUMNS = {
    "objects_total": "objects_total",
    "objects_adapted": "objects_adapted",
    "pct_adapted": "adapted_share",
    "target_pct": "target_share",
}


class _RowReader:
    """Iterates rows with their first physical line number and collects problems."""

    def __init__(self, path: Path, required: tuple[str, ...]) -> None:
        self.path = path
        self.name = path.name
        self.required = required
        self.problems: list[SourceProblem] = []

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(SourceProblem(self.name, line, reason))

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            line = self.path.read_bytes()[: error.start].count(b"\n") + 1
            self.problem(line, f"not UTF-8 text ({error.reason} at byte {error.start})")
            return
        except OSError as error:
            self.problem(0, f"cannot read file: {error.strerror}")
            return
        reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
        missing = [column for column in self.required if column not in (reader.fieldnames or [])]
        if missing:
            self.problem(1, f"missing column(s): {', '.join(missing)}")
            return
        start = reader.line_num + 1
        try:
            for row in reader:
                if None in row or any(value is None for value in row.values()):
                    self.problem(start, "wrong number of fields")
                else:
                    yield start, {key: value.strip() for key, value in row.items()}
                start = reader.line_num + 1
        except csv.Error as error:
            self.problem(reader.line_num, f"malformed CSV: {error}")

    # -- cell parsers: return None for an empty cell, record a problem for a bad one --------

    def number(self, line: int, column: str, text: str) -> float | None:
        if not text:
            return None
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            self.problem(line, f"column {column}: {text!r} is not a number")
            return None
        if value < 0:
            self.problem(line, f"column {column}: {text} is negative")
            return None
        if column.startswith("pct") and value > 100:
            self.problem(line, f"column {column}: {text} is above 100%")
            return None
        return value

    def checked(self, line: int, column: str, check: Callable[[], _T]) -> _T | None:
        """The shared rule's answer (geo.row_rules), or None with the problem in seed wording."""
        try:
            return check()
        except ValueProblem as error:
            self.problem(line, _SEED_WORDING[error.key].format(column=column, **error.values))
            return None

    def partial_date(self, line: int, column: str, text: str) -> str | None:
        if not text:
            return None
        as_of = self.checked(line, column, lambda: iso_date(text, date.today()))
        return None if as_of is None else as_of.iso

    def as_of_quality(self, line: int, text: str, as_of: str | None) -> str | None:
        """The stated quality of `as_of`, checked against the date it qualifies."""
        return self.checked(line, "as_of_quality", lambda: row_rules.as_of_quality(text, as_of))

    def area(self, line: int, text: str) -> str | None:
        try:
            return region_code(text, by_name=False)
        except RegionNotFound as error:
            self.problem(line, f"column iso_code: {error}")
            return None

    def source(self, line: int, column: str, text: str) -> str | None:
        return self.checked(line, column, lambda: row_rules.source(text, url=False))


def _comparable(note: str) -> bool:
    # SOURCES.md marks rows under another methodology (HISTORICAL) or yearly flows (FLOW) in the
    # note; they stay in the data but must not be compared with the 2023-2027 roadmap stock.
    return not note.upper().startswith(("HISTORICAL", "FLOW"))


def _observations_from_row(
    reader: _RowReader,
    line: int,
    row: dict[str, str],
    area_code: str | None,
    columns: dict[str, str],
) -> list[Observation]:
    as_of = reader.partial_date(line, "as_of", row["as_of"])
    quality = reader.as_of_quality(line, row["as_of_quality"], as_of)
    source = reader.source(line, "source_url", row["source_url"])
    source_date = reader.partial_date(line, "source_date", row["source_date"])
    values = {code: reader.number(line, column, row[column]) for column, code in columns.items()}
    counts = (values.get("objects_adapted"), values.get("objects_total"))
    reader.checked(line, "objects_adapted", lambda: adapted_within_total(*counts))
    if area_code is None or source is None:
        return []
    return [
        Observation(
            area_code=area_code,
            indicator=indicator,
            as_of=as_of,
            value=value,
            value_text=None,
            source=source,
            source_date=source_date,
            derivation=row.get("derivation") or None,
            note=row["note"] or None,
            comparable=_comparable(row["note"]),
            as_of_quality=quality,
            origin=f"{reader.name}:{line}",
        )
        for indicator, value in values.items()
        if value is not None
    ]


def read_region_accessibility(path: Path) -> tuple[list[Observation], list[SourceProblem]]:
    columns = ("iso_code", "as_of", *REGION_VALUE_COLUMNS, "derivation", "source_url")
    reader = _RowReader(path, (*columns, "source_date", "note", "as_of_quality"))
    observations: list[Observation] = []
    for line, row in reader.rows():
        area = reader.area(line, row["iso_code"])
        observations += _observations_from_row(reader, line, row, area, REGION_VALUE_COLUMNS)
    return observations, reader.problems


def read_national_accessibility(path: Path) -> tuple[list[Observation], list[SourceProblem]]:
    required = (
        "as_of",
        *NATIONAL_VALUE_COLUMNS,
        "source_url",
        "source_date",
        "note",
        "as_of_quality",
    )
    reader = _RowReader(path, required)
    observations: list[Observation] = []
    for line, row in reader.rows():
        observations += _observations_from_row(
            reader, line, row, NATIONAL_CODE, NATIONAL_VALUE_COLUMNS
        )
    return observations, reader.problems


def read_categories(
    path: Path,
    indicator: str,
    *,
    category_column: str,
    date_column: str,
    source_column: str,
    allowed: frozenset[str],
) -> tuple[list[Observation], list[SourceProblem]]:
    """Read a per-region categorical table (plan fulfilment groups, reported standing)."""
    required = ("iso_code", category_column, date_column, source_column, "source_date", "note")
    reader = _RowReader(path, required)
    observations: list[Observation] = []
    for line, row in reader.rows():
        area = reader.area(line, row["iso_code"])
        category = row[category_column]
        if category not in allowed:
            expected = ", ".join(sorted(allowed))
            reader.problem(line, f"column {category_column}: {category!r} is not one of {expected}")
        as_of = reader.partial_date(line, date_column, row[date_column])
        # A table without the column (plan groups: a year) has the quality its dates imply.
        quality = (
            reader.as_of_quality(line, row["as_of_quality"], as_of)
            if "as_of_quality" in row
            else quality_from_precision(as_of)
        )
        source = reader.source(line, source_column, row[source_column])
        source_date = reader.partial_date(line, "source_date", row["source_date"])
        if area is None or source is None or category not in allowed:
            continue
        observations.append(
            Observation(
                area_code=area,
                indicator=indicator,
                as_of=as_of,
                value=None,
                value_text=category,
                source=source,
                source_date=source_date,
                derivation=None,
                note=row["note"] or None,
                comparable=True,
                as_of_quality=quality,
                origin=f"{reader.name}:{line}",
            )
        )
    return observations, reader.problems


def _centre_status(text: str) -> CentreStatus | None:
    """The vocabulary's status for the seed's wording ("opened", "under construction (...)")."""
    lowered = text.lower()
    if lowered == "opened":
        return OPERATING
    return next(
        (code for code in CENTRE_STATUSES if lowered.startswith(code.replace("_", " "))), None
    )


def read_centres(path: Path) -> tuple[list[Centre], list[SourceProblem]]:
    required = centre_columns(source="source_url")
    reader = _RowReader(path, required)
    centres: list[Centre] = []
    for line, row in reader.rows():
        area = reader.area(line, row["iso_code"])
        kind = next((code for code in CENTRE_KINDS if code == row["kind"]), None)
        if kind is None:
            reader.problem(
                line, f"column kind: {row['kind']!r} is not one of {', '.join(CENTRE_KINDS)}"
            )
        status = _centre_status(row["status"])
        if status is None:
            reader.problem(line, f"column status: {row['status']!r} is not a known status")
        capacity = reader.number(line, "capacity", row["capacity"])
        if capacity is not None and capacity != int(capacity):
            reader.problem(line, f"column capacity: {row['capacity']} is not a whole number")
        if not row["name"]:
            reader.problem(line, "column name: a name is required")
        source = reader.source(line, "source_url", row["source_url"])
        source_date = reader.partial_date(line, "source_date", row["source_date"])
        if area is None or source is None or status is None or kind is None or not row["name"]:
            continue
        centres.append(
            Centre(
                name=row["name"],
                kind=kind,
                operator=row["operator"] or None,
                iso_code=area,
                settlement=row["settlement"] or None,
                address=row["address"] or None,
                capacity=None if capacity is None else int(capacity),
                capacity_text=row["capacity_text"] or None,
                status=status,
                status_text=row["status"],
                opening=row["opening"] or None,
                source=source,
                source_date=source_date,
                note=row["note"] or None,
                origin=f"{reader.name}:{line}",
            )
        )
    return centres, reader.problems


def _duplicates(keys: list[tuple[tuple[str, ...], str]], what: str) -> list[SourceProblem]:
    seen: dict[tuple[str, ...], str] = {}
    problems = []
    for key, origin in keys:
        if key in seen:
            file, _, line = origin.rpartition(":")
            problems.append(
                SourceProblem(file, int(line), f"duplicate {what} (same as {seen[key]})")
            )
        else:
            seen[key] = origin
    return problems


def read_seed_tables(seed_dir: Path) -> SeedTables:
    """Read and validate every seed table; raise SeedError listing all problems."""
    observations: list[Observation] = []
    problems: list[SourceProblem] = []
    for found, issues in (
        read_region_accessibility(seed_dir / "accessibility_by_region.csv"),
        read_national_accessibility(seed_dir / "accessibility_national.csv"),
        read_categories(
            seed_dir / "plan_fulfilment_2023.csv",
            "plan_fulfilment_2023",
            category_column="category",
            date_column="year",
            source_column="source_url",
            allowed=frozenset(PLAN_GROUPS),
        ),
        read_categories(
            seed_dir / "reported_standing.csv",
            "reported_standing",
            category_column="standing",
            date_column="as_of",
            source_column="source",
            allowed=frozenset(REPORTED_STANDINGS),
        ),
    ):
        observations += found
        problems += issues
    centres, centre_problems = read_centres(seed_dir / "centers.csv")
    problems += centre_problems
    problems += _duplicates([(o.key, o.origin) for o in observations], "observation")
    problems += _duplicates([(c.key, c.origin) for c in centres], "centre")
    if problems:
        raise SeedError(problems)
    return SeedTables(observations=observations, centres=centres)
