"""Encode feature collections as RFC 7946 GeoJSON, Excel-friendly CSV and GeoPackage."""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

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


def to_csv(frame: gpd.GeoDataFrame, definitions: dict[str, dict[str, str]]) -> bytes:
    """UTF-8 with BOM (Excel opens Cyrillic right); lon/lat of each feature's point.

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
    buffer = io.StringIO()
    buffer.write("\ufeff")
    table.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8")


def to_gpkg(frame: gpd.GeoDataFrame, layer: str, extra_tables: dict[str, pd.DataFrame]) -> bytes:
    """A GeoPackage with the features and attribute tables (definitions, sources, licence)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "download.gpkg"
        pyogrio.write_dataframe(frame, path, layer=layer, driver="GPKG")
        for name, table in extra_tables.items():
            pyogrio.write_dataframe(table, path, layer=name, driver="GPKG", append=False)
        return path.read_bytes()
