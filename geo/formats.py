"""Encode feature collections as RFC 7946 GeoJSON, Excel-friendly CSV and GeoPackage."""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.raw
import shapely
from openpyxl import Workbook

from geo.definitions import INDICATORS_BY_CODE
from geo.features import COUNT_COLUMNS, DATE_COLUMNS

# 6 decimals is ~0.1 m: RFC 7946 §11.2 notes more precision is rarely meaningful.
GEOJSON_DECIMALS = 6


def clean_value(value: Any) -> Any:
    """JSON-safe value: NaN/NA become null, numpy scalars plain Python."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def geojson_geometry(geometry: shapely.Geometry | None, decimals: int) -> dict[str, Any] | None:
    """Rounded, valid, counter-clockwise (RFC 7946 right-hand rule) geometry, or null."""
    if geometry is None or geometry.is_empty:
        return None
    rounded = shapely.set_precision(geometry, 10.0**-decimals)
    oriented = shapely.orient_polygons(rounded, exterior_cw=False)
    mapping: dict[str, Any] = shapely.geometry.mapping(oriented)
    return mapping


@dataclass(frozen=True, slots=True)
class EncodedFeature:
    """A feature serialised once; pages of a collection are joined from these strings."""

    id: str
    properties: dict[str, Any]
    bounds: tuple[float, float, float, float] | None
    json: str


def encode_features(
    frame: gpd.GeoDataFrame, decimals: int = GEOJSON_DECIMALS
) -> list[EncodedFeature]:
    columns = [c for c in frame.columns if c not in ("geometry", "id")]
    encoded = []
    for record, geometry in zip(
        frame[["id", *columns]].to_dict("records"), frame.geometry, strict=True
    ):
        properties = {c: clean_value(record[c]) for c in columns}
        shape = geojson_geometry(geometry, decimals)
        feature = {
            "type": "Feature",
            "id": str(record["id"]),
            "geometry": shape,
            "properties": properties,
        }
        bounds = None if shape is None else tuple(shapely.bounds(geometry).tolist())
        encoded.append(
            EncodedFeature(
                str(record["id"]),
                properties,
                bounds,
                json.dumps(feature, ensure_ascii=False, separators=(",", ":")),
            )
        )
    return encoded


def feature_json(feature: EncodedFeature, properties: list[str] | None) -> str:
    if properties is None:
        return feature.json
    data = json.loads(feature.json)
    data["properties"] = {k: v for k, v in data["properties"].items() if k in properties}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class FileMetadata:
    """What every file says about itself: title, abstract, licence, sources, as-of date."""

    title: str
    abstract: str
    licence: str
    licence_url: str
    attribution: str
    as_of: str
    sources: tuple[str, ...]
    # When the data last changed: the files' own timestamps, so that the same data always make
    # the same bytes (the SHA-256 a download lists holds across restarts and processes).
    modified: datetime | None = None

    def items(self) -> dict[str, str]:
        """Flat key -> text, lists as JSON (never a Python repr)."""
        return {
            "title": self.title,
            "description": self.abstract,
            "as_of": self.as_of,
            "sources": json.dumps(list(self.sources), ensure_ascii=False),
            "licence": self.licence,
            "licence_url": self.licence_url,
            "attribution": self.attribution,
        }


# A spreadsheet evaluates text that starts with these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def escape_formula(value: object) -> object:
    """Text a spreadsheet would run gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def flat_table(frame: gpd.GeoDataFrame, definitions: dict[str, dict[str, str]]) -> pd.DataFrame:
    """The rows of a spreadsheet: properties, lon/lat of each feature's point, definitions.

    Polygons get their representative point (always inside the region): a region's WKT would
    overflow a spreadsheet cell. Each indicator's definition travels as a column.
    """
    table = pd.DataFrame(frame.drop(columns="geometry"))
    points = [
        None
        if g is None or g.is_empty
        else (g if g.geom_type == "Point" else g.representative_point())
        for g in frame.geometry
    ]
    table["lon"] = [None if p is None else round(p.x, 6) for p in points]
    table["lat"] = [None if p is None else round(p.y, 6) for p in points]
    for code, definition in definitions.items():
        table[f"{code}_definition"] = definition["en"]
    return table


def to_csv(frame: gpd.GeoDataFrame, definitions: dict[str, dict[str, str]]) -> bytes:
    """UTF-8 with BOM (Excel opens Cyrillic right); formulas escaped; see flat_table."""
    table = flat_table(frame, definitions)
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):
            table[column] = table[column].map(escape_formula)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    table.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")


def _cell_value(value: Any, is_date: bool) -> Any:
    value = clean_value(value)
    if is_date and value is not None:
        return date.fromisoformat(str(value))
    return value


