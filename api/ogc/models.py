"""The JSON documents of the OGC API, as published in /openapi.json and checked when built.

Documents are built as plain dicts (the bytes clients already read) and validated through these
models once per data version (api.ogc.router caches them), so a document that drifts from its
published schema fails loudly in the tests instead of reaching a client. OGC documents are open
for extension: models allow members they do not name.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# What a feature's property may hold: GeoJSON properties are flat in every collection here.
PropertyValue = str | int | float | bool | None


class Document(BaseModel):
    """An OGC API document: extensible, so unnamed members are allowed."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Link(Document):
    href: str
    rel: str
    type: str
    title: str


class LandingPage(Document):
    title: str
    description: str
    links: list[Link]


class ConformanceDeclaration(Document):
    conforms_to: list[str] = Field(alias="conformsTo")


class Definition(Document):
    """An indicator's unit and definition in the three languages."""

    unit: str
    kk: str
    ru: str
    en: str


class SpatialExtent(Document):
    bbox: list[Annotated[list[float], Field(min_length=4, max_length=6)]]
    crs: str


class TemporalExtent(Document):
    interval: list[Annotated[list[str | None], Field(min_length=2, max_length=2)]]


class Extent(Document):
    spatial: SpatialExtent
    temporal: TemporalExtent


class Licensed(Document):
    """What every document of data says of its licence."""

    licence: str
    licence_url: str
    attribution: str


class CollectionDocument(Licensed):
    id: str
    title: str
    description: str
    titles: dict[str, str] = Field(description="title in kk, ru and en")
    descriptions: dict[str, str] = Field(description="description in kk, ru and en")
    extent: Extent
    item_type: Literal["feature"] = Field(alias="itemType")
    crs: list[str]
    definitions: dict[str, Definition]
    sources: list[str]
    as_of: str = Field(description="the latest as-of or source date of the figures")
    links: list[Link]


class CollectionList(Document):
    links: list[Link]
    collections: list[CollectionDocument]


class Geometry(Document):
    """A GeoJSON geometry (RFC 7946); coordinates nest by type."""

    type: Literal["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]
    coordinates: list[Any]


class Feature(Document):
    type: Literal["Feature"]
    id: str
    geometry: Geometry | None
    properties: dict[str, PropertyValue] = Field(
        description="the collection's properties, typed by /collections/{id}/schema"
    )


class FeatureCollection(Licensed):
    """One page of a collection's items (GeoJSON with OGC paging members)."""

    type: Literal["FeatureCollection"]
    number_matched: int = Field(alias="numberMatched", ge=0)
    number_returned: int = Field(alias="numberReturned", ge=0)
    time_stamp: str = Field(alias="timeStamp", description="when the page was made (RFC 3339)")
    links: list[Link]
    definitions: dict[str, Definition]
    features: list[Feature]


class JsonSchemaDocument(Document):
    """A JSON Schema (2020-12): a collection's feature schema or its queryables."""

    schema_uri: str = Field(alias="$schema")
    id: str = Field(alias="$id")
    title: str
    type: Literal["object"]
    properties: dict[str, dict[str, Any]]
    required: list[str] | None = None
    additional_properties: bool | None = Field(default=None, alias="additionalProperties")


class DownloadedCollection(Licensed):
    """A complete collection as a GeoJSON download: the file explains itself."""

    type: Literal["FeatureCollection"]
    name: str = Field(description="the collection's id")
    as_of: str
    definitions: dict[str, Definition]
    sources: list[str]
    features: list[Feature]
