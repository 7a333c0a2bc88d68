"""Spreadsheet downloads read back as a spreadsheet would: typed cells, no live formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely
from fastapi.testclient import TestClient

from api.app import create_app
from geo.features import COLLECTIONS
from geo.formats import FileMetadata, to_csv, to_xlsx
from tests.conftest import Database

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULAS = ['=HYPERLINK("https://example.org")', "+7 701", "-2 objects", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture(scope="module")
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings)) as client:
        yield client


def workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def rows_of(sheet: Any) -> list[dict[str, Any]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_xlsx_has_typed_numbers_dates_and_an_about_sheet(
    client: TestClient, collection: str
) -> None:
    geojson = client.get(f"/ogc/collections/{collection}/items?limit=1000").json()
    response = client.get(f"/ogc/collections/{collection}/items?limit=1000&f=xlsx")
    assert response.headers["content-type"] == XLSX
    assert response.headers["content-disposition"].endswith('.xlsx"')
    book = workbook(response.content)
    assert book.sheetnames == ["data", "about"]
    rows = {str(row["id"]): row for row in rows_of(book["data"])}
    assert len(rows) == geojson["numberMatched"]
    for feature in geojson["features"]:
        row = rows[feature["id"]]
        for name, value in feature["properties"].items():
            cell = row[name]
            if value is None:
                assert cell is None, (name, cell)
            elif name.endswith(("as_of", "source_date")):
                assert isinstance(cell, datetime) and cell.date().isoformat() == value
            elif isinstance(value, float):  # a sheet stores 60.0 as the number 60
                assert isinstance(cell, int | float) and cell == value, (name, cell, value)
            else:
                assert cell == value and type(cell) is type(value), (name, cell, value)
    about = [row for row in book["about"].iter_rows(values_only=True) if any(row)]
    keys = {row[0] for row in about}
    assert {"licence", "attribution", "as_of"} <= keys
    assert set(COLLECTIONS[collection].indicators) <= keys
    assert any(row[0] == "source" for row in about)
    assert any("OpenStreetMap contributors" in str(row[1]) for row in about)
    sheet = book["data"]
    header = [cell.value for cell in sheet[1]]
    for column in ("as_of", "source_date"):
        if column in header:
            cells = [row[header.index(column)] for row in sheet.iter_rows(min_row=2)]
            assert all(c.number_format == "yyyy-mm-dd" for c in cells if c.value is not None)


def test_downloads_offer_xlsx_beside_csv(client: TestClient) -> None:
    listing = client.get("/downloads?f=json").json()["files"]
    for collection in COLLECTIONS:
        formats = {item["format"] for item in listing if item["collection"] == collection}
        assert {"csv", "xlsx"} <= formats
    item = next(i for i in listing if i["format"] == "xlsx" and i["collection"] == "regions")
    response = client.get(item["href"])
    assert response.headers["content-type"] == XLSX and len(response.content) == item["bytes"]
    assert len(rows_of(workbook(response.content)["data"])) == 20


def synthetic_frame() -> gpd.GeoDataFrame:
    """Test-only values (named so): text a spreadsheet would run, and negative numbers."""
    return gpd.GeoDataFrame(
        {
            "id": [str(i) for i in range(len(FORMULAS))],
            "note": FORMULAS,
            "count": pd.array([-5, 0, 3, None, 7, 8], dtype="Int64"),
            "plain": ["ok", "a=b", "x-y", "", None, "email@example.org"],
        },
        geometry=[shapely.Point(70, 48)] * len(FORMULAS),
        crs="EPSG:4326",
    )


def test_csv_and_xlsx_never_carry_a_live_formula() -> None:
    frame = synthetic_frame()
    text = to_csv(frame, {}).decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["note"] for row in table] == ["'" + value for value in FORMULAS]
    assert [row["count"] for row in table] == ["-5", "0", "3", "", "7", "8"]  # numbers stay
    assert [row["plain"] for row in table] == ["ok", "a=b", "x-y", "", "", "email@example.org"]
    meta = FileMetadata("t", "a", "ODbL-1.0", "https://example.org", "©", "2026", ("=src",))
    book = workbook(to_xlsx(frame, {}, meta, ()))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    notes = [row[1] for row in book["data"].iter_rows(min_row=2)]
    assert [cell.value for cell in notes] == FORMULAS  # kept exactly, as quote-prefixed text
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in notes)
    counts = [row[2].value for row in book["data"].iter_rows(min_row=2)]
    assert counts == [-5, 0, 3, None, 7, 8]


def test_service_csv_has_no_cell_a_spreadsheet_would_run(client: TestClient) -> None:
    for collection in COLLECTIONS:
        content = client.get(f"/ogc/collections/{collection}/items?limit=1000&f=csv").content
        table = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype=str)
        for column in table.columns:
            numeric = pd.to_numeric(table[column], errors="coerce").notna() | table[column].isna()
            texts = table.loc[~numeric, column]
            assert not texts.str.match(r"^[=+\-@\t\r]").any(), (collection, column)
