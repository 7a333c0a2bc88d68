"""Reading tables and values as people write them (no database: the parser alone, real files)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from geo.tables import MAX_UNPACKED_BYTES, Cell, TableError, read_table
from geo.upload_columns import field_of, is_total_row
from geo.upload_values import (
    ValueProblem,
    date_in_text,
    read_count,
    read_date,
    read_share,
    share_matches,
)
from geo.uploads import UploadError, UploadOptions, parse_upload

TODAY = date(2026, 11, 30)
SOURCE = "https://example.org/synthetic-test-upload"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1 182", 1182),
        ("1\u00a0182", 1182),
        ("1\u202f182", 1182),
        ("1182", 1182),
        (1182, 1182),
        (1182.0, 1182),
    ],
)
def test_counts_as_people_write_them(value: object, expected: int) -> None:
    assert read_count(Cell(value)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["1,5", "1.182", "-3", "²", "٣", 1182.5, "12 %", ""])
def test_what_is_not_a_count(value: object) -> None:
    with pytest.raises(ValueProblem):
        read_count(Cell(value))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cell", "value", "decimals"),
    [
        (Cell("61,9"), 61.9, 1),
        (Cell("61.9 %"), 61.9, 1),
        (Cell("62"), 62.0, 0),
        (Cell(0.619, percent=True), 61.9, 1),
        (Cell(61.95), 61.95, 2),
        (Cell("100,0%"), 100.0, 1),
    ],
)
def test_shares_as_people_write_them(cell: Cell, value: float, decimals: int) -> None:
    share = read_share(cell)
    assert (share.value, share.decimals) == (value, decimals)


def test_a_share_is_checked_with_the_rounding_it_was_written_with() -> None:
    # 744 / 1200 = 62.0%; 1578 / 2367 = 66.666...%
    assert share_matches(read_share(Cell("62,0")), 744, 1200)[0]
    assert share_matches(read_share(Cell("66,7")), 1578, 2367)[0]
    assert share_matches(read_share(Cell("67")), 1578, 2367)[0]
    assert not share_matches(read_share(Cell("66,6")), 1578, 2367)[0]
    assert not share_matches(read_share(Cell("62,1")), 744, 1200)[0]


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("04.08.2025", "2025-08-04", "day"),
        ("2025-08-04", "2025-08-04", "day"),
        ("08.2025", "2025-08", "month"),
        ("2025-08", "2025-08", "month"),
        ("2025", "2025", "year"),
        ("2025 г.", "2025", "year"),
        (2025, "2025", "year"),
        (datetime(2025, 8, 4), "2025-08-04", "day"),
        ("4/8/2025", "2025-08-04", "day"),
    ],
)
def test_dates_keep_their_precision(value: object, iso: str, precision: str) -> None:
    as_of = read_date(Cell(value), TODAY)  # type: ignore[arg-type]
    assert (as_of.iso, as_of.precision) == (iso, precision)


@pytest.mark.parametrize("value", ["31.02.2025", "13.2025", "2025-13-01", "01.12.2026", "2027"])
def test_impossible_and_future_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueProblem):
        read_date(Cell(value), TODAY)


def test_header_aliases_and_total_rows() -> None:
    assert field_of("Доля,\n %") == "adapted_share"
    assert field_of("ВСЕГО  объектов на карте") == "objects_total"
    assert field_of("«Облыс / қала»") == "region"
    assert field_of("Толық бейімделген") == "objects_adapted"
    assert field_of("Дереккөз") == "source_url"
    assert field_of("Количество жалоб") is None
    for text in ("Итого", "Всего по РК", "Барлығы", "Total", "ИТОГО:", "Республика Казахстан"):
        assert is_total_row(text), text
    assert not is_total_row("Абай облысы")


ROWS = [
    ["region", "as_of", "objects_adapted", "objects_total", "source_url"],
    ["ЗКО", "04.08.2025", "1 182", "1 737", SOURCE],
]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1251", ";"), ("utf-8", "\t")],
)
def test_text_encodings_and_delimiters(encoding: str, delimiter: str) -> None:
    text = "\r\n".join(delimiter.join(row) for row in ROWS) + "\r\n"
    grid = read_table(text.encode(encoding), "text/csv", lang="en")
    assert grid.delimiter == delimiter
    assert [c.text for c in grid.rows[1]] == ROWS[1]


def test_the_delimiter_is_not_fooled_by_decimal_commas() -> None:
    text = "Регион;Доля, %\r\nЗКО;61,9\r\nАбай;62,5\r\n"
    grid = read_table(text.encode("cp1251"), "text/csv", lang="ru")
    assert (grid.delimiter, grid.encoding) == (";", "cp1251")
    assert grid.rows[1][1].text == "61,9"


def _xlsx(build: object) -> bytes:
    book = openpyxl.Workbook()
    build(book)  # type: ignore[operator]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_sheet_is_chosen_and_percent_cells_read_as_percent() -> None:
    def build(book: openpyxl.Workbook) -> None:
        cover = book.active
        assert cover is not None
        cover.title = "Титул"
        cover.append(["Отчёт"])
        data = book.create_sheet("Данные")
        data.append(["Регион", "Доля, %"])
        data.append(["Абай облысы", 0.619])
        data["B2"].number_format = "0.0%"

    body = _xlsx(build)
    options = UploadOptions(lang="ru", sheet="Данные", as_of="2025", source_url=SOURCE)
    parsed = parse_upload(body, "application/octet-stream", options)
    assert [(r.iso_code, r.adapted_share) for r in parsed.rows] == [("KZ-10", 61.9)]
    assert parsed.mapping["sheets"] == ["Титул", "Данные"]
    with pytest.raises(UploadError) as error:
        parse_upload(body, "", UploadOptions(lang="ru", sheet="Нет"))
    assert "нет листа «Нет»" in error.value.problems[0].reason
    with pytest.raises(UploadError) as error:  # the first sheet has no table
        parse_upload(body, "", UploadOptions(lang="en"))
    assert "no header row" in error.value.problems[0].reason


def test_a_merged_label_labels_each_row_and_a_merged_figure_is_read_once() -> None:
    def build(book: openpyxl.Workbook) -> None:
        sheet = book.active
        assert sheet is not None
        sheet.title = "Data"
        sheet.append(["region", "as_of", "objects_adapted", "objects_total", "source_url"])
        sheet.append(["Abai", "2024", 10, 20, SOURCE])
        sheet.append([None, "2025", 12, None, SOURCE])
        sheet.merge_cells("A2:A3")  # one region over two dates
        sheet.merge_cells("D2:D3")  # one total over two rows: not copied to the second

    rows = parse_upload(_xlsx(build), "", UploadOptions()).rows
    # The second row is a count alone: the merged total is not copied to it.
    assert [(r.iso_code, r.as_of, r.objects_adapted, r.objects_total) for r in rows] == [
        ("KZ-10", "2024", 10, 20),
        ("KZ-10", "2025", 12, None),
    ]


def test_a_zip_bomb_and_an_old_xls_are_refused_before_they_are_opened() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (MAX_UNPACKED_BYTES + 1))
    with pytest.raises(TableError, match="unpacked"):
        read_table(buffer.getvalue(), "", lang="en")
    with pytest.raises(TableError, match=r"\.xls"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "", lang="en")
    with pytest.raises(TableError, match="Excel"):
        read_table(b"PK\x03\x04 not really a zip", "", lang="en")


def test_a_two_level_header_with_a_merged_parent_and_unmerged_blanks() -> None:
    def build(book: openpyxl.Workbook) -> None:
        sheet = book.active
        assert sheet is not None
        sheet.title = "Лист1"
        sheet.append(["Регион", "Всего объектов", "Адаптировано", None])
        sheet.merge_cells("C1:D1")  # over "%" and "ед."; A and B are blank below, not merged
        sheet.append([None, None, "%", "ед."])
        sheet.append(["Абай облысы", 1200, "62,0", 744])

    options = UploadOptions(lang="ru", as_of="2025", source_url=SOURCE)
    parsed = parse_upload(_xlsx(build), "", options)
    assert parsed.mapping["header_row"] == 2
    headers = [c["header"] for c in parsed.mapping["columns"]]
    assert headers == ["Регион", "Всего объектов", "%", "ед."]  # a blank shows the name above
    fields = [(c["column"], c["field"]) for c in parsed.mapping["columns"]]
    assert fields == [
        ("A", "region"),
        ("B", "objects_total"),
        ("C", "adapted_share"),
        ("D", "objects_adapted"),
    ]
    row = parsed.rows[0]
    assert (row.objects_adapted, row.objects_total, row.adapted_share) == (744, 1200, 62.0)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("01.03.2026 жағдай бойынша", "2026-03-01"),
        ("по состоянию на 01.03.2026 г.", "2026-03-01"),
        ("Доступность объектов по состоянию на 1 марта 2026 года", "2026-03-01"),
        ("2026 жылғы 1 наурыздағы жағдай бойынша", "2026-03-01"),
        ("as of 4 August 2025", "2025-08-04"),
        ("Отчёт за 2025 год", None),  # a year in a title is a period, not a date
        ("по состоянию на 31.02.2026", None),
    ],
)
def test_a_date_stated_in_a_title(title: str, expected: str | None) -> None:
    found = date_in_text(Cell(title), TODAY)
    assert (found.iso if found else None) == expected


def test_kazakh_letters_lost_to_windows_1251_are_pointed_out() -> None:
    text = "Облыс;Толық бейімделген;Картадағы нысандар саны\r\nАбай облысы;744;1200\r\n"
    body = text.encode("cp1251", errors="replace")  # what Excel writes: "Толы? бейімделген"
    with pytest.raises(UploadError) as error:
        parse_upload(body, "text/csv", UploadOptions(lang="ru"))
    assert "казахские буквы в файле заменены" in str(error.value.mapping["notices"])
    assert not read_table(ROWS_TEXT.encode("cp1251"), "text/csv", lang="en").lost_letters


ROWS_TEXT = "Регион;Дата\r\nЗКО?;2025\r\n"


def test_json_rows_with_a_list_of_categories() -> None:
    body = (
        '{"rows": [{"region": "ЗКО", "as_of": "2025-08", "objects_adapted": 1182, '
        '"objects_total": "1 737", "source_url": "https://example.org/s", '
        '"categories": ["health", "education"]}]}'
    ).encode()
    (row,) = parse_upload(body, "application/json").rows
    assert (row.as_of, row.as_of_precision, row.objects_total) == ("2025-08", "month", 1737)
    assert row.note == "categories: health, education"
    assert row.where == "rows[0].region"
