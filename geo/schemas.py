"""JSON Schemas of the collections: every field's type before a client reads any feature.

GDAL and QGIS otherwise guess types from the first page, where a share that is null for the
first regions becomes text. The types come from the typed collection frame (geo.features.typed),
so a schema cannot drift from what the service sends.

Each property has one JSON type (GDAL's OAPIF driver reads no type lists): values may still be
null where a figure is not published, as each description says.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from geo.definitions import INDICATORS_BY_CODE
from geo.features import DATE_COLUMNS

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_MEDIA_TYPE = "application/schema+json"
# The properties that items?{name}=value filters on (OGC API - Features Part 3 queryables).
FILTER_PROPERTIES = ("iso_code", "kind", "status", "year")
_GEOMETRY_FORMATS = {"polygon": "geometry-multipolygon", "point": "geometry-point"}
_DESCRIPTIONS = {
    "iso_code": "ISO 3166-2:KZ code of the region (KZ for the whole country)",
    "status": "what is known: share, count_only or no_data (regions); the centre's status "
    "(centres)",
    "year": "calendar year the figure refers to",
    "comparable": "whether the figure is comparable with the 2023-2027 roadmap",
    "capacity": "places, as a whole number, where the source states one (null otherwise)",
}
NULL_NOTE = "Null where the source does not state it."


def _json_type(column: str, dtype: Any) -> dict[str, str]:
    if column in DATE_COLUMNS:
        return {"type": "string", "format": "date"}
    if pd.api.types.is_bool_dtype(dtype):
        return {"type": "boolean"}
    if pd.api.types.is_integer_dtype(dtype):
        return {"type": "integer"}
    if pd.api.types.is_float_dtype(dtype):
        return {"type": "number"}
    return {"type": "string"}


def _description(column: str) -> str:
    if column in INDICATORS_BY_CODE:
        indicator = INDICATORS_BY_CODE[column]
        return f"{indicator.definition['en']} Unit: {indicator.unit}. {NULL_NOTE}"
    if column.endswith("_precision"):
        return (
            f"how much of {column.removesuffix('_precision')} the source states: day, month or "
            "year; a month or year is written as the first day of that period"
        )
    if column.endswith("as_of_quality"):
        return (
            f"how {column.removesuffix('_quality')} is known: exact (a day the source states), "
            "month or year (all the source states), inferred (not stated by the source, derived "
            "from its context) or undated"
        )
    if column in DATE_COLUMNS:
        return f"ISO 8601 date; see {column}_precision. {NULL_NOTE}"
    return _DESCRIPTIONS.get(column, NULL_NOTE)


def property_schemas(frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Each property of the features (not id, not geometry) with its JSON type."""
    return {
        str(column): {
            "title": str(column),
            **_json_type(str(column), dtype),
            "description": _description(str(column)),
        }
        for column, dtype in frame.dtypes.items()
        if column not in ("id", "geometry")
    }


def feature_schema(frame: pd.DataFrame, schema_id: str, title: str) -> dict[str, Any]:
    """A JSON Schema of one GeoJSON feature of the collection (linked as rel=describedby)."""
    return {
        "$schema": JSON_SCHEMA,
        "$id": schema_id,
        "title": title,
        "type": "object",
        "required": ["type", "id", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": {"type": "object", "description": "GeoJSON geometry, or null"},
            "properties": {
                "type": "object",
                "properties": property_schemas(frame),
            },
        },
    }


def queryables(frame: pd.DataFrame, schema_id: str, title: str, geometry: str) -> dict[str, Any]:
    """OGC API - Features Part 3 queryables: the properties items can be filtered on."""
    schemas = property_schemas(frame)
    chosen = {name: schemas[name] for name in FILTER_PROPERTIES if name in schemas}
    return {
        "$schema": JSON_SCHEMA,
        "$id": schema_id,
        "title": title,
        "type": "object",
        "properties": {
            "geometry": {"title": "geometry (bbox=)", "format": _GEOMETRY_FORMATS[geometry]},
            **chosen,
        },
        "additionalProperties": False,
    }
