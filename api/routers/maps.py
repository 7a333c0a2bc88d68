"""The planners' interactive map page: /map (and / leading there)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.encoded import answer
from api.ogc.responses import CACHE_CONTROL
from api.pages import UnknownYearError, snapshot_page
from api.snapshot import Snapshot, SnapshotStore
from geo.definitions import LANGS, Lang
from geo.i18n import negotiate_lang, parse_lang
from geo.indicators import VIEW_MODES, ViewMode
from geo.regions import RegionNotFound, get_region
from geo.render import DEFAULT_LAYERS, LAYERS, PageOptions
from geo.themes import DEFAULT_THEME, THEMES, Theme, parse_theme


def page_lang(
    lang: Annotated[str | None, Query(description="kk, ru or en")] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> Lang:
    if lang is None:
        return negotiate_lang(accept_language)
    parsed = parse_lang(lang)
    if parsed is None:
        raise HTTPException(400, f"unknown language {lang!r}: use kk, ru or en")
    return parsed


# The view a page shows when the URL names none.
DEFAULT_VIEW: ViewMode = "latest"


def page_year(
    year: Annotated[int | None, Query(ge=2000, le=2100, description="default: latest")] = None,
) -> int | None:
    return year


def page_view(
    view: Annotated[
        str,
        Query(description="latest: each region's latest known figure (default); year: strict"),
    ] = DEFAULT_VIEW,
) -> ViewMode:
    mode = next((mode for mode in VIEW_MODES if mode == view), None)
    if mode is None:
        raise HTTPException(400, f"unknown view {view!r}: use {', '.join(VIEW_MODES)}")
    return mode


def page_theme(
    theme: Annotated[str | None, Query(description=f"one of {', '.join(THEMES)}")] = None,
) -> Theme:
    parsed = parse_theme(theme)
    if parsed is None:
        raise HTTPException(400, f"unknown theme {theme!r}: use {', '.join(THEMES)}")
    return parsed


def page_layers(
    layers: Annotated[str | None, Query(description=f"comma list of {', '.join(LAYERS)}")] = None,
) -> tuple[str, ...]:
    if layers is None:
        return DEFAULT_LAYERS
    chosen = tuple(part for part in (p.strip() for p in layers.split(",")) if part)
    unknown = [part for part in chosen if part not in LAYERS]
    if "plan2023" in unknown:
        raise HTTPException(
            400, "unknown layer plan2023: the 2023 plan is a theme, use theme=plan2023"
        )
    if unknown:
        raise HTTPException(400, f"unknown layer(s) {', '.join(unknown)}: use {', '.join(LAYERS)}")
    # One spelling per choice ("rehab,regions,rehab" is "regions,rehab"): one cached page each.
    return tuple(layer for layer in LAYERS if layer in chosen)


def page_region(region: Annotated[str | None, Query(description="ISO code")] = None) -> str | None:
    if region is None or region == "":
        return None
    try:
        return str(get_region(region).iso_code)
    except RegionNotFound as error:
        raise HTTPException(400, str(error)) from error


@dataclass(frozen=True, slots=True)
class MapQuery:
    """The options of a map page, each parsed by its own dependency."""

    snapshots: SnapshotStore
    lang: Lang
    year: int | None
    mode: ViewMode
    theme: Theme
    layers: tuple[str, ...]
    region: str | None


def snapshot_store(request: Request) -> SnapshotStore:
    snapshots: SnapshotStore = request.app.state.snapshots
    return snapshots


def map_query(
    snapshots: Annotated[SnapshotStore, Depends(snapshot_store)],
    lang: Annotated[Lang, Depends(page_lang)],
    year: Annotated[int | None, Depends(page_year)],
    mode: Annotated[ViewMode, Depends(page_view)],
    theme: Annotated[Theme, Depends(page_theme)],
    layers: Annotated[tuple[str, ...], Depends(page_layers)],
    region: Annotated[str | None, Depends(page_region)],
) -> MapQuery:
    return MapQuery(snapshots, lang, year, mode, theme, layers, region)


def build_router(snapshots: SnapshotStore, basemap_url: str | None = None) -> APIRouter:
    router = APIRouter(tags=["map"])

    def warm(snapshot: Snapshot) -> None:
        """The map as most visitors first open it (/map?lang=…) in every language."""
        options = PageOptions(
            layers=DEFAULT_LAYERS, selected_region=None, basemap_url=basemap_url, embed=False
        )
        for lang in LANGS:
            snapshot_page(snapshot, lang, None, options, DEFAULT_VIEW, DEFAULT_THEME)

    snapshots.on_warm(warm)

    @router.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/map")

    def page(request: Request, query: MapQuery, *, embed: bool) -> Response:
        options = PageOptions(
            layers=query.layers, selected_region=query.region, basemap_url=basemap_url, embed=embed
        )
        snapshot = query.snapshots.current()
        try:
            encoded = snapshot_page(
                snapshot, query.lang, query.year, options, query.mode, query.theme
            )
        except UnknownYearError as error:
            raise HTTPException(404, str(error)) from error
        sent = answer(
            encoded,
            request.headers,
            cache_control=CACHE_CONTROL,
            vary=("Accept-Language",),
            extra=(("content-language", query.lang),),
        )
        return Response(sent.body, status_code=sent.status, headers=dict(sent.headers))

    @router.get("/map", response_class=HTMLResponse, summary="Interactive accessibility map")
    def map_page(request: Request, query: Annotated[MapQuery, Depends(map_query)]) -> Response:
        return page(request, query, embed=False)

    @router.get("/embed", response_class=HTMLResponse, summary="Chrome-less map for an iframe")
    def embed_page(request: Request, query: Annotated[MapQuery, Depends(map_query)]) -> Response:
        return page(request, query, embed=True)

    return router
