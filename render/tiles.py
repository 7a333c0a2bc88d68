"""Raster (Mapnik) and vector (MVT) tiles of the choropleth and the centres.

The raster style is generated from geo.classify, the same definition the interactive map uses:
each feature carries its class colour and its computed standing, and the Mapnik style only says
how to draw those. Tiles follow the WebMercatorQuad matrix set (morecantile).
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mapbox_vector_tile
import mapnik
import morecantile
import numpy as np
import shapely
from PIL import Image, ImageDraw
from pyproj import Transformer

from geo import classify, themes
from geo.definitions import KAZAKHSTAN_BOUNDS
from geo.indicators import RegionYear, ViewMode
from geo.mapview import MapView
from geo.vocabulary import centre_colour

TMS = morecantile.tms.get("WebMercatorQuad")
TO_MERCATOR = Transformer.from_crs(4326, 3857, always_xy=True)
TILE_SIZE = 256
MAX_ZOOM = 12
LAYERS = ("accessibility", "centres")
MVT_EXTENT = 4096
FIELDS = {
    "accessibility": {
        "iso_code": "String",
        "name": "String",
        "fill": "String",
        "status": "String",
        "share": "Number",
        "standing": "String",
        "ministry": "String",
        "as_of": "String",
        "as_of_quality": "String",
        # the non-colour cue of the state (geo.themes.region_cue): "hatch" for no data, "dots"
        # for a count without a share; absent for a region with a share
        "cue": "String",
        # which view the tile draws: the same URL parameters as the page (view=, year=)
        "view": "String",
        "year": "Number",
    },
    "centres": {
        "kind": "String",
        "name": "String",
        "status": "String",
        "approximate": "Boolean",
        "colour": "String",
    },
}


class TileError(ValueError):
    """A tile address or layer that does not exist."""


def check_tile(z: int, x: int, y: int) -> morecantile.Tile:
    if not 0 <= z <= MAX_ZOOM:
        raise TileError(f"zoom {z} is outside 0-{MAX_ZOOM}")
    limit = 2**z
    if not (0 <= x < limit and 0 <= y < limit):
        raise TileError(f"tile {z}/{x}/{y} does not exist: x and y run from 0 to {limit - 1}")
    return morecantile.Tile(x=x, y=y, z=z)


def features(view: MapView, shapes: Any) -> dict[str, Any]:
    """The data a tile draws: per region its class colour, status, share and standing."""
    geometry = shapes.set_index("iso_code").geometry
    items = []
    for region in view.regions:
        share = region.figures.share
        items.append(
            {
                "type": "Feature",
                "geometry": shapely.geometry.mapping(geometry[region.iso_code]),
                "properties": {
                    "layer": "accessibility",
                    "iso_code": region.iso_code,
                    "name": region.name,
                    "fill": region.fill,
                    "status": region.figures.status,
                    "share": None if share is None else share.value,
                    "standing": region.computed_standing or "",
                    # the ministry's own naming (leader/laggard), drawn as a dotted outline
                    "ministry": getattr(view.ministry_mark(region.iso_code), "standing", ""),
                    "as_of": region.figures.as_of or "",
                    # exact / month / year / inferred / undated: partial dates must say so
                    "as_of_quality": _quality(region.figures),
                    "cue": themes.region_cue(view.theme, region.figures, region.plan_2023),
                    "view": view.mode,
                    "year": view.year,
                },
            }
        )
    for centre in view.centres:
        if centre.lon is None or centre.lat is None:
            continue
        items.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [centre.lon, centre.lat]},
                "properties": {
                    "layer": "centres",
                    "kind": centre.kind,
                    "name": centre.name,
                    "status": centre.status,
                    "approximate": centre.approximate,
                    "colour": centre_colour(centre.kind),
                },
            }
        )
    return {"type": "FeatureCollection", "features": items}


def _quality(figures: RegionYear) -> str:
    figure = figures.share or figures.adapted or figures.registered
    return "" if figure is None else figure.as_of_quality


# The raster tiles' cues, as the page and the report image draw them (render/static_map.py):
# hatching for no data, dots for a count without a share, so the two differ without colour.
CUE_INK = "#4d4d4d"
CUE_PERIOD = 8  # pixels at scale 1; divides the tile size, so patterns meet across tile edges


def pattern_image(cue: str, scale: int) -> Image.Image:
    """One period of a cue's pattern on a transparent ground (drawn at `scale` for @2x tiles)."""
    size = CUE_PERIOD * scale
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if cue == "hatch":  # "/" lines, continuous from one period to the next
        for offset in (0, size):
            draw.line([(offset - size, size - 1), (offset, -1)], fill=CUE_INK, width=scale)
    elif cue == "dots":
        half = size // 2
        draw.rectangle([half - scale, half - scale, half, half], fill=CUE_INK)
    else:
        raise TileError(f"unknown cue {cue!r}")
    return image


