"""Place centres on the map from their settlement, honestly marked as approximate."""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from pyproj import Geod

from geo.gazetteer import locate_settlement
from geo.sources import Centre

GEOD = Geod(ellps="WGS84")
# ~5 km (0.05°): a gazetteer point of a border town may sit just across a boundary line.
REGION_SLACK_DEG = 0.05


@dataclass(frozen=True, slots=True)
class Placement:
    point: shapely.Point | None
    precision: str  # "settlement" (approximate: the settlement's point) or "none"
    source: str | None  # gazetteer and matched name, or why the match was rejected


def place_centre(centre: Centre, region_shape: shapely.Geometry) -> Placement:
    """Settlement coordinates from the gazetteer, kept only if they fall in the centre's region."""
    location = locate_settlement(centre.settlement)
    if location is None:
        return Placement(None, "none", None)
    point = shapely.Point(location.lon, location.lat)
    if not shapely.dwithin(region_shape, point, REGION_SLACK_DEG):
        reason = f"{location.gazetteer}: '{location.matched_name}' lies outside {centre.iso_code}"
        return Placement(None, "none", f"{reason}; not placed")
    matched = f"{location.matched_name} (geonameid {location.geonameid})"
    return Placement(point, "settlement", f"{location.gazetteer}: {matched}")


def administrative_centres() -> dict[str, shapely.Point | None]:
    """Each region's administrative centre from the gazetteer (None if it is not found)."""
    from geo.regions import REGIONS

    points: dict[str, shapely.Point | None] = {}
    for region in REGIONS:
        # "Oral (Uralsk)" -> "Oral": the gazetteer knows the first name.
        location = locate_settlement(region.centre_en.split(" (")[0])
        points[region.iso_code] = (
            None if location is None else shapely.Point(location.lon, location.lat)
        )
    return points


def nearest_km(origin: shapely.Point, targets: list[shapely.Point]) -> float | None:
    """Geodesic distance (WGS84 ellipsoid) from `origin` to the nearest target, in km."""
    if not targets:
        return None
    count = len(targets)
    _, _, metres = GEOD.inv(
        [origin.x] * count, [origin.y] * count, [t.x for t in targets], [t.y for t in targets]
    )
    return round(float(min(metres)) / 1000, 1)
