"""Tile production from the current data snapshot: new data never shows a stale tile.

Every tile, raster or vector, is drawn from the snapshot's map view, so the two databases cannot
disagree (vector tiles are encoded here with mapbox-vector-tile on both). Rendered tiles are kept
in the snapshot (most recently used) with their compressed variants, and on disk under
data_dir/tiles/<version key>/; a disk that is full or read-only only costs the disk copy.
"""

from __future__ import annotations

import contextlib
import logging
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.encoded import Answer, EncodedBody, answer
from api.numbers import whole_number
from api.ogc.responses import CACHE_CONTROL
from api.pages import snapshot_view
from api.snapshot import Snapshot, SnapshotStore
from geo.definitions import Lang
from geo.i18n import DEFAULT_LANG
from geo.indicators import ViewMode
from geo.mapview import MapView
from render.tiles import RasterRenderer, check_tile, features, mvt_tile, write_features

logger = logging.getLogger("accessmap.tiles")

TILE_NAME = re.compile(r"^(?P<y>[0-9]+)(?P<scale>@2x)?\.(?P<ext>png|mvt)$", re.ASCII)
MAX_ZOOM = 24
GRID_MAX = 2**MAX_ZOOM - 1
MEDIA = {"png": "image/png", "mvt": "application/vnd.mapbox-vector-tile"}


@dataclass(frozen=True, slots=True)
class TileAddress:
    """A tile as a request names it: /tiles/{layer}/{z}/{x}/{y}[@2x].{png|mvt}."""

    layer: str
    z: int
    x: int
    y: int
    ext: str
    scale: int

    @property
    def name(self) -> str:
        return f"{self.layer}/{self.z}/{self.x}/{self.y}@{self.scale}x.{self.ext}"

    @property
    def media_type(self) -> str:
        return MEDIA[self.ext]


def tile_address(layer: str, z: str, x: str, name: str) -> TileAddress | None:
    """The tile these path segments name, or None when they name none (out of range too).

    The route and the in-memory fast path both parse with this, so they cannot disagree."""
    match = TILE_NAME.match(name)
    zoom = whole_number(z, 0, MAX_ZOOM)
    if match is None or zoom is None:
        return None
    # Within the deepest grid only: whether the tile exists at its zoom is check_tile's answer.
    column, row = whole_number(x, 0, GRID_MAX), whole_number(match["y"], 0, GRID_MAX)
    if column is None or row is None:
        return None
    return TileAddress(layer, zoom, column, row, match["ext"], 2 if match["scale"] else 1)