def write_patterns(directory: Path, scale: int) -> dict[str, Path]:
    """The cue pattern files Mapnik reads, written atomically once per directory and scale."""
    paths = {}
    for cue in ("hatch", "dots"):
        path = directory / f"cue-{cue}@{scale}x.png"
        if not path.exists():
            directory.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
            pattern_image(cue, scale).save(partial, format="PNG")
            partial.replace(path)
        paths[cue] = path
    return paths


def mapnik_style(
    layer: str, data_file: Path, scale: float = 1.0, patterns: dict[str, Path] | None = None
) -> str:
    """Mapnik XML for one layer, reading the features GeoJSON written for this data version;
    `patterns` (cue -> PNG file) draw the non-colour cues over the fill."""
    if layer not in LAYERS:
        raise TileError(f"unknown layer {layer!r}: use {', '.join(LAYERS)}")
    datasource = (
        f'<Datasource><Parameter name="type">geojson</Parameter>'
        f'<Parameter name="file">{data_file}</Parameter></Datasource>'
    )
    width = 0.6 * scale
    outline = 3.0 * scale
    dash = ",".join(str(float(n) * scale) for n in classify.LAGGARD_DASH.split())
    if layer == "accessibility":
        rules = (
            f"<Rule><Filter>[layer] = 'accessibility'</Filter><PolygonSymbolizer fill=\"[fill]\" "
            f'fill-opacity="1"/><LineSymbolizer stroke="{classify.BORDER_COLOUR}" '
            f'stroke-width="{width}"/></Rule>'
            + "".join(
                f"<Rule><Filter>[cue] = '{cue}'</Filter>"
                f'<PolygonPatternSymbolizer file="{path}" alignment="global"/></Rule>'
                for cue, path in (patterns or {}).items()
            )
            + f"<Rule><Filter>[standing] = 'leader'</Filter><LineSymbolizer "
            f'stroke="{classify.LEADER_OUTLINE}" stroke-width="{outline}"/></Rule>'
            f"<Rule><Filter>[standing] = 'laggard'</Filter><LineSymbolizer "
            f'stroke="{classify.LAGGARD_OUTLINE}" stroke-width="{outline}" '
            f'stroke-dasharray="{dash}"/></Rule>'
            f"<Rule><Filter>[ministry] != ''</Filter><LineSymbolizer stroke=\"#000000\" "
            f'stroke-width="{outline}" stroke-linecap="round" '
            f'stroke-dasharray="{0.1 * scale},{7 * scale}"/></Rule>'
        )
    else:
        size = 9 * scale
        rules = (
            f"<Rule><Filter>[layer] = 'centres'</Filter><MarkersSymbolizer fill=\"[colour]\" "
            f'width="{size}" height="{size}" stroke="#ffffff" stroke-width="{scale}" '
            f'allow-overlap="true"/></Rule>'
        )
    return (
        '<Map srs="epsg:3857" background-color="transparent">'
        f'<Style name="{layer}">{rules}</Style>'
        f'<Layer name="{layer}" srs="epsg:4326"><StyleName>{layer}</StyleName>'
        f"{datasource}</Layer></Map>"
    )


@dataclass
class RasterRenderer:
    """A loaded Mapnik map for one layer and scale; render() is not thread-safe, lock around it."""

    layer: str
    data_file: Path
    scale: int = 1

    def __post_init__(self) -> None:
        size = TILE_SIZE * self.scale
        self.map = mapnik.Map(size, size)
        patterns = write_patterns(self.data_file.parent, self.scale)
        style = mapnik_style(self.layer, self.data_file, self.scale, patterns)
        mapnik.load_map_from_string(self.map, style)

    def render(self, tile: morecantile.Tile) -> bytes:
        bounds = TMS.xy_bounds(tile)
        self.map.zoom_to_box(mapnik.Box2d(bounds.left, bounds.bottom, bounds.right, bounds.top))
        image = mapnik.Image(self.map.width, self.map.height)
        mapnik.render(self.map, image)
        data: bytes = image.to_string("png")
        return data


