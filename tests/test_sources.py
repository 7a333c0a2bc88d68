"""Reading the seed tables: nothing invented, and every broken file named by file, line, reason."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from geo.sources import (
    NATIONAL_VALUE_COLUMNS,
    REGION_VALUE_COLUMNS,
    SeedError,
    read_seed_tables,
)

SEED = Path(__file__).resolve().parents[1] / "seed"


def csv_rows(name: str) -> list[dict[str, str]]:
    with (SEED / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def filled(rows: list[dict[str, str]], columns: dict[str, str]) -> int:
    return sum(1 for row in rows for column in columns if row[column].strip())


def test_every_observation_is_a_filled_cell_and_nothing_more() -> None:
    tables = read_seed_tables(SEED)
    numeric = [o for o in tables.observations if o.value is not None]
    expected = filled(csv_rows("accessibility_by_region.csv"), REGION_VALUE_COLUMNS) + filled(
        csv_rows("accessibility_national.csv"), NATIONAL_VALUE_COLUMNS
    )
    assert len(numeric) == expected
    # Each value equals the cell it came from.
    by_origin = {}
    for name in ("accessibility_by_region.csv", "accessibility_national.csv"):
        with (SEED / name).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            start = 2
            for row in reader:
                by_origin[f"{name}:{start}"] = row
                start = reader.line_num + 1
    columns = {**{v: k for k, v in REGION_VALUE_COLUMNS.items()}}
    national = {v: k for k, v in NATIONAL_VALUE_COLUMNS.items()}
    for observation in numeric:
        row = by_origin[observation.origin]
        mapping = national if observation.area_code == "KZ" else columns
        assert float(row[mapping[observation.indicator]]) == observation.value


def test_seed_counts_and_known_gaps() -> None:
    tables = read_seed_tables(SEED)
    by_indicator: dict[str, int] = {}
    for observation in tables.observations:
        by_indicator[observation.indicator] = by_indicator.get(observation.indicator, 0) + 1
    assert by_indicator["plan_fulfilment_2023"] == 20
    assert by_indicator["reported_standing"] == 5
    assert len(tables.centres) == 57
    # Jetisu has a total but no published adapted count: it must stay missing.
    jetisu = {o.indicator for o in tables.observations if o.area_code == "KZ-33"}
    assert "objects_adapted" not in jetisu and "adapted_share" not in jetisu
    # Historical rows are kept but marked as not comparable with the roadmap.
    historical = [o for o in tables.observations if not o.comparable]
    assert {o.area_code for o in historical} >= {"KZ-19", "KZ-23", "KZ-71", "KZ-55"}


def broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    path = seed / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return seed


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "accessibility_by_region.csv",
            "KZ-47,Mangystau,2025-07-06,567",
            "KZ-47,Mangystau,2025-07-06,five hundred",
            r"accessibility_by_region\.csv:\d+: column objects_adapted: 'five hundred' is not",
        ),
        (
            "accessibility_by_region.csv",
            "KZ-47,Mangystau",
            "KZ-99,Mangystau",
            r"accessibility_by_region\.csv:\d+: column iso_code: .*KZ-99",
        ),
        (
            "accessibility_by_region.csv",
            "KZ-47,Mangystau,2025-07-06",
            "KZ-47,Mangystau,2025-13-45",
            r"not a calendar date",
        ),
        (
            "accessibility_by_region.csv",
            "KZ-47,Mangystau,2025-07-06",
            "KZ-47,Mangystau,2099-01-01",
            r"2099-01-01 is in the future",
        ),
        (
            "accessibility_by_region.csv",
            "iso_code,region_en,as_of",
            "code,region_en,as_of",
            r"accessibility_by_region\.csv:1: missing column\(s\): iso_code",
        ),
        (
            "accessibility_national.csv",
            "2025-12-31,42900,27307,64",
            "2025-12-31,42900,27307,164",
            r"accessibility_national\.csv:\d+: column pct_adapted: 164 is above 100%",
        ),
        (
            "accessibility_national.csv",
            "2025-12-31,42900,27307",
            "2025-12-31,42900,52307",
            r"objects_adapted is larger than objects_total",
        ),
        (
            "reported_standing.csv",
            "KZ-62,Ulytau,lagging",
            "KZ-62,Ulytau,worst",
            r"reported_standing\.csv:6: column standing: 'worst'",
        ),
        (
            "reported_standing.csv",
            "No percentage given. Date inferred as above.,inferred",
            "No percentage given. Date inferred as above.,guessed",
            r"reported_standing\.csv:\d+: column as_of_quality: 'guessed' is not one of",
        ),
        (
            "accessibility_by_region.csv",
            'No 2023-26 Atyrau figure found.",undated',
            'No 2023-26 Atyrau figure found.",exact',
            r"accessibility_by_region\.csv:\d+: column as_of_quality: 'exact' does not fit",
        ),
        (
            "accessibility_national.csv",
            "as_of,objects_total,objects_adapted,pct_adapted,target_pct,source_url,source_date,"
            "note,as_of_quality",
            "as_of,objects_total,objects_adapted,pct_adapted,target_pct,source_url,source_date,"
            "note",
            r"accessibility_national\.csv:1: missing column\(s\): as_of_quality",
        ),
        (
            "centers.csv",
            ",rehab_center,MoLSP 150-place programme,KZ-11",
            ",rehab_centre,MoLSP 150-place programme,KZ-11",
            r"centers\.csv:\d+: column kind",
        ),
        (
            "plan_fulfilment_2023.csv",
            "KZ-11,Akmola,2023,plan_met_100pct,https://yapresident.com/en/?p=14683",
            "KZ-11,Akmola,2023,plan_met_100pct,",
            r"plan_fulfilment_2023\.csv:3: column source_url: a source is required",
        ),
    ],
)
def test_broken_files_are_named_with_line_and_reason(
    tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    seed = broken_copy(tmp_path, name, old, new)
    with pytest.raises(SeedError, match=expected):
        read_seed_tables(seed)


def test_duplicate_rows_are_reported(tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    path = seed / "reported_standing.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[-1]]), encoding="utf-8")
    with pytest.raises(SeedError, match=r"reported_standing\.csv:7: duplicate observation"):
        read_seed_tables(seed)


def test_bad_encoding_is_reported(tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(SEED, seed)
    path = seed / "centers.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251", errors="replace"))
    with pytest.raises(SeedError, match=r"centers\.csv:2: not UTF-8"):
        read_seed_tables(seed)


def test_every_date_carries_its_stated_quality() -> None:
    """as_of_quality comes from the seed as stated (SOURCES.md); categories without it get the
    quality their date implies."""
    tables = read_seed_tables(SEED)
    stated = {
        (row["iso_code"], row["as_of"]): row["as_of_quality"]
        for row in csv_rows("accessibility_by_region.csv")
    }
    for observation in tables.observations:
        counts = ("objects_adapted", "objects_total", "adapted_share")
        if observation.indicator in counts and observation.area_code != "KZ":
            key = (observation.area_code, observation.as_of or "")
            assert observation.as_of_quality == stated[key], key
    standing = [o for o in tables.observations if o.indicator == "reported_standing"]
    assert {o.as_of_quality for o in standing} == {"inferred"}
    plan = [o for o in tables.observations if o.indicator == "plan_fulfilment_2023"]
    assert {o.as_of_quality for o in plan} == {"year"}
    national = {o.as_of: o.as_of_quality for o in tables.observations if o.area_code == "KZ"}
    assert national["2026-04-30"] == "inferred" and national["2025-12-31"] == "exact"
