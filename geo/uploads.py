"""Officials' uploads of per-region figures: read the table, check every row, report every problem.

An upload is accepted whole or not at all: one bad row rejects it, with each problem named by
its place in the file (`Мәліметтер!C7`, `line 7, column C`) in the editor's language. The table
is read by geo.tables, its columns found by geo.upload_columns and its values read by
geo.upload_values; this module puts a row together and says how the file was read (the mapping
preview the form shows before anything is written). Region names go through the registry
resolver, so "ЗКО" or "Жетісу облысы" work; a table's total row is the national figure (KZ).
Only figures the table states are kept: a share is stored only when the table gives one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from geo.definitions import NATIONAL_CODE, Lang
from geo.i18n import t
from geo.indicators import Figure, _share
from geo.regions import AmbiguousRegion, RegionNotFound, get_region, resolve_region
from geo.tables import Cell, Grid, TableError, read_table
from geo.upload_columns import ALIASES, FIGURES, Layout, find_layout, is_total_row, parse_overrides
from geo.upload_text import say
from geo.upload_values import (
    AsOf,
    Precision,
    ValueProblem,
    date_in_text,
    read_count,
    read_date,
    read_share,
    share_matches,
)

MAX_CAPACITY = 100_000
# 20 regions with a figure a month for twenty years fit many times over.
MAX_UPLOAD_ROWS = 10_000
# The preview lists this many rows; the diff lists every change.
MAX_PREVIEW_ROWS = 1_000
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


@dataclass(frozen=True, slots=True)
class UploadProblem:
    row: int  # 1 = first row under the header; 0 = the file or its header
    column: str  # the field (or "" for the whole file)
    reason: str
    where: str = ""  # the place in the file: `Sheet!C7`, `line 7, column C`


class UploadError(ValueError):
    def __init__(
        self, problems: list[UploadProblem], mapping: dict[str, Any] | None = None
    ) -> None:
        self.problems = problems
        self.mapping = mapping
        super().__init__(f"{len(problems)} problem(s) in the upload")


@dataclass(frozen=True, slots=True)
class UploadOptions:
    """How to read a file: the editor's language, and what the file itself does not say."""

    lang: Lang = "en"
    sheet: str | None = None
    header_row: int | None = None  # as people count: 1 = the first row or line
    columns: str | None = None  # corrections of the mapping: "C=objects_total,D=-"
    as_of: str | None = None  # for every row without a date of its own
    source_url: str | None = None
    note: str | None = None
    today: date | None = None


@dataclass(frozen=True, slots=True)
class UploadRow:
    row: int
    where: str
    iso_code: str
    as_of: str  # ISO 8601, possibly partial ("2025-03", "2025")
    as_of_precision: Precision
    objects_adapted: int | None
    objects_total: int | None
    adapted_share: float | None  # only when the table states it
    source: str
    note: str | None
    total_row: bool = False

    def figures(self) -> list[tuple[str, float]]:
        """(indicator, value) of every figure the row states."""
        values = (self.objects_adapted, self.objects_total, self.adapted_share)
        return [
            (name, value) for name, value in zip(FIGURES, values, strict=True) if value is not None
        ]


@dataclass(slots=True)
class ParsedUpload:
    rows: list[UploadRow]
    mapping: dict[str, Any] = field(default_factory=dict)


def resulting_share(row: UploadRow) -> tuple[float | None, str | None]:
    """The share the map will show for this row, and whether it is stated or computed."""

    def figure(value: float | None) -> Figure | None:
        if value is None:
            return None
        return Figure(value, row.as_of, row.source, None, None, None)

    figures = {
        name: fig
        for name, fig in zip(
            FIGURES,
            (figure(row.objects_adapted), figure(row.objects_total), figure(row.adapted_share)),
            strict=True,
        )
        if fig is not None
    }
    share = _share(figures)
    if share is None:
        return None, None
    return share.value, "stated" if row.adapted_share is not None else "computed"


def region_name(iso_code: str, lang: Lang) -> str:
    return t("country", lang) if iso_code == NATIONAL_CODE else get_region(iso_code).name(lang)


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
    return _Checker(grid, layout, options).run()


