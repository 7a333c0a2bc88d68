"""Tiles and images for staff: XYZ PNG (and @2x), MVT, TileJSON, static report maps, /embed."""

from __future__ import annotations

import json
import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.db import queries
from api.dependencies import media_responses
from api.ogc.responses import conditional_response
from api.pages import UnknownYearError, map_view
from api.routers.maps import page_lang, page_view
from api.tiles import TileService, tile_name
from geo.attribution import BOUNDARY_ATTRIBUTION
from geo.definitions import Lang
from geo.i18n import t
from geo.indicators import ViewMode
from geo.static_map import country_map_png
from geo.tiles import LAYERS, TileError, tilejson

TILE_NAME = re.compile(r"^(?P<y>\d+)(?P<scale>@2x)?\.(?P<ext>png|mvt)$")
MAX_IMAGE_PX, MAX_DPI = 4000, 600  # A4 at 300 dpi is 3508 x 2480


def tile_year(year: Annotated[int | None, Query(ge=2000, le=2100)] = None) -> int | None:
    return year


def known_layer(layer: str) -> str:
    if layer not in LAYERS:
        raise HTTPException(404, f"unknown layer {layer!r}: use {', '.join(LAYERS)}")
    return layer


LangDep = Annotated[Lang, Depends(page_lang)]
YearDep = Annotated[int | None, Depends(tile_year)]


def build_router(service: TileService) -> APIRouter:
    router = APIRouter(tags=["tiles"])

    def checked_year(year: int | None, lang: Lang) -> str:
        """The view the tiles draw (latest known up to the year); 404 for a year without data."""
        try:
            # cached per data version; knows the years with data
            return service.source(year, lang).view.view_label()
        except UnknownYearError as error:
            raise HTTPException(404, str(error)) from error

    @router.get(
        "/tiles/{layer}.json",
        summary="TileJSON 3.0 of a layer",
        responses=media_responses("application/json"),
    )
    def tile_json(request: Request, layer: str, lang: LangDep, year: YearDep) -> Response:
        known_layer(layer)
        drawn = checked_year(year, lang)
        query = "&".join(f"{k}={v}" for k, v in (("year", year), ("lang", lang)) if v is not None)
        base = str(request.base_url).rstrip("/")
        name = f"{t('title', lang)}: {layer} — {drawn}"
        document = tilejson(layer, base, query, BOUNDARY_ATTRIBUTION, name)
        return conditional_response(request, _json(document), "application/json", modified=None)

    @router.get(
        "/tiles/{layer}/{z}/{x}/{name}",
        summary="XYZ tile: {y}.png, {y}@2x.png, {y}.mvt",
        responses=media_responses("image/png", "application/vnd.mapbox-vector-tile"),
    )
    async def tile(
        request: Request, layer: str, z: int, x: int, name: str, lang: LangDep, year: YearDep
    ) -> Response:
        known_layer(layer)
        match = TILE_NAME.match(name)
        if match is None:
            raise HTTPException(
                404, f"tile name {name!r}: use {{y}}.png, {{y}}@2x.png or {{y}}.mvt"
            )
        y, ext, scale = int(match["y"]), match["ext"], 2 if match["scale"] else 1
        media = "image/png" if ext == "png" else "application/vnd.mapbox-vector-tile"
        # Async so that a tile already in memory costs no thread hop; misses render in a thread.
        hit = service.lookup(tile_name(layer, z, x, y, ext, scale), year, lang)
        if hit is not None:
            return conditional_response(request, hit[0], media, modified=None, etag=hit[1])
        try:
            if ext == "mvt":
                body = await run_in_threadpool(service.mvt, layer, z, x, y, year, lang)
            else:
                body = await run_in_threadpool(service.png, layer, z, x, y, scale, year, lang)
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
        return conditional_response(request, body, media, modified=None)

    @router.get(
        "/maps/{layer}.png",
        summary="Static map image for reports",
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
        try:
            view = map_view(service.engine, lang, year, mode)
        except UnknownYearError as error:
            raise HTTPException(404, str(error)) from error
        shapes = queries.regions_frame(service.engine, "lite")
        body = country_map_png(view, shapes, width_px=width, height_px=height, dpi=dpi)
        return conditional_response(
            request,
            body,
            "image/png",
            modified=None,
            filename=f"kz-accessibility-{view.mode}-{view.year}-{lang}.png",
            inline=True,
        )

    return router


def _json(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()
