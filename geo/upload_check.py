"""Check an upload's rows against the columns found, and say how the file was read.

Every row is checked and every problem kept (the caller lists the first ones and the total), each
placed by sheet and cell or line and column in the editor's language. Rows without figures are
skipped with a reason; a total row is the national figure (KZ) when it states figures.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from geo.definitions import NATIONAL_CODE, Lang
from geo.regions import AmbiguousRegion, RegionNotFound
from geo.row_rules import adapted_within_total, region_code, source
from geo.tables import Cell, Grid
from geo.upload_columns import ALIASES, FIGURES, Layout, is_total_row
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
from geo.upload_values import (
    AsOf,
    Share,
    ValueProblem,
    date_in_text,
    narrowed,
    read_count,
    read_date,
    read_share,
    share_matches,
)


class Checker:
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
        if grid.lost_letters:
            self.notices.append(say("lost_letters", self.lang))

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
                    no_column = self.layout.column_of("as_of") is None
                    if self.file_as_of is None and no_column and not self.bad_file_as_of:
                        self.file_as_of, self.as_of_from = found, "title"
                        self.notices.append(say("title_date", self.lang, date=found.iso))
        given = (options.source_url or "").strip()
        if given:
            try:
                source(given, url=True)
            except ValueProblem as error:
                where = say("parameter", self.lang, name="source_url")
                self._problem(0, "source_url", say(error.key, self.lang), where)

    # -- rows -----------------------------------------------------------------------------------

    def _cell(self, row: int, name: str) -> tuple[Cell, str]:
        column = self.layout.column_of(name)
        if column is None:
            return Cell(None), ""
        cell = self.grid.cell(row, column)
        # A region, date or source merged over several rows labels each of them; a figure
        # merged over rows is one number, read once where it starts (never copied).
        if cell.merged and name in FIGURES:
            cell = Cell(None)
        return cell, self.grid.where(row, column, self.lang)

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
            try:
                adapted_within_total(adapted, total)
            except ValueProblem as error:
                reason = say(error.key, lang, **error.values)
                self._problem(number, "objects_adapted", reason, where_of["objects_adapted"])
            else:
                self._check_share(number, share, adapted, total, share_where)
        elif adapted is None and total is None and share is None and len(self.problems) == before:
            # A count alone is what most regions publish: one stated figure makes a row; only
            # a row that states none is a problem (the map then shows it as "count only").
            missing = "adapted_share" if "adapted_share" in cells else "objects_adapted"
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
            as_of_from="column"
            if "as_of" in cells and not cells["as_of"][0].empty
            else (self.as_of_from or "column"),
        )

    def _check_share(
        self, number: int, share: Share | None, adapted: int, total: int, where: str
    ) -> None:
        """A stated share agrees with the counts, within the rounding it was written with."""
        if share is None or total == 0:
            return
        matches, computed = share_matches(share, adapted, total)
        if not matches:
            reason = say(
                "share_mismatch",
                self.lang,
                share=_number(share.value),
                adapted=adapted,
                total=total,
                computed=f"{computed:.{max(share.decimals, 1) + 1}f}",
            )
            self._problem(number, "adapted_share", reason, where)

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
            read = read_date(cell, self.today)
        except ValueProblem as error:
            self._problem(number, "as_of", say(error.key, self.lang, **error.values), where)
            return None
        stated = cells.get("as_of_precision", (Cell(None), ""))[0].text.strip().lower()
        return narrowed(read, stated)

    def _source(self, number: int, cells: dict[str, tuple[Cell, str]]) -> str | None:
        cell, where = cells.get("source_url", (Cell(None), ""))
        try:
            return source(cell.text or (self.options.source_url or "").strip(), url=True)
        except ValueProblem as error:
            place = where or cells["region"][1]
            self._problem(number, "source_url", say(error.key, self.lang), place)
            return None

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
                    "as_of_from": row.as_of_from,
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
            # A file of many blank-figure rows lists the first of them and says how many.
            "skipped": self.skipped[:MAX_PREVIEW_ROWS],
            "skipped_total": len(self.skipped),
            "notices": list(dict.fromkeys(self.notices))[:MAX_PREVIEW_ROWS],
            "rows": preview,
            "rows_total": len(rows),
        }


@lru_cache(maxsize=4096)
def _resolve(text: str) -> str:
    # A table of thousands of rows names the same twenty regions over and over.
    return region_code(text, by_name=True)


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60] + "…"


def _number(value: float) -> str:
    return f"{value:g}"