class _Checker:
    def __init__(self, grid: Grid, layout: Layout, options: UploadOptions) -> None:
        self.grid, self.layout, self.options = grid, layout, options
        self.lang: Lang = options.lang
        self.today = options.today or date.today()
        self.problems: list[UploadProblem] = []
        self.skipped: list[dict[str, Any]] = []
        self.notices: list[str] = []
        self.file_as_of: AsOf | None = None
        self.as_of_from: str | None = None
        self.title_date: dict[str, str] | None = None
        self.bad_file_as_of = False

    # -- the whole file -------------------------------------------------------------------------

    def run(self) -> ParsedUpload:
        self._check_columns()
        columns_readable = not self.problems
        self._file_values()
        rows: list[UploadRow] = []
        # Rows are checked even when a file-level value is wrong: one answer lists every problem.
        if columns_readable:
            rows = self._rows()
            if not rows and not self.problems:
                self._problem(0, "", say("no_rows", self.lang), say("file", self.lang))
        mapping = self._mapping(rows)
        if self.problems:
            raise UploadError(self.problems, mapping)
        return ParsedUpload(rows, mapping)

    def _problem(self, row: int, column: str, reason: str, where: str) -> None:
        self.problems.append(UploadProblem(row, column, reason, where))

    def _field_label(self, name: str) -> str:
        alias = ALIASES[name][self.lang][0]
        return name if alias == name else f"{name} ({alias})"

    def _check_columns(self) -> None:
        header_where = self.grid.where(self.layout.header_row, None, self.lang)
        used: dict[str, list[str]] = {}
        for column in self.layout.columns:
            if column.field:
                used.setdefault(column.field, []).append(column.letter)
        for name, letters in used.items():
            if len(letters) > 1:
                reason = say("duplicate_column", self.lang, field=name, columns=", ".join(letters))
                self._problem(0, name, reason, header_where)
        if "region" not in used:
            reason = say("missing_column", self.lang, field=self._field_label("region"))
            self._problem(0, "region", reason, header_where)
        counts = "objects_adapted" in used and "objects_total" in used
        if not counts and "adapted_share" not in used:
            missing = next(
                (n for n in ("objects_adapted", "objects_total") if n not in used), "adapted_share"
            )
            reason = say("missing_column", self.lang, field=self._field_label(missing))
            self._problem(0, missing, reason, header_where)

    def _file_values(self) -> None:
        """The file's own date, source and note: from the parameters, or a date in the title."""
        options = self.options
        if options.as_of:
            try:
                self.file_as_of = read_date(Cell(options.as_of.strip()), self.today)
                self.as_of_from = "parameter"
            except ValueProblem as error:
                self.bad_file_as_of = True
                where = say("parameter", self.lang, name="as_of")
                self._problem(0, "as_of", say(error.key, self.lang, **error.values), where)
        for row in range(self.layout.header_row):
            for column, cell in enumerate(self.grid.rows[row]):
                found = date_in_text(cell, self.today) if not cell.merged else None
                if found is not None and self.title_date is None:
                    where = self.grid.where(row, column, self.lang)
                    self.title_date = {"value": found.iso, "where": where}
                    if self.file_as_of is None and self.layout.column_of("as_of") is None:
                        self.file_as_of, self.as_of_from = found, "title"
                        self.notices.append(say("title_date", self.lang, date=found.iso))
        source = (options.source_url or "").strip()
        if source and not _URL.match(source):
            where = say("parameter", self.lang, name="source_url")
            self._problem(0, "source_url", say("no_source", self.lang), where)

    # -- rows -----------------------------------------------------------------------------------

    def _cell(self, row: int, name: str) -> tuple[Cell, str]:
        column = self.layout.column_of(name)
        if column is None:
            return Cell(None), ""
        cell = self.grid.cell(row, column)
        # A merged cell in the data is read once, where it starts.
        return (Cell(None) if cell.merged else cell), self.grid.where(row, column, self.lang)

    def _rows(self) -> list[UploadRow]:
        rows: list[UploadRow] = []
        seen: dict[tuple[str, str, str], tuple[int, str]] = {}
        data_rows = 0
        for index in range(self.layout.header_row + 1, len(self.grid.rows)):
            number = index - self.layout.header_row
            cells = {name: self._cell(index, name) for name in self._used_fields()}
            if all(cell.empty for cell, _ in cells.values()):
                continue
            data_rows += 1
            if data_rows > MAX_UPLOAD_ROWS:
                reason = say("too_many_rows", self.lang, limit=MAX_UPLOAD_ROWS)
                self.problems.append(UploadProblem(0, "", reason, say("file", self.lang)))
                return []
            row = self._row(number, index, cells)
            if row is None:
                continue
            key = (row.iso_code, row.as_of, row.source)
            if key in seen:
                first, place = seen[key]
                reason = say("duplicate_row", self.lang, row=first) + f" [{place}]"
                self._problem(number, "region", reason, cells["region"][1])
                continue
            seen[key] = (number, row.where)
            rows.append(row)
        return rows

    def _used_fields(self) -> list[str]:
        return [c.field for c in self.layout.columns if c.field]

    def _skip(self, number: int, index: int, reason: str) -> None:
        where = self.grid.where(index, None, self.lang)
        self.skipped.append({"row": number, "where": where, "reason": reason})

    def _row(self, number: int, index: int, cells: dict[str, tuple[Cell, str]]) -> UploadRow | None:
        lang = self.lang
        region_cell, region_where = cells["region"]
        has_figures = any(not cells[n][0].empty for n in FIGURES if n in cells)
        before = len(self.problems)
        total_row = False
        if is_total_row(region_cell.text):
            if not has_figures:
                self._skip(number, index, say("skip_empty_total", lang, text=region_cell.text))
                return None
            code: str | None = NATIONAL_CODE
            total_row = True
            self.notices.append(say("total_as_kz", lang, text=region_cell.text))
        elif not has_figures:
            if region_cell.empty or self._region(region_cell) is None:
                self._skip(
                    number, index, say("skip_text", lang, text=_short(self._row_text(index)))
                )
            else:
                self._skip(number, index, say("skip_no_figures", lang))
            return None
        elif region_cell.empty:
            code = None
            self._problem(number, "region", say("required", lang), region_where)
        else:
            code = self._region(region_cell, number, region_where)
        as_of = self._as_of(number, cells)
        source = self._source(number, cells)
        adapted = self._count(number, "objects_adapted", cells)
        total = self._count(number, "objects_total", cells)
        share = None
        share_cell, share_where = cells.get("adapted_share", (Cell(None), ""))
        if not share_cell.empty:
            try:
                share = read_share(share_cell)
            except ValueProblem as error:
                self._problem(
                    number, "adapted_share", say(error.key, lang, **error.values), share_where
                )
        where_of = {n: cells[n][1] for n in cells}
        if adapted is not None and total is not None:
            if adapted > total:
                reason = say("adapted_over_total", lang, adapted=adapted, total=total)
                self._problem(number, "objects_adapted", reason, where_of["objects_adapted"])
            elif share is not None and total > 0:
                matches, computed = share_matches(share, adapted, total)
                if not matches:
                    reason = say(
                        "share_mismatch",
                        lang,
                        share=_number(share.value),
                        adapted=adapted,
                        total=total,
                        computed=f"{computed:.{max(share.decimals, 1) + 1}f}",
                    )
                    self._problem(number, "adapted_share", reason, share_where)
        elif share is None and len(self.problems) == before:
            missing = "objects_total" if adapted is not None else "objects_adapted"
            if "adapted_share" in cells and adapted is None and total is None:
                missing = "adapted_share"
            place = where_of.get(missing) or region_where
            self._problem(number, missing, say("need_figures", lang), place)
        if len(self.problems) > before or code is None or as_of is None or source is None:
            return None
        return UploadRow(
            row=number,
            where=region_where,
            iso_code=code,
            as_of=as_of.iso,
            as_of_precision=as_of.precision,
            objects_adapted=adapted,
            objects_total=total,
            adapted_share=share.value if share is not None else None,
            source=source,
            note=self._note(cells),
            total_row=total_row,
        )

    def _row_text(self, index: int) -> str:
        return " ".join(c.text for c in self.grid.rows[index] if not c.empty and not c.merged)

    def _region(self, cell: Cell, number: int | None = None, where: str = "") -> str | None:
        try:
            return _resolve(cell.text)
        except AmbiguousRegion:
            if number is not None:
                self._problem(
                    number, "region", say("ambiguous_region", self.lang, text=cell.text), where
                )
        except RegionNotFound as error:
            if number is not None:
                names = ", ".join(f"{region_name(c, self.lang)} ({c})" for c in error.candidates)
                closest = say("closest", self.lang, names=names) if names else ""
                reason = say("unknown_region", self.lang, text=_short(cell.text), closest=closest)
                self._problem(number, "region", reason, where)
        return None

    def _as_of(self, number: int, cells: dict[str, tuple[Cell, str]]) -> AsOf | None:
        cell, where = cells.get("as_of", (Cell(None), ""))
        if cell.empty:
            if self.file_as_of is None and not self.bad_file_as_of:
                place = where or cells["region"][1]
                self._problem(number, "as_of", say("no_date", self.lang), place)
            return self.file_as_of
        try:
            return read_date(cell, self.today)
        except ValueProblem as error:
            self._problem(number, "as_of", say(error.key, self.lang, **error.values), where)
            return None

    def _source(self, number: int, cells: dict[str, tuple[Cell, str]]) -> str | None:
        cell, where = cells.get("source_url", (Cell(None), ""))
        source = cell.text or (self.options.source_url or "").strip()
        if not _URL.match(source):
            self._problem(
                number, "source_url", say("no_source", self.lang), where or cells["region"][1]
            )
            return None
        return source

    def _count(self, number: int, name: str, cells: dict[str, tuple[Cell, str]]) -> int | None:
        cell, where = cells.get(name, (Cell(None), ""))
        if cell.empty:
            return None
        try:
            return read_count(cell)
        except ValueProblem as error:
            self._problem(number, name, say(error.key, self.lang, **error.values), where)
            return None

    def _note(self, cells: dict[str, tuple[Cell, str]]) -> str | None:
        parts = [cells.get("note", (Cell(None), ""))[0].text]
        categories = cells.get("categories", (Cell(None), ""))[0].text
        parts.append(f"categories: {categories}" if categories else "")
        parts.append((self.options.note or "").strip())
        return "; ".join(part for part in parts if part) or None

    # -- the preview ----------------------------------------------------------------------------

    def _mapping(self, rows: list[UploadRow]) -> dict[str, Any]:
        grid, lang = self.grid, self.lang
        preview = []
        for row in rows[:MAX_PREVIEW_ROWS]:
            share, basis = resulting_share(row)
            preview.append(
                {
                    "row": row.row,
                    "where": row.where,
                    "iso_code": row.iso_code,
                    "region": region_name(row.iso_code, lang),
                    "as_of": row.as_of,
                    "as_of_precision": row.as_of_precision,
                    "objects_adapted": row.objects_adapted,
                    "objects_total": row.objects_total,
                    "adapted_share": row.adapted_share,
                    "share": share,
                    "share_basis": basis,
                    "source": row.source,
                    "note": row.note,
                    "total_row": row.total_row,
                }
            )
        return {
            "format": grid.kind,
            "encoding": grid.encoding,
            "delimiter": {"\t": "tab"}.get(grid.delimiter or "", grid.delimiter),
            "sheet": grid.sheet,
            "sheets": grid.sheets,
            "header_row": self.layout.header_row + 1,
            "header_where": grid.where(self.layout.header_row, None, lang),
            "columns": [
                {"column": c.letter, "header": c.header, "field": c.field, "how": c.how}
                for c in self.layout.columns
                if c.header or c.field
            ],
            "as_of": self.file_as_of.iso if self.file_as_of else None,
            "as_of_precision": self.file_as_of.precision if self.file_as_of else None,
            "as_of_from": self.as_of_from,
            "title_date": self.title_date,
            "source_url": (self.options.source_url or "").strip() or None,
            "note": (self.options.note or "").strip() or None,
            "skipped": self.skipped,
            "notices": self.notices,
            "rows": preview,
            "rows_total": len(rows),
        }


@lru_cache(maxsize=4096)
def _resolve(text: str) -> str:
    # A table of thousands of rows names the same twenty regions over and over.
    return resolve_region(text)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def _number(value: float) -> str:
    return f"{value:g}"


def _capacity(
    row: int, column: str, value: Any, problems: list[UploadProblem], maximum: int
) -> int | None:
    try:
        return read_count(Cell(value), maximum)
    except ValueProblem as error:
        problems.append(UploadProblem(row, column, say(error.key, "en", **error.values)))
        return None


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
CENTRE_STATUSES = ("operating", "under_construction", "planned", "closed")
KAZAKHSTAN_BOX = (46.4, 40.5, 87.4, 55.5)


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
            values[key] = _capacity(1, key, text, problems, MAX_CAPACITY)
        elif key == "source_url" and not _URL.match(text):
            problems.append(UploadProblem(1, key, "a source URL (http/https) is required"))
        elif key == "source_date" and text:
            if not _DATE.match(text) or text > today.isoformat():
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
