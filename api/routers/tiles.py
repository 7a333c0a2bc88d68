"""Tiles and images for staff: XYZ PNG (and @2x), MVT, TileJSON, static report maps, /embed."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.dependencies import media_responses
from api.models.tiles import MapLibreStyle, RasterTileJSON, VectorTileJSON
from api.ogc.responses import conditional_response, derived_validators
from api.pages import UnknownYearError, snapshot_view
from api.query_options import page_lang, page_view, page_year, pinned_version
from api.tiles import MAX_ZOOM, TILE_NAME, TileService, tile_address, tile_answer
from geo.attribution import BOUNDARY_ATTRIBUTION
from geo.definitions import Lang
from geo.i18n import t
from geo.indicators import ViewMode
from render.mapstyle import maplibre_style
from render.static_map import country_map_png
from render.tiles import LAYERS, TileError, TileView, tilejson

# The language may come from Accept-Language when ?lang= is absent: those bodies vary by it.
BY_LANGUAGE = ("Accept-Language",)
# Bounded so that one request cannot cost seconds of CPU: A4 at 300 dpi is 3508 x 2480.
MAX_IMAGE_PX, MAX_DPI, MAX_IMAGE_PIXELS = 4000, 300, 12_000_000


def known_layer(layer: str) -> str:
    if layer not in LAYERS:
        raise HTTPException(404, f"unknown layer {layer!r}: use {', '.join(LAYERS)}")
    return layer


LangDep = Annotated[Lang, Depends(page_lang)]
YearDep = Annotated[int | None, Depends(page_year)]
# The page's own `view=` (latest known or strict year): tiles draw the view the page shows.
ViewDep = Annotated[ViewMode, Depends(page_view)]


def build_router(service: TileService) -> APIRouter:
    router = APIRouter(tags=["tiles"])

    def tile_view(
        request: Request, layer: str, lang: Lang, year: int | None, mode: ViewMode
    ) -> TileView:
        known_layer(layer)
        snapshot = service.snapshots.current()
        try:
            # The view the tiles draw (its mode and year): named and pinned in URLs.
            view = service.source(year, mode, lang, snapshot).view
        except UnknownYearError as error:
            raise HTTPException(404, str(error)) from error
        base = str(request.base_url).rstrip("/")
        name = f"{t('title', lang)}: {layer} — {view.view_label()}"
        return TileView(
            layer,
            view.year,
            view.mode,
            lang,
            base,
            name,
            view.view_label(),
            BOUNDARY_ATTRIBUTION,
            snapshot.version.key,
        )

    def json_document(request: Request, document: object, lang: Lang) -> Response:
        snapshot = service.snapshots.current()
        validators = derived_validators(
            request, snapshot.version.key, snapshot.modified, variant=(lang,), vary=BY_LANGUAGE
        )
        return conditional_response(request, _json(document), "application/json", validators)

    # Before /tiles/{layer}.json, which would otherwise take "style" for a layer.
    @router.get(
        "/tiles/style.json",
        summary="MapLibre style drawing the choropleth and centres from the vector tiles",
        response_model=MapLibreStyle,
    )
    def style(request: Request, lang: LangDep, year: YearDep, mode: ViewDep) -> Response:
        views = {layer: tile_view(request, layer, lang, year, mode) for layer in LAYERS}
        urls = {
            layer: f"{view.base_url}/tiles/{layer}.json?{view.query}"
            for layer, view in views.items()
        }
        first = views[LAYERS[0]]
        document = maplibre_style(urls, f"{t('title', lang)} — {first.label}", first.year)
        document["metadata"]["accessmap:view"] = first.mode
        return json_document(request, document, lang)

    @router.get(
        "/tiles/{layer}.json",
        summary="TileJSON 3.0 of a layer's vector tiles (MVT)",
        response_model=VectorTileJSON,
    )
    def tile_json(
        request: Request, layer: str, lang: LangDep, year: YearDep, mode: ViewDep
    ) -> Response:
        return json_document(
            request, tilejson(tile_view(request, layer, lang, year, mode), "vector"), lang
        )

    @router.get(
        "/tiles/raster/{layer}.json",
        summary="TileJSON 3.0 of a layer's raster tiles (PNG)",
        response_model=RasterTileJSON,
    )
    def raster_json(
        request: Request, layer: str, lang: LangDep, year: YearDep, mode: ViewDep
    ) -> Response:
        return json_document(
            request, tilejson(tile_view(request, layer, lang, year, mode), "raster"), lang
        )

    @router.get(
        "/tiles/{layer}/{z}/{x}/{name}",
        summary="XYZ tile: {y}.png, {y}@2x.png, {y}.mvt",
        response_class=Response,
        responses=media_responses("image/png", "application/vnd.mapbox-vector-tile"),
    )
    async def tile(
        request: Request,
        layer: str,
        z: str,
        x: str,
        name: str,
        lang: LangDep,
        year: YearDep,
        mode: ViewDep,
        pinned: Annotated[str | None, Depends(pinned_version)],
    ) -> Response:
        known_layer(layer)
        address = tile_address(layer, z, x, name)
        if address is None and TILE_NAME.match(name) is None:
            raise HTTPException(
                404, f"tile name {name[:24]!r}: use {{y}}.png, {{y}}@2x.png or {{y}}.mvt"
            )
        if address is None:
            raise HTTPException(
                400,
                f"tile {z[:8]}/{x[:12]}/{name[:16]}: z, x and y are whole numbers, z to {MAX_ZOOM}",
            )
        # Async so that a tile already in memory costs no thread hop; misses render in a thread.
        encoded = service.cached(address, year, mode, lang)
        if encoded is None:
            try:
                encoded = await run_in_threadpool(service.tile, address, year, mode, lang)
            except TileError as error:
                raise HTTPException(400, str(error)) from error
            except UnknownYearError as error:
                raise HTTPException(404, str(error)) from error
            except RuntimeError as error:  # Mapnik reports failures as RuntimeError
                raise HTTPException(
                    503,
                    f"the tile could not be rendered now ({error}); retry",
                    headers={"Retry-After": "1"},
                ) from error
        sent = tile_answer(encoded, request.headers, head=request.method == "HEAD", pinned=pinned)
        return Response(sent.body, status_code=sent.status, headers=dict(sent.headers))

    @router.get(
        "/maps/{layer}.png",
        summary="Static map image for reports",
        response_class=Response,
        responses=media_responses("image/png"),
    )
    def static_map(
        request: Request,
        layer: str,
        lang: LangDep,
        year: YearDep,
        mode: Annotated[ViewMode, Depends(page_view)],
        width: Annotated[int, Query(ge=200, le=MAX_IMAGE_PX)] = 1600,
        height: Annotated[int, Query(ge=150, le=MAX_IMAGE_PX)] = 1000,
        dpi: Annotated[int, Query(ge=50, le=MAX_DPI)] = 150,
    ) -> Response:
        if layer != "accessibility":
            raise HTTPException(404, f"unknown map {layer!r}: use accessibility")
        if width * height > MAX_IMAGE_PIXELS:
            raise HTTPException(
                400,
                f"width × height is {width * height:,} pixels; at most {MAX_IMAGE_PIXELS:,} "
                "(A4 at 300 dpi is 3508 × 2480)",
            )
        snapshot = service.snapshots.current()
        validators = derived_validators(
            request, snapshot.version.key, snapshot.modified, variant=(lang,), vary=BY_LANGUAGE
        )
        if validators.not_modified(request):
            return validators.not_modified_response()
        try:
            view = snapshot_view(snapshot, lang, year, mode)
        except UnknownYearError as error:
            raise HTTPException(404, str(error)) from error

        def draw() -> bytes:
            shapes = snapshot.regions("lite")
            return country_map_png(view, shapes, width_px=width, height_px=height, dpi=dpi)

        # Drawn once per data version and size: a repeated request costs no CPU.
        key = ("static-map", lang, year, mode, width, height, dpi)
        body = snapshot.product(key, draw, bounded=True)
        return conditional_response(
            request,
            body,
            "image/png",
            validators,
            filename=f"kz-accessibility-{view.mode}-{view.year}-{lang}.png",
            inline=True,
        )

    return router


def _json(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()
