"""TileJSON 3.0.0 and MapLibre style documents, as /openapi.json publishes them.

Both specifications allow members beyond those they name, and so do these models. The style's
layers are described at the level MapLibre checks first (id, type, source); their paint and
layout properties are expressions, left as JSON.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from geo.definitions import Lang

Zoom = Annotated[int, Field(ge=0, le=30)]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class VectorLayer(Open):
    id: str = Field(description="the layer name inside each MVT tile")
    fields: dict[str, Literal["String", "Number", "Boolean"]]
    minzoom: Zoom
    maxzoom: Zoom


class TileJSON(Open):
    tilejson: Literal["3.0.0"]
    name: str
    description: str
    attribution: str
    scheme: Literal["xyz", "tms"]
    tiles: list[str] = Field(min_length=1, description="URL templates with {z}, {x}, {y}")
    minzoom: Zoom
    maxzoom: Zoom
    bounds: Annotated[list[float], Field(min_length=4, max_length=4)]
    center: Annotated[list[float], Field(min_length=3, max_length=3)]
    year: int = Field(description="the year whose figures the tiles draw")
    lang: Lang = Field(description="the language of names in the tiles")


class VectorTileJSON(TileJSON):
    """TileJSON of the vector (MVT) tiles: each layer with its typed fields."""

    vector_layers: list[VectorLayer] = Field(min_length=1)


class RasterTileJSON(TileJSON):
    """TileJSON of the raster (PNG) tiles."""


class StyleSource(Open):
    type: Literal["vector", "raster", "raster-dem", "geojson", "image", "video"]
    url: str | None = None
    promote_id: str | dict[str, str] | None = Field(default=None, alias="promoteId")


class StyleLayer(Open):
    id: str
    type: Literal[
        "background",
        "fill",
        "line",
        "symbol",
        "raster",
        "circle",
        "fill-extrusion",
        "heatmap",
        "hillshade",
    ]
    source: str | None = None
    source_layer: str | None = Field(default=None, alias="source-layer")
    filter: list[Any] | None = None
    paint: dict[str, Any] | None = None
    layout: dict[str, Any] | None = None


class MapLibreStyle(Open):
    """A MapLibre style (version 8) drawing the vector tiles."""

    version: Literal[8]
    name: str
    metadata: dict[str, Any]
    sources: dict[str, StyleSource]
    layers: list[StyleLayer]
