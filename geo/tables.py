"""Read the tables officials actually have into one grid of cells: .xlsx, CSV/TSV, or JSON.

CSV text is UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text") or a
Windows Cyrillic code page (detected with charset-normalizer); the delimiter (`,` `;` tab) is
sniffed from the most consistent field count. An .xlsx is read with openpyxl after its unpacked
size is bounded (a zip bomb is refused before it is opened); merged cells are filled from their
top-left cell and marked, so a merged header spans its columns while a merged data cell is read
once. JSON rows become a grid with their keys as the header. Nothing here knows the columns'
meaning: geo.upload_columns finds the header and geo.upload_check checks the rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from charset_normalizer import from_bytes

from geo.definitions import Lang
from geo.safe_json import parse_json
from geo.upload_text import column_letter, say

CellValue = str | int | float | date | datetime | None
Kind = Literal["xlsx", "csv", "json"]
# Excel files are zip archives of XML; a 2 MB upload unpacking beyond this is a bomb, not a table.
MAX_UNPACKED_BYTES = 40_000_000
# Every line counts, empty or not, so a file of empty lines stops early.
MAX_GRID_ROWS = 20_000
# Python's csv module refuses longer fields with csv.Error: below that, and far above any cell.
csv.field_size_limit(100_000)
# On a tie ";" wins: in a Russian or Kazakh locale a comma is the decimal mark ("61,9").
_DELIMITERS = (";", "\t", ",")
# Windows code pages that Excel in a Russian or Kazakh locale writes.
_CODE_PAGES = ["cp1251", "kz1048"]
# Excel saving Kazakh text as "CSV (Windows-1251)" writes "?" for ә, ғ, қ, ң, ө, ұ, ү, һ.
_LOST_LETTER = re.compile(r"[А-Яа-яЁёІі]\?[А-Яа-яЁёІі]")
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})\""
)


@dataclass(frozen=True, slots=True)
class Cell:
    value: CellValue
    percent: bool = False  # an Excel number shown as a percentage (0.619 shown as 61.9%)
    merged: bool = False  # filled from the top-left cell of a merged range

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value).strip()

    @property
    def empty(self) -> bool:
        return self.text == ""


EMPTY = Cell(None)


@dataclass(slots=True)
class Grid:
    kind: Kind
    rows: list[list[Cell]]  # rows[0] is sheet row 1, line 1, or the JSON keys
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    json_keys: list[str] = field(default_factory=list)
    lost_letters: bool = False  # "?" inside Cyrillic words: a code page without Kazakh letters

    def cell(self, row: int, column: int) -> Cell:
        cells = self.rows[row] if 0 <= row < len(self.rows) else []
        return cells[column] if 0 <= column < len(cells) else EMPTY

    def where(self, row: int, column: int | None, lang: Lang) -> str:
        """The place of a cell as a person finds it: `Sheet!C7`, `line 7, column C`, `rows[2].x`."""
        if self.kind == "xlsx":
            return (
                f"{self.sheet}!{column_letter(column or 0)}{row + 1}"
                if column is not None
                else (f"{self.sheet}!{row + 1}:{row + 1}")
            )
        if self.kind == "json":
            if row == 0:
                return say("file", lang)
            key = (
                self.json_keys[column]
                if column is not None and column < len(self.json_keys)
                else ""
            )
            return say("json_field", lang, index=row - 1, field=key).rstrip(".")
        if column is None:
            return say("line", lang, line=row + 1)
        return say("line_column", lang, line=row + 1, column=column_letter(column))


class TableError(ValueError):
    """The file cannot be read as a table; the message is in the caller's language."""


def read_table(data: bytes, media: str, *, lang: Lang, sheet: str | None = None) -> Grid:
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, lang, sheet)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the OLE container of .xls
        raise TableError(say("old_xls", lang))
    if "json" in media:
        return _read_json(data, lang)
    text, encoding = _decode(data, lang)
    return _read_csv(text, encoding, lang)


def _decode(data: bytes, lang: Lang) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise TableError(say("not_text", lang, byte=error.start)) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    best = from_bytes(data, cp_isolation=_CODE_PAGES).best()
    if best is None or best.encoding not in _CODE_PAGES:
        raise TableError(say("not_text", lang, byte=first_bad))
    return str(best), best.encoding


