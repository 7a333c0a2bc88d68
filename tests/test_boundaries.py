"""The boundary build: 20 valid, non-overlapping regions and gap-free simplified levels."""

from __future__ import annotations

import json
import shutil
from itertools import combinations
from pathlib import Path

import geopandas as gpd
import numpy as np
import pycountry
import pytest
import shapely

from geo.boundaries import (
    KAZAKHSTAN_AREA_KM2,
    LEVELS,
    BoundarySourceError,
    area_km2,
    build_boundaries,
    clean_boundaries,
    read_source,
    vertex_count,
)

SOURCE = Path(__file__).resolve().parents[1] / "boundaries" / "source" / "kz-adm1.geojson"
ISO_CODES = {s.code for s in pycountry.subdivisions.get(country_code="KZ")}


@pytest.fixture(scope="module")
def raw() -> gpd.GeoDataFrame:
    return read_source(SOURCE)


def overlap_km2(frame: gpd.GeoDataFrame) -> float:
    shapes = frame.to_crs("EPSG:6933").geometry.to_list()
    return sum(shapely.intersection(a, b).area for a, b in combinations(shapes, 2)) / 1e6


def union_holes(frame: gpd.GeoDataFrame) -> int:
    union = shapely.union_all(np.asarray(frame.geometry.values))
    return sum(len(part.interiors) for part in shapely.get_parts(union))


def test_source_has_the_documented_defects(raw: gpd.GeoDataFrame) -> None:
    # If these stop holding, the source changed and PROVENANCE.md must be revisited.
    assert len(raw) == 20
    assert set(raw["ADM0_EN"]) == {"KAZ"}
    assert not raw.is_valid.all()
    assert raw.has_z.all()
    assert overlap_km2(raw.assign(geometry=shapely.make_valid(raw.geometry.values))) > 10


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_is_a_clean_coverage(
    boundary_levels: dict[str, gpd.GeoDataFrame], level: str
) -> None:
    frame = boundary_levels[level]
    assert len(frame) == 20
    assert set(frame["iso_code"]) == ISO_CODES
    assert frame.crs.to_epsg() == 4326
    assert frame.is_valid.all()
    assert not frame.has_z.any()
    assert (frame.geom_type == "MultiPolygon").all()
    # Neighbours share identical edges and nothing overlaps.
    assert shapely.coverage_is_valid(np.asarray(frame.geometry.values))
    assert overlap_km2(frame) < 0.01
    # No gaps: the union has no holes (the country has none either).
    assert union_holes(frame) == 0
    total = float(area_km2(frame).sum())
    assert abs(total - KAZAKHSTAN_AREA_KM2) / KAZAKHSTAN_AREA_KM2 < 0.005


def test_simplified_levels_hit_their_vertex_targets(
    boundary_levels: dict[str, gpd.GeoDataFrame],
) -> None:
    counts = {level: vertex_count(frame) for level, frame in boundary_levels.items()}
    assert counts["full"] > 80_000
    assert 15_000 <= counts["web"] <= 25_000
    assert 3_500 <= counts["lite"] <= 6_500


def test_simplification_keeps_each_region_close_to_its_area(
    boundary_levels: dict[str, gpd.GeoDataFrame],
) -> None:
    full = area_km2(boundary_levels["full"])
    for level in ("web", "lite"):
        ratio = area_km2(boundary_levels[level]) / full
        assert np.all(np.abs(ratio - 1) < 0.03), (level, ratio)


def test_cities_keep_their_polygon_and_the_oblast_loses_the_sliver(
    raw: gpd.GeoDataFrame, boundary_levels: dict[str, gpd.GeoDataFrame]
) -> None:
    source = raw.set_geometry(shapely.make_valid(raw.geometry.values)).set_index("ADM1_EN")
    source_area = dict(zip(source.index, area_km2(source), strict=True))
    clean = boundary_levels["full"].set_index("iso_code")
    clean_area = dict(zip(clean.index, area_km2(clean), strict=True))
    assert clean_area["KZ-71"] == pytest.approx(source_area["Astana"], rel=1e-4)
    assert clean_area["KZ-75"] == pytest.approx(source_area["Almaty"], rel=1e-4)
    assert source_area["Akmola Region"] - clean_area["KZ-11"] == pytest.approx(9.0, abs=0.5)
    assert source_area["Almaty Region"] - clean_area["KZ-19"] == pytest.approx(5.8, abs=0.5)


def test_swapped_country_fields_are_fixed(raw: gpd.GeoDataFrame) -> None:
    clean = clean_boundaries(raw)
    assert set(clean["country_code"]) == {"KAZ"}
    assert set(clean["country_name"]) == {"Kazakhstan"}
    assert dict(zip(clean["source_name"], clean["iso_code"], strict=True))["Almaty"] == "KZ-75"


def test_rings_are_counter_clockwise(boundary_levels: dict[str, gpd.GeoDataFrame]) -> None:
    for polygon in shapely.get_parts(np.asarray(boundary_levels["web"].geometry.values)):
        assert polygon.exterior.is_ccw


def test_build_writes_levels_and_manifest(tmp_path: Path) -> None:
    reports = build_boundaries(SOURCE, tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert [item["level"] for item in manifest["levels"]] == list(LEVELS)
    for report in reports:
        assert Path(report.path).stat().st_size == report.bytes > 0
    sizes = {report.level: report.bytes for report in reports}
    assert sizes["lite"] < sizes["web"] < sizes["full"]


def test_a_different_source_file_is_refused(tmp_path: Path) -> None:
    altered = tmp_path / "kz-adm1.geojson"
    shutil.copy(SOURCE, altered)
    with altered.open("ab") as handle:
        handle.write(b"\n")
    with pytest.raises(BoundarySourceError, match="does not match"):
        build_boundaries(altered, tmp_path / "out")
    assert not (tmp_path / "out").exists()