def to_xlsx(
    frame: gpd.GeoDataFrame,
    definitions: dict[str, dict[str, str]],
    meta: FileMetadata,
    date_columns: tuple[str, ...],
) -> bytes:
    """An Excel workbook: typed numbers and dates on the first sheet, definitions and sources on
    the second. Text a spreadsheet would evaluate is stored as text with Excel's quote prefix
    (what a typed leading apostrophe does), so the value is kept exactly and never runs.
    """
    table = flat_table(frame, definitions)
    book = Workbook(write_only=False)
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("data")
    sheet.append([str(c) for c in table.columns])
    dates = [c in date_columns for c in table.columns]
    for row in table.itertuples(index=False):
        sheet.append([_cell_value(v, d) for v, d in zip(row, dates, strict=True)])
    for column, is_date in zip(sheet.iter_cols(min_row=2), dates, strict=True):
        for cell in column:
            if is_date:
                cell.number_format = "yyyy-mm-dd"
            elif is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    about = book.create_sheet("about")
    about.append(["indicator", "unit", "definition (en)", "definition (ru)", "definition (kk)"])
    for code, text in definitions.items():
        about.append([code, text["unit"], text["en"], text.get("ru"), text.get("kk")])
    about.append([])
    for key, value in meta.items().items():
        if key != "sources":
            about.append([key, value])
    for source in meta.sources:
        about.append(["source", source])
    for row in about.iter_rows():
        for cell in row:
            if is_formula_like(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
    moment = (meta.modified or FIXED_TIME).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    buffer = io.BytesIO()
    book.save(buffer)  # stamps the time of saving; set to the data's time below
    return _at_time(buffer.getvalue(), moment, meta.title)


FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)  # for files of data without a revision time
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:creator>accessmap-kz</dc:creator><dc:title>{title}</dc:title>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
    "</cp:coreProperties>"
)