def _to_tile_pixels(tile: morecantile.Tile) -> Any:
    """A coordinate function for shapely.transform: lon/lat -> the tile's pixel grid."""
    bounds = TMS.xy_bounds(tile)
    width = bounds.right - bounds.left

    def project(coordinates: np.ndarray) -> np.ndarray:
        x, y = TO_MERCATOR.transform(coordinates[:, 0], coordinates[:, 1])
        return np.column_stack(
            [(x - bounds.left) / width * MVT_EXTENT, (y - bounds.bottom) / width * MVT_EXTENT]
        )

    return project


def feature_id(properties: dict[str, Any], layer: str) -> int | None:
    """The MVT feature id (an unsigned integer) of a region: the number of its ISO 3166-2 code
    (KZ-43 -> 43, unique among the regions); MapLibre's feature-state can also key on the code
    itself with promoteId: "iso_code". Centres carry no id."""
    if layer != "accessibility":
        return None
    return int(str(properties["iso_code"]).split("-")[1])


def mvt_properties(properties: dict[str, Any], layer: str) -> dict[str, Any]:
    """The declared attributes only; a missing value is left out (MVT has no null), never ""."""
    return {
        name: properties[name]
        for name in FIELDS[layer]
        if properties.get(name) is not None and properties.get(name) != ""
    }


def mvt_tile(data: dict[str, Any], layer: str, tile: morecantile.Tile) -> bytes:
    """Encode one layer's features in a tile with mapbox-vector-tile (for SpatiaLite)."""
    if layer not in LAYERS:
        raise TileError(f"unknown layer {layer!r}: use {', '.join(LAYERS)}")
    west, south, east, north = TMS.bounds(tile)
    buffer = (east - west) * 64 / MVT_EXTENT
    clip = shapely.box(west - buffer, south - buffer, east + buffer, north + buffer)
    project = _to_tile_pixels(tile)
    encoded = []
    for feature in data["features"]:
        if feature["properties"]["layer"] != layer:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        if not shape.intersects(clip):
            continue
        clipped = shape.intersection(clip) if layer == "accessibility" else shape
        item: dict[str, Any] = {
            "geometry": shapely.transform(clipped, project),
            "properties": mvt_properties(feature["properties"], layer),
        }
        identifier = feature_id(feature["properties"], layer)
        if identifier is not None:
            item["id"] = identifier
        encoded.append(item)
    return bytes(
        mapbox_vector_tile.encode(
            [{"name": layer, "features": encoded}],
            default_options={"extents": MVT_EXTENT, "y_coord_down": False},
        )
    )


@dataclass(frozen=True, slots=True)
class TileView:
    """What a tile set draws: the layer, the view (mode and year) and language, where it is
    served."""

    layer: str
    year: int
    mode: ViewMode
    lang: str
    base_url: str
    name: str
    label: str  # the view as the page titles it ("latest known up to 2025")
    attribution: str
    # The data version the tiles were made from: URLs that carry it never change content, so
    # caches and CDNs may keep them for good (served `immutable`).
    version: str | None = None

    @property
    def query(self) -> str:
        pinned = f"&v={self.version}" if self.version else ""
        # The page's own parameters, both pinned: a tile URL never drifts to another view.
        return f"view={self.mode}&year={self.year}&lang={self.lang}{pinned}"

    def template(self, ext: str) -> str:
        return f"{self.base_url}/tiles/{self.layer}/{{z}}/{{x}}/{{y}}.{ext}?{self.query}"


def tilejson(view: TileView, kind: str) -> dict[str, Any]:
    """TileJSON 3.0.0: `vector` lists the MVT template and its layer's fields with their types;
    `raster` the PNG template. Both name the view, year and language their tiles draw."""
    west, south, east, north = KAZAKHSTAN_BOUNDS
    document: dict[str, Any] = {
        "tilejson": "3.0.0",
        "name": f"{view.name} ({view.year})",
        "description": f"{view.layer}: {view.label} (view={view.mode}, year={view.year}), "
        f"labels in {view.lang}; the tile URLs are pinned to this view and year.",
        "attribution": view.attribution,
        "scheme": "xyz",
        "tiles": [view.template("mvt" if kind == "vector" else "png")],
        "minzoom": 0,
        "maxzoom": MAX_ZOOM,
        "bounds": [west, south, east, north],
        "center": [67.5, 48.2, 4],
        "view": view.mode,
        "year": view.year,
        "lang": view.lang,
    }
    if kind == "vector":
        document["vector_layers"] = [
            {"id": view.layer, "fields": FIELDS[view.layer], "minzoom": 0, "maxzoom": MAX_ZOOM}
        ]
    return document


def write_features(data: dict[str, Any], path: Path) -> Path:
    """Write atomically: a renderer that has the previous file mapped keeps reading it whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)
    return path
