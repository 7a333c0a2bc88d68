"""Bring a database to a usable state: migrated, boundaries built, seed data loaded."""

from __future__ import annotations

import json
from collections.abc import Callable

import geopandas as gpd
from sqlalchemy import Engine, func, select

from api.db.engine import make_engine
from api.db.load import LoadReport, Progress, load_all
from api.db.migrate import upgrade
from api.db.models import DataRevision, Region
from api.settings import Settings
from geo.boundaries import LEVELS, build_boundaries, file_sha256, read_level
from geo.sources import read_seed_tables

Say = Callable[[str], None]


def _quiet(_message: str) -> None:
    return None


def ensure_boundaries(settings: Settings, say: Say = _quiet) -> dict[str, gpd.GeoDataFrame]:
    """Build the boundary levels when missing or when the source file changed."""
    manifest = settings.boundaries_dir / "manifest.json"
    current = file_sha256(settings.boundaries_source)
    built = (
        json.loads(manifest.read_text("utf-8")).get("source_sha256") if manifest.exists() else None
    )
    if built != current:
        say("building boundary levels")
        build_boundaries(settings.boundaries_source, settings.boundaries_dir, progress=say)
    return {level: read_level(settings.boundaries_dir, level) for level in LEVELS}


def seed_database(
    engine: Engine, settings: Settings, *, say: Say = _quiet, progress: Progress | None = None
) -> LoadReport:
    # Validate every seed file before the database is touched: a bad file writes nothing.
    tables = read_seed_tables(settings.seed_dir)
    levels = ensure_boundaries(settings, say)
    if progress is None:
        return load_all(engine, levels, tables)
    return load_all(engine, levels, tables, progress=progress)


def is_seeded(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(connection.scalar(select(func.count()).select_from(Region)))


def data_version(engine: Engine) -> int:
    """The latest data revision: caches of maps, files and tiles are keyed by it."""
    with engine.connect() as connection:
        return int(connection.scalar(select(func.max(DataRevision.id))) or 0)


def prepare_database(settings: Settings, say: Say = _quiet) -> Engine:
    """Engine for the configured database, migrated, and seeded when still empty."""
    if settings.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(
        settings.resolved_database_url, spatialite_library=settings.spatialite_library
    )
    upgrade(engine)
    if settings.seed_on_start and not is_seeded(engine):
        say("database is empty: loading boundaries and seed data")
        seed_database(engine, settings, say=say)
    return engine
