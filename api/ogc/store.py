"""Collections read from the database once per data version and kept encoded in memory.

The data are small (tens of features), so filtering and paging in memory serves both backends
identically and fast; a new data version builds fresh collections, never stale ones.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

import geopandas as gpd
from sqlalchemy import Engine, func, select

from api.db import models, queries
from api.db.setup import data_version
from geo import features
from geo.formats import EncodedFeature, encode_features

RESOLUTIONS = {"web": "web", "full": "full"}


@dataclass(frozen=True, slots=True)
class Collection:
    id: str
    frame: gpd.GeoDataFrame
    encoded: list[EncodedFeature]
    version: int
    modified: datetime | None

    @property
    def extent(self) -> tuple[float, float, float, float]:
        minx, miny, maxx, maxy = self.frame.total_bounds
        return (float(minx), float(miny), float(maxx), float(maxy))

    def interval(self) -> tuple[str | None, str | None]:
        if "as_of" not in self.frame:
            return (None, None)
        dates = sorted(str(v) for v in self.frame["as_of"].dropna())
        return (dates[0], dates[-1]) if dates else (None, None)


class CollectionStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: dict[tuple[int, str, str], Collection] = {}
        self._lock = threading.Lock()

    def version(self) -> int:
        return data_version(self.engine)

    def modified(self) -> datetime | None:
        with self.engine.connect() as connection:
            latest = connection.scalar(select(func.max(models.DataRevision.created_at)))
        if not isinstance(latest, datetime):
            return None
        # SpatiaLite hands back naive datetimes; they were written in UTC.
        return latest.astimezone(UTC) if latest.tzinfo else latest.replace(tzinfo=UTC)

    def get(
        self, collection_id: str, resolution: str = "web", revision: int | None = None
    ) -> Collection:
        """The collection in force, or as it stood at data revision `revision`."""
        version = self.version()
        key = (version, collection_id, f"{resolution}@{revision or 'latest'}")
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None:
            return cached
        frame = self._build(collection_id, resolution, revision)
        built = Collection(collection_id, frame, encode_features(frame), version, self.modified())
        with self._lock:
            # Drop collections of older data versions.
            self._cache = {k: v for k, v in self._cache.items() if k[0] == version}
            self._cache[key] = built
        return built

    def _build(
        self, collection_id: str, resolution: str, revision: int | None = None
    ) -> gpd.GeoDataFrame:
        if collection_id in features.CENTRE_KIND:
            return features.centres_collection(queries.centres_frame(self.engine), collection_id)
        observations = queries.observations_frame(self.engine, revision)
        if collection_id == "regions":
            regions = queries.regions_frame(self.engine, RESOLUTIONS[resolution])
            return features.regions_collection(regions, observations)
        # A point has no resolution: every output places a row at the same point, taken
        # inside the full boundary (the web outline once moved points by up to 7 km).
        full = queries.regions_frame(self.engine, RESOLUTIONS["full"])
        return features.accessibility_collection(full, observations)
