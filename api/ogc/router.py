"""OGC API - Features endpoints: landing, conformance, collections, items, item."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from api.dependencies import media_responses
from api.encoded import EncodedBody
from api.ogc.documents import (
    EXTENSIONS,
    as_of_label,
    base_url,
    collection_metadata,
    encode_file,
    link,
)
from api.ogc.errors import OGCError
from api.ogc.html import render_document, render_item, render_items
from api.ogc.media import GeoJSONResponse, SchemaJSONResponse
from api.ogc.models import (
    CollectionDocument,
    CollectionList,
    ConformanceDeclaration,
    Feature,
    FeatureCollection,
    JsonSchemaDocument,
    LandingPage,
)
from api.ogc.params import (
    MEDIA_TYPES,
    BBoxDep,
    DatetimeDep,
    FiltersDep,
    Format,
    FormatDep,
    LimitDep,
    OffsetDep,
    PropertiesDep,
    RegionsViewDep,
    ResolutionDep,
    RevisionDep,
)
from api.ogc.responses import (
    canonical_query,
    conditional_response,
    derived_validators,
    encoded_response,
)
from api.ogc.store import DEFAULT_REGIONS_VIEW, Collection, CollectionStore
from api.site import HTML_VARY, PageLangDep
from geo import features, schemas
from geo.definitions import Lang
from geo.formats import EncodedFeature, feature_json
from render.ogc_pages import DocumentKind, ItemsPage

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    # No oas30: FastAPI writes OpenAPI 3.1, for which OGC defines no conformance class yet.
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
]
TITLE = "accessmap-kz: accessibility of public buildings in Kazakhstan"


def _collection_or_404(collection_id: str) -> features.CollectionInfo:
    info = features.COLLECTIONS.get(collection_id)
    if info is None:
        known = ", ".join(features.COLLECTIONS)
        raise OGCError(404, "NotFound", f"unknown collection {collection_id!r}; known: {known}")
    return info


def _select(
    collection: Collection,
    bbox: tuple[float, float, float, float] | None,
    interval: Any,
    filters: Any,
) -> list[EncodedFeature]:
    chosen = collection.encoded
    if bbox is not None:
        minx, miny, maxx, maxy = bbox
        chosen = [
            f
            for f in chosen
            if f.bounds is not None
            and f.bounds[0] <= maxx
            and f.bounds[2] >= minx
            and f.bounds[1] <= maxy
            and f.bounds[3] >= miny
        ]
    if interval is not None and features.COLLECTIONS[collection.id].temporal_property:
        chosen = [
            f
            for f in chosen
            if interval.contains(
                features.partial_date(
                    f.properties.get("as_of"), f.properties.get("as_of_precision")
                )
            )
        ]
    for name in ("iso_code", "kind", "status", "year"):
        wanted = getattr(filters, name)
        if wanted is None:
            continue
        if name not in collection.frame.columns:
            raise OGCError(
                400,
                "InvalidParameterValue",
                f"collection {collection.id!r} has no property {name!r} to filter on",
            )
        chosen = [f for f in chosen if f.properties.get(name) == wanted]
    return chosen


def _items_json(
    request: Request,
    collection: Collection,
    page: list[EncodedFeature],
    matched: int,
    offset: int,
    limit: int,
    properties: list[str] | None,
) -> bytes:
    base = f"{base_url(request)}/ogc/collections/{collection.id}/items"
    query = {k: v for k, v in request.query_params.items() if k not in ("offset", "f")}
    links = [
        link(
            f"{base}?{urlencode({**query, 'offset': offset, 'f': 'json'})}",
            "self",
            "application/geo+json",
            "this page",
        ),
        link(
            f"{base}?{urlencode({**query, 'offset': offset, 'f': 'html'})}",
            "alternate",
            "text/html",
            "this page as HTML",
        ),
    ]
    if offset + limit < matched:
        links.append(
            link(
                f"{base}?{urlencode({**query, 'offset': offset + limit, 'f': 'json'})}",
                "next",
                "application/geo+json",
                "next page",
            )
        )
    if offset > 0:
        previous = max(0, offset - limit)
        links.append(
            link(
                f"{base}?{urlencode({**query, 'offset': previous, 'f': 'json'})}",
                "prev",
                "application/geo+json",
                "previous page",
            )
        )
    head = {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": len(page),
        "timeStamp": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "links": links,
        "definitions": features.definitions(collection.id),
        **features.licence(),
    }
    # The page's own members against the published model; its features were checked when the
    # collection was built (api.ogc.store).
    FeatureCollection.model_validate({**head, "features": []})
    members = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[1:-1]
    body = ",".join(feature_json(f, properties) for f in page)
    return f'{{{members},"features":[{body}]}}'.encode()


def build_router(store: CollectionStore) -> APIRouter:
    router = APIRouter(prefix="/ogc", tags=["OGC API - Features"])

    def document_body(
        request: Request, variant: str, model: type[BaseModel], build: Callable[[], bytes]
    ) -> bytes:
        """A document's bytes, built and checked against its published model once per data
        version (and base URL, path and variant), never per request."""
        key = ("ogc-document", str(request.base_url), request.url.path, variant, model.__name__)
        return store.snapshots.current().product(key, build, bounded=True)

    def respond(
        request: Request,
        fmt: Format,
        model: type[BaseModel],
        build: Callable[[], dict[str, Any]],
        kind: DocumentKind,
        lang: Lang,
    ) -> Response:
        if fmt not in ("json", "html"):
            raise OGCError(400, "InvalidParameterValue", f"f={fmt} is offered for items only")
        html = fmt == "html"
        validators = derived_validators(
            request,
            store.version(),
            store.modified(),
            variant=(fmt, lang) if html else (fmt,),
            vary=HTML_VARY if html else ("Accept",),
        )
        if validators.not_modified(request):
            return validators.not_modified_response()

        def encode() -> bytes:
            data = build()
            model.model_validate(data)
            if html:
                return render_document(request, kind, data, lang).encode()
            return json.dumps(data, ensure_ascii=False).encode()

        body = document_body(request, f"html-{lang}" if html else fmt, model, encode)
        media = MEDIA_TYPES["html"] if html else "application/json"
        return conditional_response(request, body, media, validators)

    @router.get(
        "",
        summary="Landing page",
        response_model=LandingPage,
        responses=media_responses("text/html"),
    )
    def landing(request: Request, fmt: FormatDep, lang: PageLangDep) -> Response:
        base = base_url(request)
        major, minor = request.app.openapi_version.split(".")[:2]
        openapi_version = f"{major}.{minor}"
        return respond(
            request,
            fmt,
            LandingPage,
            lambda: {
                "title": TITLE,
                "description": "Accessibility of public buildings by region, with sources and "
                "dates on every figure. " + features.licence()["attribution"],
                "links": [
                    link(f"{base}/ogc", "self", "application/json", "this document"),
                    link(
                        f"{base}/openapi.json",
                        "service-desc",
                        f"application/vnd.oai.openapi+json;version={openapi_version}",
                        "OpenAPI definition",
                    ),
                    link(f"{base}/docs", "service-doc", "text/html", "API documentation"),
                    link(
                        f"{base}/ogc/conformance", "conformance", "application/json", "conformance"
                    ),
                    link(f"{base}/ogc/collections", "data", "application/json", "collections"),
                ],
            },
            "landing",
            lang,
        )

    @router.get(
        "/conformance",
        summary="Conformance classes",
        response_model=ConformanceDeclaration,
        responses=media_responses("text/html"),
    )
    def conformance(request: Request, fmt: FormatDep, lang: PageLangDep) -> Response:
        return respond(
            request,
            fmt,
            ConformanceDeclaration,
            lambda: {"conformsTo": CONFORMANCE},
            "conformance",
            lang,
        )

    @router.get(
        "/collections",
        summary="Collections",
        response_model=CollectionList,
        responses=media_responses("text/html"),
    )
    def collections(request: Request, fmt: FormatDep, lang: PageLangDep) -> Response:
        base = base_url(request)

        def build() -> dict[str, Any]:
            return {
                "links": [
                    link(f"{base}/ogc/collections", "self", "application/json", "collections")
                ],
                "collections": [
                    collection_metadata(request, store.get(cid)) for cid in features.COLLECTIONS
                ],
            }

        return respond(request, fmt, CollectionList, build, "collections", lang)

    @router.get(
        "/collections/{collection_id}",
        summary="A collection's metadata",
        response_model=CollectionDocument,
        responses=media_responses("text/html"),
    )
    def collection(
        request: Request, collection_id: str, fmt: FormatDep, lang: PageLangDep
    ) -> Response:
        info = _collection_or_404(collection_id)
        return respond(
            request,
            fmt,
            CollectionDocument,
            lambda: collection_metadata(request, store.get(info.id)),
            "collection",
            lang,
        )

    def schema_response(request: Request, collection_id: str, kind: str) -> Response:
        info = _collection_or_404(collection_id)
        collection = store.get(info.id)
        validators = derived_validators(request, collection.version, collection.modified)
        if validators.not_modified(request):
            return validators.not_modified_response()
        url = f"{base_url(request)}/ogc/collections/{info.id}/{kind}"

        def encode() -> bytes:
            if kind == "schema":
                document = schemas.feature_schema(collection.frame, url, info.title["en"])
            else:
                document = schemas.queryables(
                    collection.frame, url, info.title["en"], info.geometry
                )
            JsonSchemaDocument.model_validate(document)
            return json.dumps(document, ensure_ascii=False).encode()

        body = document_body(request, kind, JsonSchemaDocument, encode)
        return conditional_response(request, body, schemas.SCHEMA_MEDIA_TYPE, validators)

    @router.get(
        "/collections/{collection_id}/schema",
        summary="JSON Schema of a collection's features",
        response_class=SchemaJSONResponse,
        response_model=JsonSchemaDocument,
    )
    def feature_schema(request: Request, collection_id: str) -> Response:
        return schema_response(request, collection_id, "schema")

    @router.get(
        "/collections/{collection_id}/queryables",
        summary="Queryables (OGC API - Features Part 3): the properties items filter on",
        response_class=SchemaJSONResponse,
        response_model=JsonSchemaDocument,
    )
    def queryables(request: Request, collection_id: str) -> Response:
        return schema_response(request, collection_id, "queryables")

    @router.get(
        "/collections/{collection_id}/items",
        summary="Features of a collection",
        response_class=GeoJSONResponse,
        response_model=FeatureCollection,
        responses=media_responses(
            "text/html",
            "text/csv",
            "application/geopackage+sqlite3",
            MEDIA_TYPES["xlsx"],
        ),
    )
    def items(
        request: Request,
        collection_id: str,
        fmt: FormatDep,
        limit: LimitDep,
        offset: OffsetDep,
        bbox: BBoxDep,
        interval: DatetimeDep,
        properties: PropertiesDep,
        resolution: ResolutionDep,
        filters: FiltersDep,
        revision: RevisionDep,
        view: RegionsViewDep,
        lang: PageLangDep,
    ) -> Response:
        info = _collection_or_404(collection_id)
        regions_view = DEFAULT_REGIONS_VIEW
        if info.id == "regions":
            # The map's view= and year=: the same states as /map and the tiles with that query.
            regions_view = (view or DEFAULT_REGIONS_VIEW[0], filters.year)
            filters = replace(filters, year=None)
        elif view is not None:
            raise OGCError(400, "InvalidParameterValue", "view applies to the regions collection")
        if revision is not None:
            if info.id not in ("regions", "accessibility"):
                raise OGCError(
                    400,
                    "InvalidParameterValue",
                    "revision applies to the regions and accessibility collections",
                )
            if revision > store.latest_revision():
                raise OGCError(404, "NotFound", f"no data revision {revision}; see /admin/history")
        collection = store.get(info.id, resolution, revision, view=regions_view)
        if properties is not None:
            unknown = sorted(set(properties) - set(collection.frame.columns))
            if unknown:
                raise OGCError(
                    400, "InvalidParameterValue", f"unknown properties: {', '.join(unknown)}"
                )
        matched = _select(collection, bbox, interval, filters)
        validators = derived_validators(
            request,
            collection.version,
            collection.modified,
            variant=(fmt, lang) if fmt == "html" else (fmt,),
            vary=HTML_VARY if fmt == "html" else ("Accept",),
        )
        if validators.not_modified(request):  # before encoding: a 304 costs no file
            return validators.not_modified_response()
        page = matched[offset : offset + limit]
        filename = f"kz-accessibility-{info.id}-{as_of_label(collection)}.{EXTENSIONS[fmt]}"
        if fmt == "json":
            snapshot = store.snapshots.current()

            def encode() -> EncodedBody:
                body = _items_json(
                    request, collection, page, len(matched), offset, limit, properties
                )
                return EncodedBody(body, MEDIA_TYPES["json"], version_key=snapshot.version.key)

            # One page of one collection is encoded, and each of its encodings compressed, once
            # per data version: a repeated request costs neither JSON nor gzip work.
            key = ("items", str(request.base_url), info.id, canonical_query(request))
            encoded = snapshot.product(key, encode, bounded=True)
            return encoded_response(request, encoded, validators, filename=filename, inline=True)
        if fmt == "html":
            rows = [{"id": f.id, **f.properties} for f in page]
            shown = ItemsPage(info.id, rows, len(matched), offset, limit)
            html = render_items(request, shown, lang)
            return conditional_response(request, html.encode(), MEDIA_TYPES["html"], validators)
        ids = [f.id for f in page]
        frame = collection.frame.set_index("id").loc[ids].reset_index()
        if properties is not None:
            frame = frame[["id", *properties, "geometry"]]
        meta = collection_metadata(request, collection)
        body = encode_file(frame, fmt, meta, collection.modified)
        return conditional_response(request, body, MEDIA_TYPES[fmt], validators, filename=filename)

    @router.get(
        "/collections/{collection_id}/items/{feature_id}",
        summary="One feature",
        response_class=GeoJSONResponse,
        response_model=Feature,
        responses=media_responses("text/html"),
    )
    def item(
        request: Request,
        collection_id: str,
        feature_id: str,
        fmt: FormatDep,
        resolution: ResolutionDep,
        lang: PageLangDep,
    ) -> Response:
        info = _collection_or_404(collection_id)
        collection = store.get(info.id, resolution)
        found = next((f for f in collection.encoded if f.id == feature_id), None)
        if found is None:
            raise OGCError(
                404, "NotFound", f"no feature {feature_id!r} in collection {collection_id!r}"
            )
        if fmt not in ("json", "html"):
            raise OGCError(
                400, "InvalidParameterValue", "single features are offered as json or html"
            )
        if fmt == "html":
            validators = derived_validators(
                request,
                collection.version,
                collection.modified,
                variant=(fmt, lang),
                vary=HTML_VARY,
            )
            row = {"id": found.id, **found.properties}
            html = render_item(request, info.id, row, lang)
            return conditional_response(request, html.encode(), MEDIA_TYPES["html"], validators)
        validators = derived_validators(
            request, collection.version, collection.modified, variant=(fmt,)
        )
        return conditional_response(request, found.json.encode(), MEDIA_TYPES["json"], validators)

    return router
