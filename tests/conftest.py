"""Shared fixtures: one seeded database per backend (SpatiaLite and PostGIS) for the session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pytest
from playwright.sync_api import Browser
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from api.app import create_app
from api.db.setup import ensure_boundaries, prepare_database
from api.settings import PROJECT_ROOT, Settings
from tests.chromium import launch_browser, serve_app

BACKENDS = ("spatialite", "postgis")
IN_CI = os.environ.get("CI", "").lower() == "true"
POSTGIS_URL = os.environ.get(
    "ACCESSMAP_TEST_POSTGIS_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/accessmap_test"
)


@dataclass(frozen=True)
class Database:
    backend: str
    engine: Engine
    settings: Settings


def unavailable(reason: str) -> None:
    """Skip locally, but fail under CI: a missing backend must never pass silently there."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing backend is a failure, not a skip)")
    pytest.skip(reason)


def fresh_postgis_database(url: str) -> str:
    """Drop and recreate the test database; return its URL, or report it unavailable."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            name = target.database
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            has_postgis = connection.scalar(
                text("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")
            )
    except Exception as error:  # any connection failure means: no PostGIS here
        unavailable(f"PostgreSQL not reachable at {target.render_as_string()}: {error}")
    finally:
        admin.dispose()
    if not has_postgis:
        unavailable("PostgreSQL is running but the postgis extension is not installed")
    return target.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def shared_boundaries_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the boundary levels once for the whole session."""
    data_dir = tmp_path_factory.mktemp("boundaries-build")
    ensure_boundaries(Settings(data_dir=data_dir))
    return data_dir / "boundaries"


@pytest.fixture(scope="session")
def boundary_levels(shared_boundaries_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    settings = Settings(data_dir=shared_boundaries_dir.parent)
    return ensure_boundaries(settings)


def make_settings(backend: str, data_dir: Path) -> Settings:
    url = None if backend == "spatialite" else fresh_postgis_database(POSTGIS_URL)
    return Settings(database_url=url, data_dir=data_dir, seed_dir=PROJECT_ROOT / "seed")


@pytest.fixture(scope="session", params=BACKENDS)
def db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    shared_boundaries_dir: Path,
) -> Iterator[Database]:
    """A migrated, seeded database per backend, shared by every test of the session."""
    backend: str = request.param
    data_dir = tmp_path_factory.mktemp(f"data-{backend}")
    shutil.copytree(shared_boundaries_dir, data_dir / "boundaries")
    settings = make_settings(backend, data_dir)
    engine = prepare_database(settings)
    yield Database(backend, engine, settings)
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the page tests of one module."""
    with launch_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def base_url(db: Database) -> Iterator[str]:
    """The app on the session's database, served over HTTP for real clients (Chromium, GDAL)."""
    with serve_app(create_app(db.settings)) as url:
        yield url
