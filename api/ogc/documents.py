"""What every OGC document and download says of a collection: its metadata and its files.

The OGC routes and the downloads listing both describe collections; they share this module so
that a collection's title, dates, sources and file encodings are written one way.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import geopandas as gpd
import pandas as pd
from fastapi import Request

from api.ogc.params import MEDIA_TYPES, Format
from api.ogc.store import Collection
from geo import features, schemas
from geo.formats import FileMetadata, to_csv, to_gpkg, to_xlsx

QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
EXTENSIONS: dict[Format, str] = {
    "json": "geojson",
    "html": "html",
    "csv": "csv",
    "gpkg": "gpkg",
    "xlsx": "xlsx",
}


def link(href: str, rel: str, media: str, title: str) -> dict[str, str]:
    return {"href": href, "rel": rel, "type": media, "title": title}


def base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def as_of_label(collection: Collection) -> str:
    """The date a download's figures refer to: the latest as-of or source date in it."""
    for column in ("as_of", "objects_adapted_as_of", "adapted_share_as_of", "source_date"):
        if column in collection.frame:
            dates = [str(v) for v in collection.frame[column].dropna()]
            if dates:
                return max(dates)
    return collection.modified.date().isoformat() if collection.modified else "undated"


def collection_metadata(request: Request, collection: Collection) -> dict[str, Any]:
    info = features.COLLECTIONS[collection.id]
    base = f"{base_url(request)}/ogc/collections/{collection.id}"
    start, end = collection.interval()
    sources = sorted(
        {
            str(s)
            for c in collection.frame.columns
            if c.endswith("source")
            for s in collection.frame[c].dropna()
        }
    )
    return {
        "id": info.id,
        "title": info.title["en"],
        "description": info.description["en"],
        "titles": info.title,
        "descriptions": info.description,
        "extent": {
            "spatial": {
                "bbox": [list(collection.extent)],
                "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            },
            "temporal": {"interval": [[start, end]] if start else [[None, None]]},
        },
        "itemType": "feature",
        "crs": ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"],
        "definitions": features.definitions(info.id),
        "sources": sources,
        "as_of": as_of_label(collection),
        **features.licence(),
        "links": [
            link(base, "self", "application/json", info.title["en"]),
            link(f"{base}/items?f=json", "items", "application/geo+json", "GeoJSON"),
            link(f"{base}/items?f=html", "items", "text/html", "HTML"),
            link(f"{base}/items?f=csv", "items", "text/csv", "CSV"),
            link(f"{base}/items?f=gpkg", "items", "application/geopackage+sqlite3", "GeoPackage"),
            link(f"{base}/items?f=xlsx", "items", MEDIA_TYPES["xlsx"], "Excel workbook"),
            link(f"{base}/schema", "describedBy", schemas.SCHEMA_MEDIA_TYPE, "feature schema"),
            link(f"{base}/queryables", QUERYABLES_REL, schemas.SCHEMA_MEDIA_TYPE, "queryables"),
            link(features.licence()["licence_url"], "license", "text/html", "ODbL 1.0"),
        ],
    }


def encode_file(
    frame: gpd.GeoDataFrame, fmt: Format, meta: dict[str, Any], modified: datetime | None
) -> bytes:
    """A CSV, XLSX or GeoPackage of `frame`, carrying the collection's definitions and licence."""
    if fmt == "csv":
        return to_csv(frame, meta["definitions"])
    definitions = [{"indicator": code, **text} for code, text in meta["definitions"].items()]
    described = FileMetadata(
        title=meta["title"],
        abstract=meta["description"],
        licence=meta["licence"],
        licence_url=meta["licence_url"],
        attribution=meta["attribution"],
        as_of=meta["as_of"],
        sources=tuple(meta["sources"]),
        modified=modified,
    )
    if fmt == "xlsx":
        return to_xlsx(frame, meta["definitions"], described, features.DATE_COLUMNS)
    tables = {
        "definitions": pd.DataFrame(definitions),
        # Kept as a plain table too, for readers that see tables but not gpkg_metadata.
        "metadata": pd.DataFrame(
            [{"key": key, "value": value} for key, value in described.items().items()]
        ),
    }
    return to_gpkg(frame, meta["id"], described, tables)
