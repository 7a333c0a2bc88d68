"""Read the stored data into frames for the domain library (same SQL on both backends)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely
from sqlalchemy import Engine, func, select

from api.db import models

LEVEL_COLUMNS = {
    "full": models.Region.geom,
    "web": models.Region.geom_web,
    "lite": models.Region.geom_lite,
}


def _geometry(values: pd.Series) -> gpd.GeoSeries:
    # ST_AsBinary gives plain WKB on both PostGIS (bytes) and SpatiaLite (bytes/memoryview).
    wkb = [None if value is None else bytes(value) for value in values]
    return gpd.GeoSeries(shapely.from_wkb(wkb), crs="EPSG:4326", index=values.index)


def regions_frame(engine: Engine, level: str = "web") -> gpd.GeoDataFrame:
    if level not in LEVEL_COLUMNS:
        raise ValueError(f"unknown boundary level {level!r}")
    columns = [c for c in models.Region.__table__.columns if not c.name.startswith("geom")]
    query = select(*columns, func.ST_AsBinary(LEVEL_COLUMNS[level]).label("wkb")).order_by(
        models.Region.iso_code
    )
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all())
    return gpd.GeoDataFrame(frame.drop(columns="wkb"), geometry=_geometry(frame["wkb"]))


OBSERVATION_KEY = ["area_code", "indicator", "as_of", "source"]


def observations_frame(engine: Engine, revision: int | None = None) -> pd.DataFrame:
    """The figures in force (the latest revision of each), or as they stood at `revision`."""
    columns = list(models.Observation.__table__.columns)
    query = select(*columns).order_by(models.Observation.revision_id, models.Observation.id)
    if revision is not None:
        query = query.where(models.Observation.revision_id <= revision)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings()
        frame = pd.DataFrame(rows.all(), columns=[c.name for c in columns])
    # A correction is a newer row with the same key; the older one stays as history.
    frame = frame.drop_duplicates(subset=OBSERVATION_KEY, keep="last")
    frame = frame.sort_values("id", kind="stable").reset_index(drop=True)
    frame["comparable"] = frame["comparable"].astype(bool)
    return frame.astype({"as_of_year": "Int64"})


def centres_frame(engine: Engine) -> gpd.GeoDataFrame:
    columns = [
        c
        for c in models.Centre.__table__.columns
        if c.name not in ("geom", "superseded_by", "change_reason")
    ]
    # Superseded rows are history; the map and downloads show each centre's current record.
    query = (
        select(*columns, func.ST_AsBinary(models.Centre.geom).label("wkb"))
        .where(models.Centre.superseded_by.is_(None))
        .order_by(models.Centre.id)
    )
    with engine.connect() as connection:
        frame = pd.DataFrame(connection.execute(query).mappings().all())
    return gpd.GeoDataFrame(frame.drop(columns="wkb"), geometry=_geometry(frame["wkb"]))


def indicators_frame(engine: Engine) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(select(models.Indicator)).scalars().all()
    return pd.DataFrame(
        [{c.name: getattr(row, c.name) for c in models.Indicator.__table__.columns} for row in rows]
    )
