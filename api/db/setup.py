"""Bring a database to a usable state: migrated, boundaries built, seed data loaded."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from api.db.engine import DatabaseUnavailableError, make_engine
from api.db.load import LoadReport, Progress, load_all
from api.db.migrate import upgrade
from api.db.models import Region
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


SQLITE_HEADER = b"SQLite format 3\x00"
# What SpatiaLite creates in a new file before the first migration runs.
SPATIALITE_TABLES = (
    "sqlite_",
    "spatial",
    "geometry_columns",
    "views_geometry",
    "virts_geometry",
    "SpatialIndex",
    "ElementaryGeometries",
    "KNN",
    "data_licenses",
    "sql_statements_log",
)


def check_database_file(path: Path) -> None:
    """Refuse an embedded database file that is not ours or not usable, in one line.

    A missing file is a first start. Anything else that is not a readable, writable SQLite
    database with this service's schema is refused, never reseeded: reseeding an empty or
    damaged file would silently replace its history and tokens with a fresh install."""
    if not path.exists():
        return
    problem = _file_problem(path)
    if problem is not None:
        raise DatabaseUnavailableError(
            f"{path}: {problem}; restore a backup, or move the file away to start afresh"
        )


def _file_problem(path: Path) -> str | None:
    if not path.is_file():
        return "not a file"
    if path.stat().st_size == 0:
        return "the file is empty (0 bytes), not an accessmap database"
    with path.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return "not an SQLite database"
    if not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK):
        return "the file or its folder is read-only for this user"
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"the database cannot be read ({error})"
    if check != "ok":
        return f"the database is damaged ({check})"
    if "alembic_version" not in tables and any(not t.startswith(SPATIALITE_TABLES) for t in tables):
        return "the database holds another application's tables"
    return None


def prepare_database(settings: Settings, say: Say = _quiet) -> Engine:
    """Engine for the configured database, migrated, and seeded when still empty.

    Raises DatabaseUnavailableError, naming the database and the problem in one line, when it
    cannot be used."""
    if settings.is_embedded:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        check_database_file(settings.spatialite_path)
    engine = make_engine(
        settings.resolved_database_url, spatialite_library=settings.spatialite_library
    )
    try:
        upgrade(engine)
    except (OperationalError, DatabaseError) as error:
        engine.dispose()
        where = make_url(settings.resolved_database_url).render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnavailableError(f"{where}: {reason}") from error
    if settings.seed_on_start and not is_seeded(engine):
        say("database is empty: loading boundaries and seed data")
        seed_database(engine, settings, say=say)
    return engine
