"""Blank tables to fill in, per language: an .xlsx and a CSV with the headers the checker knows.

Each lists the 20 regions and a total row with empty figures; a row left empty is skipped on
upload (and the preview says so), so a partly filled template is a valid upload.
"""

from __future__ import annotations

import csv
import io
from typing import Literal

from geo.definitions import Lang
from geo.regions import REGIONS
from geo.upload_columns import ALIASES

TemplateKind = Literal["xlsx", "csv"]
SHEET_NAMES: dict[Lang, str] = {"kk": "Мәліметтер", "ru": "Данные", "en": "Data"}
TOTAL_LABELS: dict[Lang, str] = {"kk": "Барлығы", "ru": "Итого", "en": "Total"}
TEMPLATE_FIELDS = (
    "region",
    "as_of",
    "objects_adapted",
    "objects_total",
    "adapted_share",
    "source_url",
    "note",
)
# Excel in a Russian or Kazakh locale splits CSV on ";", in an English one on ",".
CSV_DELIMITERS: dict[Lang, str] = {"kk": ";", "ru": ";", "en": ","}


def template_rows(lang: Lang) -> list[list[str]]:
    header = [ALIASES[name][lang][0] for name in TEMPLATE_FIELDS]
    blanks = [""] * (len(header) - 1)
    rows = [header]
    rows += [[region.name(lang), *blanks] for region in REGIONS]
    rows.append([TOTAL_LABELS[lang], *blanks])
    return rows


def template_file(lang: Lang, kind: TemplateKind) -> bytes:
    rows = template_rows(lang)
    if kind == "csv":
        text = io.StringIO()
        csv.writer(text, delimiter=CSV_DELIMITERS[lang], lineterminator="\r\n").writerows(rows)
        return ("\ufeff" + text.getvalue()).encode("utf-8")  # the BOM tells Excel it is UTF-8
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_NAMES[lang]
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 34
    for letter in "BCDEFG":
        sheet.column_dimensions[letter].width = 18
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
