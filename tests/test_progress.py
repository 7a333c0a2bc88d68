"""The road to the target, checked against values computed by hand from the seed rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from geo.progress import (
    area_progress,
    by_gap,
    centre_summaries,
    dated_series,
    paces,
    progress,
    regions_without,
    target_share,
)
from geo.regions import REGIONS
from geo.sources import read_seed_tables
from tests.conftest import Database
from tests.test_indicators import seed_observations

SEED = Path(__file__).resolve().parents[1] / "seed"
CODES = [region.iso_code for region in REGIONS]


@pytest.fixture(scope="module")
def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    seed = read_seed_tables(SEED)
    observations = seed_observations(seed.observations)
    centres = pd.DataFrame(
        [
            {"iso_code": c.iso_code, "kind": c.kind, "status": c.status, "capacity": c.capacity}
            for c in seed.centres
        ]
    )
    return observations, centres


def test_roadmap_targets() -> None:
    assert [target_share(y) for y in range(2023, 2029)] == [20, 40, 60, 80, 100, 100]


def test_national_road_by_hand(tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    national = area_progress(tables[0], "KZ", 2026)
    assert national.adapted is not None and national.adapted.value == 28_500  # briefing
    assert national.registered is not None and national.registered.value == 43_000
    assert national.share == 67  # the share the briefing states, not 28500/43000 = 66.3
    # Gap: 0.8 * 43,000 = 34,400; 34,400 - 28,500 = 5,900 (2027: 43,000 - 28,500 = 14,500).
    assert (national.gap, national.gap_2027) == (5_900, 14_500)
    # Current pace: 2026-03-04 27,683 -> 2026-04-30 28,500: 817 in 57 days (1.873 months).
    assert national.current_pace is not None
    assert national.current_pace.per_month == pytest.approx(817 / (57 / (365.25 / 12)), abs=0.1)
    # Needed: 5,900 over 2026-04-30 -> 2026-12-31 (245 days, 8.049 months) = 733 a month.
    assert national.pace_needed == pytest.approx(5_900 / (245 / (365.25 / 12)), abs=0.1)
    # Projection: 28,500 + 436.3 * 8.049 = 32,012 -> 74.4% of 43,000: off track.
    assert national.projected_share == pytest.approx(74.4, abs=0.1)
    assert national.on_track is False


def test_region_with_a_single_observation(tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    kyzylorda = area_progress(tables[0], "KZ-43", 2026)
    assert (kyzylorda.share, kyzylorda.gap, kyzylorda.gap_2027) == (66.7, 315, 788)
    assert kyzylorda.paces == () and kyzylorda.current_pace is None
    # 315 objects over 2025-12-05 -> 2026-12-31 (391 days, 12.846 months) = 24.5 a month.
    assert kyzylorda.pace_needed == pytest.approx(24.5, abs=0.05)
    assert kyzylorda.projected_share is None and kyzylorda.on_track is None


def test_missing_inputs_give_no_figure(tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    akmola = area_progress(tables[0], "KZ-11", 2026)
    assert akmola.adapted is None and akmola.gap is None and akmola.pace_needed is None
    # North Kazakhstan: two dated counts give a pace, but no registered total means no gap.
    north = area_progress(tables[0], "KZ-59", 2026)
    assert north.current_pace is not None
    assert north.current_pace.per_month == pytest.approx(
        (909 - 308) / (766 / (365.25 / 12)), abs=0.1
    )
    assert north.gap is None and north.pace_needed is None and north.projected_share is None
    # Ulytau: 2024 (a year only) and 2026-03-04: no monthly pace from a year-only date.
    assert area_progress(tables[0], "KZ-62", 2026).paces == ()


def test_paces_skip_counts_days_apart(tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    # 2024-12-06 and 2024-12-11 both say 22,166: five days apart give no monthly pace.
    series = dated_series(tables[0], "KZ", "objects_adapted", 2024)
    dates = [f.as_of for f in series]
    assert dates.index("2024-12-11") == dates.index("2024-12-06") + 1  # neighbours in the series
    found = {(p.start.as_of, p.end.as_of) for p in paces(series)}
    assert found and ("2024-12-06", "2024-12-11") not in found
    national = area_progress(tables[0], "KZ", 2024)
    assert {(p.start.as_of, p.end.as_of) for p in national.paces} == found
    assert all((p.end.as_of or "") <= "2024-12-31" for p in national.paces)


def test_ranking_and_order(tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    items = progress(tables[0], ["KZ", *CODES], 2026)
    ranks = {p.area_code: p.rank for p in items if p.rank is not None}
    assert ranks == {"KZ-43": 1, "KZ-75": 2}  # the country is not ranked among regions
    ordered = [p.area_code for p in by_gap(items)][:3]
    assert ordered == ["KZ", "KZ-75", "KZ-43"]  # largest gap first


def test_centres_by_region(tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    summaries = {s.iso_code: s for s in centre_summaries(tables[1], CODES)}
    abai = summaries["KZ-10"]
    assert abai.by_kind_status == {
        "autism_center": {"operating": 1},
        "rehab_center": {"operating": 1},
    }
    assert abai.places == {"rehab_center": 150} and abai.capacity_unknown == {"autism_center": 1}
    assert regions_without(list(summaries.values()), "autism_center") == [
        "KZ-19",
        "KZ-23",
        "KZ-47",
        "KZ-62",
    ]
    assert "KZ-62" in regions_without(list(summaries.values()), "rehab_center")


def test_progress_endpoint(db: Database) -> None:
    with TestClient(create_app(db.settings)) as client:
        data = client.get("/stats/progress?year=2026").json()
        assert data["target_share"] == 80
        first = data["areas"][0]
        assert (first["area_code"], first["gap"], first["on_track"]) == ("KZ", 5900, False)
        assert first["adapted"]["source"].startswith("Government session")
        assert client.get("/stats/progress?year=2019").status_code == 400
        assert client.get("/stats/progress").json()["year"] == 2026


def test_counts_of_different_bases_are_never_joined_by_one_line() -> None:
    from geo.programme import same_base_segments

    assert same_base_segments(["2023-06-01", "2024-12-06", "2025-03-14"]) == [[0], [1, 2]]
    assert same_base_segments(["2024-12-06", "2025-03-14"]) == [[0, 1]]


def test_progress_chart_svg_keeps_bases_apart_and_is_labelled(
    tables: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    import re

    from geo.progress_series import point_day as _day
    from geo.progress_series import series
    from render.progress_chart import _x, svg

    observations = tables[0]
    counts = series(observations, "objects_adapted")
    national = counts[0]
    assert national.area_code == "KZ" and national.points[0].as_of == "2023-06-01"
    text = svg("c", "Title <1>", "Desc", counts, {}, percent=False)
    assert '<title id="c-title">Title &lt;1&gt;</title>' in text and 'role="img"' in text
    line = re.search(r'<polyline class="series" data-area="KZ" points="([^"]+)"', text)
    assert line is not None
    xs = [float(pair.split(",")[0]) for pair in line.group(1).split()]
    # The 2023 count (another base) is a point of its own, not the start of the line.
    assert min(xs) > _x(_day("2023-06-01"))
    assert text.count('data-area="KZ" cx=') == len(national.points)


def _monthly_counts(area: str, months: int, *, newest_first: bool = False) -> pd.DataFrame:
    """`months` synthetic monthly counts of `area` from 2023-01 (as the observations frame)."""
    rows = [
        {
            "area_code": area,
            "indicator": "objects_adapted",
            "as_of": f"{2023 + m // 12}-{m % 12 + 1:02d}-15",
            "as_of_year": 2023 + m // 12,
            "value": 100.0 + m,
            "value_text": None,
            "source": f"https://example.org/synthetic-test-series/{m}",
            "source_date": None,
            "derivation": None,
            "note": None,
            "comparable": True,
            "as_of_quality": "exact",
        }
        for m in range(months)
    ]
    frame = pd.DataFrame(rows[::-1] if newest_first else rows)
    return frame.astype({"as_of_year": "Int64"})


def test_a_long_series_keeps_its_latest_points_and_counts_the_earlier_ones() -> None:
    from geo.progress_series import LATEST_POINTS, series

    assert LATEST_POINTS == 24
    # 30 months (2023-01 .. 2025-06), stored newest first: the order of rows must not matter.
    long = _monthly_counts("KZ-11", 30, newest_first=True)
    short = _monthly_counts("KZ-43", 24)
    found = {s.area_code: s for s in series(pd.concat([long, short]), "objects_adapted")}
    akmola = found["KZ-11"]
    # The latest 24 by date: 2023-07 .. 2025-06, oldest first; 6 earlier ones counted.
    assert [p.as_of for p in akmola.points][:2] == ["2023-07-15", "2023-08-15"]
    assert akmola.points[-1].as_of == "2025-06-15" and akmola.points[-1].value == 129.0
    assert len(akmola.points) == 24 and akmola.earlier == 6 and akmola.total == 30
    assert akmola.first_as_of == "2023-01-15"
    # A series of 24 or fewer points is listed whole.
    kyzylorda = found["KZ-43"]
    assert len(kyzylorda.points) == 24 and kyzylorda.earlier == 0
    assert kyzylorda.points[0].as_of == "2023-01-15"


def test_the_chart_and_its_table_say_how_many_earlier_points_exist() -> None:
    from geo.progress_series import series
    from render.page import earlier_text
    from render.progress_chart import svg

    items = series(_monthly_counts("KZ-11", 30, newest_first=True), "objects_adapted")
    text = earlier_text(items, "en")
    assert text == (
        "Each series shows only its latest 24 points: 6 earlier points of 1 series "
        "(from 2023-01-15) are not shown here."
    )
    drawn = svg("c", "Title", f"Desc {text}", items, {}, percent=False)
    assert drawn.count("<circle") == 24 and "6 earlier points" in drawn
    assert "2025-06-15" in drawn and "2023-06-15" not in drawn
    # Nothing left out, nothing said.
    assert earlier_text(series(_monthly_counts("KZ-11", 24), "objects_adapted"), "en") == ""