def _sniff(text: str) -> str:
    """The delimiter whose field count is the same on the most lines of the start of the file."""
    sample = text[:64_000].splitlines()[:60]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(sample, delimiter=delimiter) if len(r) > 1]
        except csv.Error:
            continue
        if not counts:
            continue
        width, lines = Counter(counts).most_common(1)[0]
        score = (lines, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(text: str, encoding: str, lang: Lang) -> Grid:
    delimiter = _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    try:
        for record in reader:
            rows.append([Cell(value) for value in record])
            if len(rows) > MAX_GRID_ROWS:
                raise TableError(say("too_many_rows", lang, limit=MAX_GRID_ROWS))
    except csv.Error as error:
        raise TableError(say("malformed_csv", lang, line=reader.line_num, error=error)) from None
    lost = encoding == "cp1251" and _LOST_LETTER.search(text) is not None
    return Grid("csv", rows, encoding=encoding, delimiter=delimiter, lost_letters=lost)


def _read_json(data: bytes, lang: Lang) -> Grid:
    try:
        parsed = parse_json(data)
    except ValueError as error:
        raise TableError(say("bad_json", lang, error=error)) from None
    records = parsed.get("rows") if isinstance(parsed, dict) else parsed
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise TableError(say("json_rows", lang))
    if len(records) > MAX_GRID_ROWS:
        raise TableError(say("too_many_rows", lang, limit=MAX_GRID_ROWS))
    keys: list[str] = []
    for record in records:
        keys += [str(key) for key in record if str(key) not in keys]
    rows = [[Cell(key) for key in keys]]
    for record in records:
        rows.append([Cell(_json_value(record.get(key), lang)) for key in keys])
    return Grid("json", rows, json_keys=keys)


def _json_value(value: Any, lang: Lang) -> CellValue:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)  # categories as a list: ["health", "education"]
    # An object or true/false in a figure's place: shown as text so the check names it.
    return json.dumps(value, ensure_ascii=False)


def _xlsx_value(value: object) -> CellValue:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date)):
        return None if value is None else str(value)
    return value


def _merged_ranges(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col), 0-based, of the sheet's merged cells.

    Read from the sheet's XML because openpyxl's read-only mode (light on memory, which a
    2 MB file of 50 columns needs) does not parse them.
    """
    from openpyxl.utils.cell import range_boundaries

    xml = archive.read(path.lstrip("/"))
    ranges = []
    for ref in _MERGE.findall(xml):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        if min_col and min_row and max_col and max_row:
            ranges.append((min_row - 1, min_col - 1, max_row - 1, max_col - 1))
    return ranges


def _read_xlsx(data: bytes, lang: Lang, sheet: str | None) -> Grid:
    # Imported here: openpyxl takes a moment to import and most uploads are CSV.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise TableError(say("xlsx_too_big", lang, size=MAX_UNPACKED_BYTES))
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except TableError:
        raise
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise TableError(say("bad_xlsx", lang, error=str(error)[:200])) from None
    try:
        names = list(book.sheetnames)
        if sheet and sheet not in names:
            raise TableError(say("no_sheet", lang, sheet=sheet, sheets=", ".join(names)))
        worksheet = book[sheet] if sheet else book.worksheets[0]
        # Files written by some tools state wrong dimensions; read to the real end instead.
        worksheet.reset_dimensions()
        rows: list[list[Cell]] = []
        for cells in worksheet.iter_rows():
            rows.append(
                [
                    Cell(_xlsx_value(c.value), percent="%" in str(getattr(c, "number_format", "")))
                    for c in cells
                ]
            )
            if len(rows) > MAX_GRID_ROWS:
                raise TableError(say("too_many_rows", lang, limit=MAX_GRID_ROWS))
        width = max((len(r) for r in rows), default=0)
        path = getattr(worksheet, "_worksheet_path", "")
        merges = _merged_ranges(archive, path) if path else []
        for top, left, bottom, right in merges:
            if top >= len(rows) or left >= len(rows[top]):
                continue
            source = rows[top][left]
            # Merges beyond the data (a whole row merged to column XFD) fill nothing.
            for row in range(top, min(bottom, len(rows) - 1) + 1):
                for column in range(left, min(right, width - 1) + 1):
                    if (row, column) == (top, left):
                        continue
                    while len(rows[row]) <= column:
                        rows[row].append(EMPTY)
                    rows[row][column] = Cell(source.value, source.percent, merged=True)
        return Grid("xlsx", rows, sheet=worksheet.title, sheets=names)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise TableError(say("bad_xlsx", lang, error=str(error)[:200])) from None
    finally:
        book.close()
        archive.close()
