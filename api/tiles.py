"""Tile production with caches keyed by data version: new data never shows a stale tile.

Rendered tiles are kept in memory (LRU) and on disk under data_dir/tiles/v{version}/; a new data
version starts a new directory and the old ones are removed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from api.db import queries
from api.db.engine import backend_name
from api.db.setup import data_version
from api.pages import UnknownYearError
from geo.definitions import Lang
from geo.mapview import MapView, build_map_view
from geo.tiles import RasterRenderer, check_tile, features, mvt_tile, write_features
from geo.vocabulary import centre_colour_sql

MEMORY_TILES = 4096
VERSION_TTL_S = 0.5

_MVT_SQL = {
    "accessibility": """
        WITH attrs AS (
            SELECT * FROM json_to_recordset(CAST(:attrs AS json)) AS a(
                iso_code text, name text, fill text, status text, share float8, standing text,
                ministry text, as_of text, as_of_quality text)
        ), bounds AS (SELECT ST_TileEnvelope(:z, :x, :y) AS tile)
        SELECT ST_AsMVT(t, 'accessibility', 4096, 'geom') FROM (
            SELECT ST_AsMVTGeom(ST_Transform(r.geom_web, 3857), bounds.tile, 4096, 64, true)
                       AS geom, a.*
            FROM regions r JOIN attrs a ON a.iso_code = r.iso_code, bounds
            WHERE ST_Intersects(r.geom_web, ST_Transform(bounds.tile, 4326))
        ) t""",
    "centres": """
        WITH bounds AS (SELECT ST_TileEnvelope(:z, :x, :y) AS tile)
        SELECT ST_AsMVT(t, 'centres', 4096, 'geom') FROM (
            SELECT ST_AsMVTGeom(ST_Transform(c.geom, 3857), bounds.tile, 4096, 64, true) AS geom,
                   c.kind, c.name, c.status, c.location_precision = 'settlement' AS approximate,
                   """
    + centre_colour_sql("c.kind")
    + """ AS colour
            FROM centres c, bounds
            WHERE c.geom IS NOT NULL AND ST_Intersects(c.geom, ST_Transform(bounds.tile, 4326))
        ) t""",
}


def tile_name(layer: str, z: int, x: int, y: int, ext: str, scale: int) -> str:
    return f"{layer}/{z}/{x}/{y}@{scale}x.{ext}"


@dataclass
class TileSource:
    """Everything tiles of one (data version, year, language) draw from."""

    view: MapView
    data: dict[str, Any]
    data_file: Path
    renderers: dict[tuple[str, int], RasterRenderer] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class TileService:
    def __init__(self, engine: Engine, cache_dir: Path) -> None:
        self.engine = engine
        self.cache_dir = cache_dir
        self._sources: dict[tuple[int, Lang, int | None], TileSource] = {}
        self._memory: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._version, self._version_checked = 0, -1.0

    def refresh(self) -> None:
        """Forget the memoised data version (called right after an upload in this process)."""
        self._version_checked = -1.0

    def version(self) -> int:
        # Asked on every tile request: a half-second memo keeps the database out of the hot
        # path while new data still shows within that half second.
        now = time.monotonic()
        if now - self._version_checked > VERSION_TTL_S:
            self._version = data_version(self.engine)
            self._version_checked = now
        return self._version

    def source(self, year: int | None, lang: Lang) -> TileSource:
        version = self.version()
        key = (version, lang, year)
        with self._lock:
            found = self._sources.get(key)
        if found is not None:
            return found
        with self._build_lock:  # one build at a time: concurrent first requests share it
            with self._lock:
                found = self._sources.get(key)
            if found is not None:
                return found
            created = self._build(version, year, lang)
            with self._lock:
                if not any(k[0] == version for k in self._sources):
                    self._drop_old_versions(version)
                self._sources = {k: v for k, v in self._sources.items() if k[0] == version}
                self._sources[key] = created
            return created

    def _build(self, version: int, year: int | None, lang: Lang) -> TileSource:
        shapes = queries.regions_frame(self.engine, "web")
        view = build_map_view(
            shapes,
            queries.observations_frame(self.engine),
            queries.centres_frame(self.engine),
            lang=lang,
            year=year,
        )
        if year is not None and year not in view.years:
            raise UnknownYearError(year, view.years)
        data = features(view, shapes)
        directory = self.cache_dir / f"v{version}"
        path = write_features(data, directory / f"features-{lang}-{view.year}.geojson")
        return TileSource(view, data, path)

    def _drop_old_versions(self, version: int) -> None:
        """Forget older tiles; keep the previous version's files for renders still under way."""
        self._memory.clear()
        if self.cache_dir.exists():
            for old in self.cache_dir.glob("v*"):
                number = old.name[1:]
                if number.isdigit() and int(number) < version - 1:
                    shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def request_key(name: str, year: int | None, lang: Lang, version: int) -> str:
        return f"v{version}/{lang}-{year}/{name}"

    def lookup(self, name: str, year: int | None, lang: Lang) -> tuple[bytes, str] | None:
        """The hot path: a tile already in memory, with its ETag; no database, no disk."""
        key = self.request_key(name, year, lang, self.version())
        with self._lock:
            hit = self._memory.get(key)
            if hit is not None:
                self._memory.move_to_end(key)
        return hit

    def _cached(self, key: str, path: Path, produce: Any) -> bytes:
        body: bytes = path.read_bytes() if path.exists() else produce()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # A name of its own per thread: two threads may render the same tile at once.
            partial = path.with_name(f"{path.name}.{threading.get_ident()}.part")
            partial.write_bytes(body)
            partial.replace(path)  # atomic: readers never see half a tile
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        with self._lock:
            self._memory[key] = (body, etag)
            if len(self._memory) > MEMORY_TILES:
                self._memory.popitem(last=False)
        return body

    def png(
        self, layer: str, z: int, x: int, y: int, scale: int, year: int | None, lang: Lang
    ) -> bytes:
        tile = check_tile(z, x, y)
        source = self.source(year, lang)
        name = tile_name(layer, z, x, y, "png", scale)
        path = source.data_file.parent / f"{lang}-{source.view.year}" / name

        def render() -> bytes:
            with source.lock:  # a Mapnik map renders one tile at a time
                renderer = source.renderers.get((layer, scale))
                if renderer is None:
                    renderer = RasterRenderer(layer, source.data_file, scale)
                    source.renderers[(layer, scale)] = renderer
                return renderer.render(tile)

        return self._cached(self.request_key(name, year, lang, self.version()), path, render)

    def mvt(self, layer: str, z: int, x: int, y: int, year: int | None, lang: Lang) -> bytes:
        tile = check_tile(z, x, y)
        source = self.source(year, lang)
        name = tile_name(layer, z, x, y, "mvt", 1)
        path = source.data_file.parent / f"{lang}-{source.view.year}" / name

        def encode() -> bytes:
            if backend_name(self.engine) != "postgis":
                return mvt_tile(source.data, layer, tile)
            attrs = [
                f["properties"]
                for f in source.data["features"]
                if f["properties"]["layer"] == "accessibility"
            ]
            with self.engine.connect() as connection:
                result = connection.execute(
                    text(_MVT_SQL[layer]), {"z": z, "x": x, "y": y, "attrs": json.dumps(attrs)}
                )
                return bytes(result.scalar() or b"")

        return self._cached(self.request_key(name, year, lang, self.version()), path, encode)