def _at_time(workbook: bytes, moment: datetime, title: str) -> bytes:
    """The workbook with every timestamp (core properties, zip entries) set to `moment`.

    The core properties are written here whole: openpyxl stamps the time of saving, and its
    namespace prefixes follow lxml's process-wide registry, which other libraries change.
    """
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = _CORE.format(title=xml_escape(title), stamp=stamp).encode()
    source = zipfile.ZipFile(io.BytesIO(workbook))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = core if entry.filename == "docProps/core.xml" else source.read(entry.filename)
            info = zipfile.ZipInfo(entry.filename, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return output.getvalue()


# GeoPackage 1.4 (GDAL 3.9+'s default) makes GDAL 3.6 and QGIS 3.22 warn on every open; nothing
# here needs more than 1.2.
GPKG_VERSION = "1.2"
QGIS_METADATA_URI = "http://mrcc.com/qgis.dtd"  # how QGIS marks its layer metadata documents


def qgis_metadata_xml(meta: FileMetadata) -> str:
    """QGIS resource metadata: what its layer Metadata panel shows (title, abstract, rights)."""
    root = ET.Element("qgis", version="3.22")
    ET.SubElement(root, "identifier").text = meta.title
    ET.SubElement(root, "type").text = "dataset"
    ET.SubElement(root, "title").text = meta.title
    ET.SubElement(root, "abstract").text = f"{meta.abstract} As of {meta.as_of}."
    licences = ET.SubElement(root, "licenses")
    ET.SubElement(licences, "license").text = f"{meta.licence} ({meta.licence_url})"
    rights = ET.SubElement(root, "rights")
    ET.SubElement(rights, "right").text = meta.attribution
    links = ET.SubElement(root, "links")
    for source in meta.sources:
        ET.SubElement(root, "history").text = f"Source: {source}"
        if source.startswith(("https://", "http://")):  # some sources are citations, not URLs
            ET.SubElement(links, "link", name=source, type="WWW:LINK", url=source)
    return ET.tostring(root, encoding="unicode")


def to_gpkg(
    frame: gpd.GeoDataFrame,
    layer: str,
    meta: FileMetadata,
    extra_tables: dict[str, pd.DataFrame],
) -> bytes:
    """A GeoPackage 1.2 with the features, their metadata where readers look, attribute tables.

    Title and abstract go to gpkg_contents (identifier, description); every item to GDAL's
    metadata in gpkg_metadata; a QGIS metadata document is referenced from the layer, so QGIS's
    Metadata panel shows title, abstract, licence and sources.
    """
    items = meta.items()
    layer_metadata = {"IDENTIFIER": meta.title, "DESCRIPTION": meta.abstract, **items}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "download.gpkg"
        geometry, geometry_type = _gpkg_geometry(frame.geometry)
        names, arrays, masks = gpkg_fields(frame.drop(columns=frame.geometry.name))
        pyogrio.raw.write(
            path,
            geometry,
            arrays,
            names,
            field_mask=masks,
            layer=layer,
            driver="GPKG",
            geometry_type=geometry_type,
            crs=frame.crs.to_string() if frame.crs is not None else None,
            dataset_options={"VERSION": GPKG_VERSION},
            layer_metadata=layer_metadata,
        )
        for name, table in extra_tables.items():
            if len(table):  # an empty table would be a row of nulls to a reader
                pyogrio.write_dataframe(table, path, layer=name, driver="GPKG")
        _add_qgis_metadata(path, layer, qgis_metadata_xml(meta))
        _set_last_change(path, meta.modified or FIXED_TIME)
        _compact(path)
        return path.read_bytes()


GpkgField = tuple[np.ndarray, np.ndarray | None]


def gpkg_field(column: str, values: pd.Series) -> GpkgField:
    """One column with its GeoPackage type set here, never guessed from the values: dates as
    DATE (ISO dates; the `_precision` column beside says how much of each the source states),
    counts as INTEGER, other numbers and the indicators as REAL (also when the first or all
    values are null), flags as BOOLEAN, the rest as TEXT. Returns the values and a null mask."""
    missing = values.isna().to_numpy(dtype=bool)
    mask = missing if missing.any() else None
    if column in DATE_COLUMNS:
        # datetime64[D] is what GDAL writes as a GeoPackage DATE; a value that is no ISO date
        # raises here rather than turning the column into text.
        dates = [
            None if gone else date.fromisoformat(str(v))
            for v, gone in zip(values, missing, strict=True)
        ]
        return np.array(dates, dtype="datetime64[D]"), mask
    if column in COUNT_COLUMNS or pd.api.types.is_integer_dtype(values.dtype):
        whole = pd.to_numeric(values).astype("Float64")
        if not (whole.dropna() == whole.dropna().round()).all():
            raise ValueError(f"{column}: a count with a fraction")
        return whole.fillna(0).to_numpy(dtype=np.int64), mask
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.fillna(False).to_numpy(dtype=bool), mask
    if column in INDICATORS_BY_CODE or pd.api.types.is_float_dtype(values.dtype):
        return pd.to_numeric(values).astype("Float64").to_numpy(float, na_value=np.nan), mask
    text = [None if gone else str(v) for v, gone in zip(values, missing, strict=True)]
    return np.array(text, dtype=object), mask


def gpkg_fields(table: pd.DataFrame) -> tuple[list[str], list[np.ndarray], list[Any]]:
    names, arrays, masks = [], [], []
    for column in table.columns:
        array, mask = gpkg_field(str(column), table[column])
        names.append(str(column))
        arrays.append(array)
        masks.append(mask)
    return names, arrays, masks


def _gpkg_geometry(geometry: gpd.GeoSeries) -> tuple[np.ndarray, str]:
    """WKB and one layer geometry type: polygons are promoted to multipolygons (as GDAL does)."""
    kinds = set(geometry.dropna().geom_type)
    if kinds <= {"Polygon", "MultiPolygon"}:
        shapes = [
            None if g is None else (shapely.MultiPolygon([g]) if g.geom_type == "Polygon" else g)
            for g in geometry
        ]
        return shapely.to_wkb(np.array(shapes, dtype=object)), "MultiPolygon"
    if len(kinds) != 1:
        raise ValueError(f"one geometry type per layer, not {sorted(kinds)}")
    return shapely.to_wkb(np.asarray(geometry.values, dtype=object)), kinds.pop()


def _set_last_change(path: Path, moment: datetime) -> None:
    """Times in the file say when the data changed, not when this file was written."""
    stamp = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE gpkg_contents SET last_change = ?", (stamp,))
        connection.execute("UPDATE gpkg_metadata_reference SET timestamp = ?", (stamp,))


def _compact(path: Path) -> None:
    """Rewrite the file page by page from its content, so that the same data make the same bytes
    however GDAL happened to allocate pages while writing (its spatial index may be built in a
    worker thread)."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("VACUUM")


def _add_qgis_metadata(path: Path, layer: str, document: str) -> None:
    """One more gpkg_metadata row (GDAL created the tables), referenced from the layer."""
    with closing(sqlite3.connect(path)) as connection, connection:
        cursor = connection.execute(
            "INSERT INTO gpkg_metadata (md_scope, md_standard_uri, mime_type, metadata) "
            "VALUES ('dataset', ?, 'text/xml', ?)",
            (QGIS_METADATA_URI, document),
        )
        connection.execute(
            "INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) "
            "VALUES ('table', ?, ?)",
            (layer, cursor.lastrowid),
        )
