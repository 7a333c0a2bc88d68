"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError

from api.auth import FailureLimiter
from api.db.setup import prepare_database
from api.http_middleware import Compression, HeadAsGet, VaryHeader
from api.ogc import downloads, errors
from api.ogc import router as ogc_router
from api.ogc.store import CollectionStore
from api.pages import STATIC_DIR
from api.routers import admin, docs, maps, meta, stats
from api.routers import tiles as tile_routes
from api.security import SecurityHeaders
from api.settings import Settings, get_settings
from api.snapshot import SnapshotStore
from api.tile_fastpath import CachedTiles
from api.tiles import TileService
from geo.attribution import BOUNDARY_ATTRIBUTION
from render.templating import use_templates_dir

logger = logging.getLogger("accessmap")


async def database_busy(_request: Request, error: Exception) -> JSONResponse:
    """A write that could not get the database in time (SpatiaLite's lock held past the busy
    timeout, or PostgreSQL unreachable) is a temporary condition: 503 and when to retry, not 500."""
    logger.warning("database unavailable: %s", error)
    return JSONResponse(
        status_code=503,
        content={
            "code": "DatabaseBusy",
            "description": "the database is busy or unavailable; nothing was written; retry",
        },
        headers={"Retry-After": "2"},
    )


CORS_REQUEST_HEADERS = [
    "If-None-Match",
    "If-Modified-Since",
    "If-Range",
    "Range",
    "Accept",
    "Accept-Language",
]
CORS_EXPOSED_HEADERS = ["ETag", "Last-Modified", "Content-Disposition", "Content-Range"]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    use_templates_dir(settings.templates_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.engine = prepare_database(settings)
        app.state.auth_failures = FailureLimiter(app.state.engine)
        snapshots.start(app.state.engine)
        try:
            yield
        finally:
            snapshots.stop()
            app.state.engine.dispose()

    app = FastAPI(
        title="accessmap-kz",
        description="Accessibility of public buildings in Kazakhstan's regions, with sources. "
        + BOUNDARY_ATTRIBUTION,
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served from vendored assets below, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    # One snapshot of the data per version, shared by every output (api/snapshot.py).
    app.state.snapshots = snapshots = SnapshotStore(
        enabled=settings.cache, version_check_s=settings.version_check_s
    )
    app.include_router(meta.build_router())
    app.include_router(docs.build_router(app.openapi_url or "/openapi.json", app.title))
    app.include_router(maps.build_router(snapshots, settings.basemap_url))
    app.include_router(stats.build_router())
    app.state.collections = CollectionStore(snapshots)
    app.include_router(ogc_router.build_router(app.state.collections))
    app.include_router(
        downloads.build_router(app.state.collections, settings.data_dir / "downloads")
    )
    app.state.tiles = TileService(snapshots, cache_dir=settings.data_dir / "tiles")
    app.include_router(tile_routes.build_router(app.state.tiles))
    app.include_router(admin.build_router(snapshots.refresh))
    errors.install(app)
    app.add_exception_handler(OperationalError, database_busy)
    app.add_middleware(Compression, minimum_size=1000)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD"],
        # Revalidation and ranges from scripts on other origins (MapLibre, OpenLayers, GDAL in
        # a browser) need these request headers past the preflight.
        allow_headers=CORS_REQUEST_HEADERS,
        expose_headers=CORS_EXPOSED_HEADERS,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(
        SecurityHeaders,
        frame_ancestors=settings.frame_ancestors,
        embed_frame_ancestors=settings.embed_frame_ancestors,
        basemap_url=settings.basemap_url,
    )
    app.add_middleware(VaryHeader)
    app.add_middleware(HeadAsGet)
    # Added last, so outermost: tiles already in memory are answered before any other work,
    # with the very headers the route gives them (api.routers.tiles.tile_answer).
    app.add_middleware(CachedTiles, service=app.state.tiles)
    return app
