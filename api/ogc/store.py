"""Collections built once per data version from the shared snapshot and kept encoded in memory.

The data are small (tens of features), so filtering and paging in memory serves both backends
identically and fast; a new data version builds fresh collections, never stale ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import geopandas as gpd

from api.db import queries
from api.ogc.models import Feature
from api.snapshot import Snapshot, SnapshotStore
from geo import features
from geo.formats import EncodedFeature, encode_features
from geo.indicators import ViewMode

RESOLUTIONS = {"web": "web", "full": "full"}
RegionsView = tuple[ViewMode, int | None]
DEFAULT_REGIONS_VIEW: RegionsView = ("latest", None)


@dataclass(frozen=True, slots=True)
class Collection:
    id: str
    frame: gpd.GeoDataFrame
    encoded: list[EncodedFeature]
    version: str  # the data version key: restore-safe, what validators derive from
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
    """The OGC collections of the current data snapshot (api.snapshot), built once per version."""

    def __init__(self, snapshots: SnapshotStore) -> None:
        self.snapshots = snapshots
        snapshots.on_warm(self.warm)

    def warm(self, snapshot: Snapshot) -> None:
        """The collections as first asked (web resolution, data in force)."""
        for collection_id in features.COLLECTIONS:
            self.get(collection_id, snapshot=snapshot)

    def version(self) -> str:
        """The data version key (restore-safe): what validators and file names derive from."""
        return self.snapshots.current().version.key

    def latest_revision(self) -> int:
        return self.snapshots.current().version.revision

    def modified(self) -> datetime | None:
        return self.snapshots.current().modified

    def get(
        self,
        collection_id: str,
        resolution: str = "web",
        revision: int | None = None,
        *,
        view: RegionsView = DEFAULT_REGIONS_VIEW,
        snapshot: Snapshot | None = None,
    ) -> Collection:
        """The collection in force, or as it stood at data revision `revision`; the regions in
        the map's `view` (mode, year)."""
        snapshot = snapshot or self.snapshots.current()
        if collection_id != "regions":
            view = DEFAULT_REGIONS_VIEW

        def build() -> Collection:
            frame = _build(snapshot, collection_id, resolution, revision, view)
            encoded = encode_features(frame)
            # Every feature against the published model, once per data version: pages are
            # joined from these strings without another look.
            for feature in encoded:
                Feature.model_validate_json(feature.json)
            return Collection(
                collection_id, frame, encoded, snapshot.version.key, snapshot.modified
            )

        key = ("collection", collection_id, resolution, revision, view)
        # Past revisions and other views are asked for rarely: kept among the bounded products.
        rare = revision is not None or view != DEFAULT_REGIONS_VIEW
        return snapshot.product(key, build, bounded=rare)


def _build(
    snapshot: Snapshot,
    collection_id: str,
    resolution: str,
    revision: int | None,
    view: RegionsView,
) -> gpd.GeoDataFrame:
    if collection_id in features.CENTRE_KIND:
        return features.centres_collection(snapshot.centres(), collection_id)
    observations = (
        snapshot.observations()
        if revision is None
        else queries.observations_frame(snapshot.engine, revision)
    )
    if collection_id == "regions":
        mode, year = view
        regions = snapshot.regions(RESOLUTIONS[resolution])
        return features.regions_collection(regions, observations, year, mode)
    # A point has no resolution: every output places a row at the same point, taken
    # inside the full boundary (the web outline once moved points by up to 7 km).
    return features.accessibility_collection(snapshot.regions("full"), observations)
