"""The interactive map's text labels: the data's standing and the ministry's marks, in one list.

The page script lays them out at every zoom and keeps them off each other and off the centre
icons (see `layoutLabels` in map_page.js.html). Where room runs out, a label shrinks to a small
mark or is hidden, so the order of this list decides which label keeps its room:

1. Smaller regions first. A small region has the fewest places for a label near it, and the
   outline of a big region still shows its standing whichever label gives way.
2. For one region carrying both, the ministry's mark first: it is drawn in every theme.
"""

from __future__ import annotations

from typing import Literal, TypedDict

import geopandas as gpd

from geo.boundaries import area_km2
from geo.mapview import MapView

LabelKind = Literal["ministry", "standing"]
_KIND_ORDER: tuple[LabelKind, ...] = ("ministry", "standing")


class MapLabel(TypedDict):
    iso: str
    kind: LabelKind
    standing: str  # "leader" or "laggard"
    lat: float
    lon: float
    text: str


def map_labels(page: MapView, shapes: gpd.GeoDataFrame) -> list[MapLabel]:
    """Every label of the page, placed inside its region, in the order labels claim room."""
    by_code = shapes.set_index("iso_code")
    points = by_code.geometry.representative_point()
    areas = dict(zip(by_code.index, area_km2(by_code), strict=True))

    def label(iso: str, kind: LabelKind, standing: str, text: str) -> MapLabel:
        point = points[iso]
        lat, lon = round(point.y, 4), round(point.x, 4)
        return MapLabel(iso=iso, kind=kind, standing=standing, lat=lat, lon=lon, text=text)

    labels = [
        label(
            mark.iso_code,
            "ministry",
            mark.standing,
            f"{page.region(mark.iso_code).name}\n{mark.label}",
        )
        for mark in page.ministry
    ]
    # The data's own ranking is by share: labelled in the share theme only.
    if page.theme == "share":
        labels += [
            label(
                view.iso_code, "standing", view.computed_standing, page.ranked_label(view.iso_code)
            )
            for view in page.regions
            if view.computed_standing is not None
        ]
    return sorted(labels, key=lambda item: (areas[item["iso"]], _KIND_ORDER.index(item["kind"])))