@dataclass
class TileSource:
    """Everything tiles of one (data version, view, year, language) draw from."""

    view: MapView
    data: dict[str, Any]
    data_file: Path
    renderers: dict[tuple[str, int], RasterRenderer] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class TileService:
    def __init__(self, snapshots: SnapshotStore, cache_dir: Path) -> None:
        self.snapshots = snapshots
        self.cache_dir = cache_dir
        self._scratch: Path | None = None
        snapshots.on_swap(self._drop_other_versions)
        snapshots.on_warm(self.warm)

    def warm(self, snapshot: Snapshot) -> None:
        """The view and features of the default tiles (latest known) in the default language,
        as the map page is warmed: the other languages are built on their first request."""
        self.source(None, "latest", DEFAULT_LANG, snapshot)

    def source(
        self, year: int | None, mode: ViewMode, lang: Lang, snapshot: Snapshot | None = None
    ) -> TileSource:
        """The view and features tiles of `year` in `mode` draw from (the page's view model,
        geo.mapview, so that tiles and page show the same states); UnknownYearError if the
        year has no data."""
        snapshot = snapshot or self.snapshots.current()
        return snapshot.product(
            ("tile-source", lang, year, mode), lambda: self._build(snapshot, year, mode, lang)
        )

    def _build(
        self, snapshot: Snapshot, year: int | None, mode: ViewMode, lang: Lang
    ) -> TileSource:
        # The page's own view of this version (one notion of view, built once for both).
        view = snapshot_view(snapshot, lang, year, mode)
        data = features(view, snapshot.regions("web"))
        name = f"features-{lang}-{mode}-{view.year}.geojson"
        try:
            path = write_features(data, self.cache_dir / snapshot.version.key / name)
        except OSError as error:
            # Mapnik reads its features from a file: with the cache disk full or read-only,
            # a private scratch directory serves (it goes when the process does).
            logger.warning(
                "tile cache %s unusable (%s); rendering without it", self.cache_dir, error
            )
            path = write_features(data, self._scratch_dir() / snapshot.version.key / name)
        return TileSource(view, data, path)

    def _scratch_dir(self) -> Path:
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="accessmap-tiles-"))
        return self._scratch

    def _drop_other_versions(self, snapshot: Snapshot) -> None:
        """Remove tile directories of other versions (renders under way keep their open files)."""
        if not self.cache_dir.exists():
            return
        for directory in self.cache_dir.iterdir():
            if directory.is_dir() and directory.name != snapshot.version.key:
                shutil.rmtree(directory, ignore_errors=True)

    @staticmethod
    def _key(
        address: TileAddress, year: int | None, mode: ViewMode, lang: Lang
    ) -> tuple[str, str, int | None, str, str]:
        # The whole request a tile answers: the same address in another view is another tile.
        return ("tile", address.name, year, mode, lang)

    def cached(
        self, address: TileAddress, year: int | None, mode: ViewMode, lang: Lang
    ) -> EncodedBody | None:
        """A tile already in memory, or None: no database, no disk (safe on the event loop)."""
        snapshot = self.snapshots.latest()
        if snapshot is None:
            return None
        found: EncodedBody | None = snapshot.cached(self._key(address, year, mode, lang))
        return found

    def tile(
        self, address: TileAddress, year: int | None, mode: ViewMode, lang: Lang
    ) -> EncodedBody:
        """The tile, rendered or encoded once per data version (blocking: off the event loop)."""
        snapshot = self.snapshots.current()
        return snapshot.product(
            self._key(address, year, mode, lang),
            lambda: self._produce(snapshot, address, year, mode, lang),
            bounded=True,
        )

    def _produce(
        self,
        snapshot: Snapshot,
        address: TileAddress,
        year: int | None,
        mode: ViewMode,
        lang: Lang,
    ) -> EncodedBody:
        tile = check_tile(address.z, address.x, address.y)
        source = self.source(year, mode, lang, snapshot)
        folder = f"{lang}-{mode}-{source.view.year}"
        path = source.data_file.parent / folder / address.name
        body = _read(path)
        if body is None:
            if address.ext == "mvt":
                body = mvt_tile(source.data, address.layer, tile)
            else:
                with source.lock:  # a Mapnik map renders one tile at a time
                    key = (address.layer, address.scale)
                    renderer = source.renderers.get(key)
                    if renderer is None:
                        renderer = RasterRenderer(address.layer, source.data_file, address.scale)
                        source.renderers[key] = renderer
                    body = renderer.render(tile)
            _write(path, body)
        encoded = EncodedBody(
            body,
            address.media_type,
            compressible=address.ext == "mvt",
            version_key=snapshot.version.key,
        )
        return encoded.precompress()  # here, in a worker thread: never on the event loop


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write(path: Path, body: bytes) -> None:
    """Keep a disk copy if the disk lets us; a full or read-only disk only loses the copy."""
    partial = path.with_name(f"{path.name}.{threading.get_ident()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(body)
        partial.replace(path)  # atomic: readers never see half a tile
    except OSError as error:
        logger.warning("tile not kept on disk (%s): %s", path, error)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


# A tile's body depends on the language (names), which may come from Accept-Language; CORS
# answers differ by Origin.
TILE_VARY = ("Accept-Language", "Origin")
IMMUTABLE = "public, max-age=31536000, immutable"


def tile_answer(
    encoded: EncodedBody, headers: Mapping[str, str], *, head: bool, pinned: str | None
) -> Answer:
    """The one answer for a tile, whether the route or the ASGI fast path sends it.

    A URL pinned to the data version the tile was made from (`v=`, as the TileJSON writes it)
    names content that never changes: a CDN may keep it for good. Any other URL may change with
    the next upload."""
    immutable = pinned is not None and pinned == encoded.version_key
    cache_control = IMMUTABLE if immutable else CACHE_CONTROL
    return answer(encoded, headers, cache_control=cache_control, vary=TILE_VARY, head=head)
