"""The planners' interactive map page: /map (and / leading there)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from api.encoded import answer
from api.ogc.responses import CACHE_CONTROL
from api.pages import UnknownYearError, snapshot_page
from api.query_options import DEFAULT_VIEW, MapQuery, map_query
from api.snapshot import Snapshot, SnapshotStore
from geo.i18n import DEFAULT_LANG
from geo.themes import DEFAULT_THEME
from render.page import DEFAULT_LAYERS, PageOptions


def build_router(snapshots: SnapshotStore, basemap_url: str | None = None) -> APIRouter:
    router = APIRouter(tags=["map"])

    def warm(snapshot: Snapshot) -> None:
        """The map as most visitors first open it: /map in the default language (what a browser
        without a Kazakh or English preference gets). Every data version pays this before it
        serves, so the other languages are built on their first request instead (a build from
        the snapshot's frames, well under the 2 s budget; benchmarks/load_uploads.py times it)."""
        options = PageOptions(
            layers=DEFAULT_LAYERS, selected_region=None, basemap_url=basemap_url, embed=False
        )
        snapshot_page(snapshot, DEFAULT_LANG, None, options, DEFAULT_VIEW, DEFAULT_THEME)

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
