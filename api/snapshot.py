"""One snapshot of the data per data version, shared by everything that serves it.

Maps, tiles, collections and downloads are all built from the same few frames (boundaries,
observations in force, current centres). A `Snapshot` reads them once per data version and keeps
what is built from them (`product`), so a request never rebuilds what another already built, and
concurrent first requests for the same product wait for one build instead of each starting their
own.

The data version is checked off the event loop only: by a poller thread every
`version_check_s` seconds (so an upload through another process or host shows within that delay
plus one build), and at once after a write through this process (`refresh`). A new snapshot is
warmed before it replaces the old one, which keeps serving until then.

The version key cannot repeat after a database restore: it hashes the latest revision's id with
its creation time, so a restored timeline never reuses the discarded one's cached tiles.

`ACCESSMAP_CACHE=off` turns all of this into a fresh read and build per request, for measuring
the cold path honestly.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import geopandas as gpd
import pandas as pd
from cachetools import LRUCache
from sqlalchemy import Engine, select

from api.db import models, queries

T = TypeVar("T")
logger = logging.getLogger("accessmap.snapshot")

# Tiles and other many-keyed products: the most recently used stay in memory.
BOUNDED_PRODUCTS = 4096
# While a new version builds, readers of the old one must still get the interpreter promptly. A
# build runs long stretches of Python that hold the GIL; a reader that gave it up for a socket
# waits up to one switch interval (5 ms by default) to get it back, several times per request. A
# shorter interval while building (and only then) lets readers back in sooner.
BUILD_SWITCH_INTERVAL_S = 0.0005


_building = 0
_building_guard = threading.Lock()
_interval_before = sys.getswitchinterval()


@contextmanager
def _readers_first() -> Iterator[None]:
    """The short switch interval for as long as any store builds (stores in one process overlap:
    the interval in force before the first build is restored after the last)."""
    global _building, _interval_before
    with _building_guard:
        if _building == 0:
            _interval_before = sys.getswitchinterval()
            sys.setswitchinterval(min(_interval_before, BUILD_SWITCH_INTERVAL_S))
        _building += 1
    try:
        yield
    finally:
        with _building_guard:
            _building -= 1
            if _building == 0:
                sys.setswitchinterval(_interval_before)


@dataclass(frozen=True, slots=True)
class DataVersion:
    revision: int
    created_at: datetime | None

    @property
    def key(self) -> str:
        """Unique per data timeline: the same revision id after a restore gives another key."""
        stamp = self.created_at.isoformat() if self.created_at else "-"
        digest = hashlib.sha256(f"{self.revision}|{stamp}".encode()).hexdigest()[:10]
        return f"{self.revision}-{digest}"


def read_version(engine: Engine) -> DataVersion:
    query = (
        select(models.DataRevision.id, models.DataRevision.created_at)
        .order_by(models.DataRevision.id.desc())
        .limit(1)
    )
    with engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return DataVersion(0, None)
    created = row.created_at
    if isinstance(created, datetime):
        # SpatiaLite hands back naive datetimes; they were written in UTC.
        created = created.astimezone(UTC) if created.tzinfo else created.replace(tzinfo=UTC)
    return DataVersion(int(row.id), created)


class Snapshot:
    """The data of one version and everything built from it."""

    def __init__(self, engine: Engine, version: DataVersion, *, memo: bool = True) -> None:
        self.engine, self.version, self.memo = engine, version, memo
        self._products: dict[Hashable, Any] = {}
        self._bounded: LRUCache[Hashable, Any] = LRUCache(maxsize=BOUNDED_PRODUCTS)
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    @property
    def modified(self) -> datetime | None:
        return self.version.created_at

    def cached(self, key: Hashable) -> Any | None:
        """A product already built, or None; never builds (safe on the event loop)."""
        with self._guard:
            found = self._products.get(key)
            return found if found is not None else self._bounded.get(key)

    def product(self, key: Hashable, build: Callable[[], T], *, bounded: bool = False) -> T:
        """The product under `key`, built once by whichever caller asks first."""
        if not self.memo:
            return build()
        found = self.cached(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            found = self.cached(key)
            if found is not None:
                return found  # type: ignore[no-any-return]
            built = build()
            with self._guard:
                if bounded:
                    self._bounded[key] = built
                    self._locks.pop(key, None)
                else:
                    self._products[key] = built
            return built

    def regions(self, level: str) -> gpd.GeoDataFrame:
        return self.product(("regions", level), lambda: queries.regions_frame(self.engine, level))

    def observations(self) -> pd.DataFrame:
        return self.product(("observations",), lambda: queries.observations_frame(self.engine))

    def centres(self) -> gpd.GeoDataFrame:
        return self.product(("centres",), lambda: queries.centres_frame(self.engine))

    def warm(self) -> Snapshot:
        """Read the frames every output needs, so the first request after a swap is fast."""
        for level in ("web", "lite"):
            self.regions(level)
        self.observations()
        self.centres()
        return self


class SnapshotStore:
    """The current snapshot, replaced when the data version changes."""

    def __init__(self, *, enabled: bool = True, version_check_s: float = 1.0) -> None:
        self.enabled, self.version_check_s = enabled, version_check_s
        self._engine: Engine | None = None
        self._current: Snapshot | None = None
        self._swap_lock = threading.Lock()
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None
        self._listeners: list[Callable[[Snapshot], None]] = []
        self._warmers: list[Callable[[Snapshot], None]] = []

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("the snapshot store has not been started")
        return self._engine

    def on_warm(self, warmer: Callable[[Snapshot], None]) -> None:
        """Build what most requests ask for (`warmer(snapshot)`) before a new snapshot serves:
        readers keep the previous one meanwhile, so an upload never makes them wait."""
        self._warmers.append(warmer)

    def on_swap(self, listener: Callable[[Snapshot], None]) -> None:
        """Call `listener` with each new snapshot once it serves (e.g. to clean up disk caches)."""
        self._listeners.append(listener)

    def start(self, engine: Engine, *, poll: bool = True) -> None:
        self._engine = engine
        if not self.enabled:
            return
        self.refresh()
        if not poll:
            return
        self._stop.clear()
        self._poller = threading.Thread(target=self._poll, name="snapshot-poller", daemon=True)
        self._poller.start()

    def stop(self) -> None:
        self._stop.set()
        if self._poller is not None:
            self._poller.join(timeout=10)
            self._poller = None

    def current(self) -> Snapshot:
        """The snapshot to serve from (blocking: call it off the event loop)."""
        if not self.enabled:
            return Snapshot(self.engine, read_version(self.engine), memo=False)
        current = self._current
        return current if current is not None else self.refresh()

    def latest(self) -> Snapshot | None:
        """The snapshot in service now, without touching the database (for the event loop)."""
        return self._current if self.enabled else None

    def refresh(self) -> Snapshot:
        """Check the data version now; build, warm and swap in a new snapshot if it changed."""
        with self._swap_lock:  # one build per version: concurrent refreshes wait for it
            version = read_version(self.engine)
            current = self._current
            if current is not None and current.version.key == version.key:
                return current
            with _readers_first():
                fresh = Snapshot(self.engine, version).warm()
                for warmer in self._warmers:
                    try:
                        warmer(fresh)
                    except Exception:  # built on first request instead; serving goes on
                        logger.exception("warming the new snapshot failed")
            self._current = fresh
        for listener in self._listeners:
            try:
                listener(fresh)
            except Exception:  # a listener's failure must not stop serving the new data
                logger.exception("snapshot listener failed")
        return fresh

    def _poll(self) -> None:
        while not self._stop.wait(self.version_check_s):
            try:
                self.refresh()
            except Exception:  # the database may be away for a moment; keep serving, retry
                logger.warning("data version check failed", exc_info=True)
