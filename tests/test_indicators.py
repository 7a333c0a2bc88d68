"""Indicators, classes and standings checked against values computed by hand from the seed rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo.classify import CLASSES, classify_shares
from geo.indicators import (
    default_year,
    national_share,
    region_year,
    regions_for_year,
    years_with_data,
)
from geo.programme import objects_to_target
from geo.regions import REGIONS
from geo.sources import Observation, read_seed_tables
from geo.standing import compare, rank

SEED = Path(__file__).resolve().parents[1] / "seed"
CODES = [region.iso_code for region in REGIONS]


@pytest.fixture(scope="module")
def observations() -> pd.DataFrame:
    return seed_observations(read_seed_tables(SEED).observations)


def seed_observations(records: list[Observation]) -> pd.DataFrame:
    """Seed records as the observations frame the database would give (no DB needed)."""
    rows = [{**vars_of(o), "as_of_year": int(o.as_of[:4]) if o.as_of else None} for o in records]
    return pd.DataFrame(rows).astype({"as_of_year": "Int64"})


def vars_of(observation: object) -> dict[str, object]:
    names = (
        "area_code",
        "indicator",
        "as_of",
        "value",
        "value_text",
        "source",
        "source_date",
        "derivation",
        "note",
        "comparable",
        "as_of_quality",
    )
    return {name: getattr(observation, name) for name in names}


def test_years_and_default(observations: pd.DataFrame) -> None:
    assert years_with_data(observations) == [2023, 2024, 2025, 2026]
    # 2025 is the latest year in which a region has a share (Kyzylorda, Almaty city).
    assert default_year(observations) == 2025


def test_kyzylorda_2025_by_hand(observations: pd.DataFrame) -> None:
    figures = region_year(observations, "KZ-43", 2025)
    assert figures.status == "share"
    assert figures.share is not None and figures.share.value == 66.7  # stated: 1578/2366
    assert figures.adapted is not None and figures.adapted.value == 1578
    assert figures.registered is not None and figures.registered.value == 2366
    # 80% of 2366 = 1892.8 -> 1893 objects adapted needed; 1893 - 1578 = 315 still to adapt.
    assert figures.to_target == 315
    assert figures.as_of == "2025-12-05"


def test_almaty_city_2025_by_hand(observations: pd.DataFrame) -> None:
    figures = region_year(observations, "KZ-75", 2025)
    assert figures.share is not None and figures.share.value == 43.5
    # 0.8 * 9934 = 7947.2 -> 7948; 7948 - 4323 = 3625.
    assert figures.to_target == 3625
    # The 2023 row states no count, so there is nothing to compare with.
    assert figures.share_change_pp is None and figures.adapted_change is None


def test_count_only_and_missing_regions(observations: pd.DataFrame) -> None:
    ulytau = region_year(observations, "KZ-62", 2026)
    assert ulytau.status == "count_only"
    assert ulytau.share is None and ulytau.registered is None and ulytau.to_target is None
    assert ulytau.adapted is not None and ulytau.adapted.value == 145
    # Change since the previous year with data (2024: 81 objects): +64.
    assert ulytau.adapted_change == 64
    assert ulytau.previous_adapted is not None and ulytau.previous_adapted.as_of == "2024"
    # Jetisu: a registered total without an adapted count stays a count, never a share.
    jetisu = region_year(observations, "KZ-33", 2025)
    assert jetisu.status == "count_only"
    assert jetisu.adapted is None and jetisu.share is None
    assert jetisu.registered is not None and jetisu.registered.value == 1120
    # Akmola has nothing at all; Shymkent's undated count belongs to no year.
    assert region_year(observations, "KZ-11", 2025).status == "no_data"
    assert all(region_year(observations, "KZ-79", y).status == "no_data" for y in range(2023, 2027))


def test_historical_rows_never_count(observations: pd.DataFrame) -> None:
    # Almaty oblast 2017 (93.8% of a priority list) and Pavlodar's 2023 flow are not comparable.
    assert region_year(observations, "KZ-19", 2017).status == "no_data"
    pavlodar = region_year(observations, "KZ-55", 2023)
    assert pavlodar.status == "no_data"
    assert region_year(observations, "KZ-55", 2024).adapted is not None


def test_single_observation_region_has_no_change(observations: pd.DataFrame) -> None:
    kyzylorda = region_year(observations, "KZ-43", 2025)  # its only row
    assert kyzylorda.previous_share is None and kyzylorda.share_change_pp is None


def test_national_share_is_the_briefings_latest(observations: pd.DataFrame) -> None:
    figure = national_share(observations)
    assert figure is not None and figure.value == 67 and figure.as_of == "2026-04-30"
    assert national_share(observations, 2024) is not None
    assert national_share(observations, 2024).value == 53  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("adapted", "registered", "expected"),
    [(1578, 2366, 315), (80, 100, 0), (90, 100, 0), (0, 1, 1), (799, 1000, 1)],
)
def test_objects_to_target(adapted: int, registered: int, expected: int) -> None:
    assert objects_to_target(adapted, registered, 80) == expected


def test_classes_split_at_the_target() -> None:
    assert classify_shares([0, 39.9, 40, 66.7, 79.99, 80, 89.9, 90, 100]) == [
        0,
        0,
        1,
        2,
        3,
        4,
        4,
        5,
        5,
    ]
    assert [c.below_target for c in CLASSES] == [True] * 4 + [False] * 2
    assert len({c.colour for c in CLASSES}) == len(CLASSES)


def test_standing_from_the_seed_data(observations: pd.DataFrame) -> None:
    """What the seeded data gives, against the briefing's leaders and laggards."""
    figures = regions_for_year(observations, CODES, 2025)
    ranking = rank(figures)
    assert ranking.ranked_from == 2
    assert ranking.leaders == ("KZ-43",)  # Kyzylorda 66.7%
    assert ranking.laggards == ("KZ-75",)  # Almaty city 43.5%
    reported = {
        "KZ-33": "leader",
        "KZ-27": "leader",
        "KZ-19": "leader",
        "KZ-47": "lagging",
        "KZ-62": "lagging",
    }
    kinds = {c.iso_code: c.kind for c in compare(figures, ranking, reported).comparisons}
    # The briefing's five have no 2025 share: the data can neither confirm nor contradict them.
    assert {code: kinds[code] for code in reported} == dict.fromkeys(reported, "no_share_to_check")
    assert kinds["KZ-43"] == kinds["KZ-75"] == "not_named"


def test_rank_rule_on_a_full_table() -> None:
    """With 20 shares: the top three plus all at target lead, the bottom two lag."""
    shares = dict(
        zip(
            CODES,
            [10, 20, 30, 40, 50, 55, 60, 65, 70, 75, 78, 79, 81, 82, 83, 84, 85, 86, 87, 90],
            strict=True,
        )
    )
    frame = pd.DataFrame(
        [
            {
                "area_code": code,
                "indicator": "adapted_share",
                "as_of": "2026-06-30",
                "value": value,
                "value_text": None,
                "source": "test",
                "source_date": None,
                "derivation": None,
                "note": None,
                "comparable": True,
                "as_of_year": 2026,
            }
            for code, value in shares.items()
        ]
    ).astype({"as_of_year": "Int64"})
    ranking = rank(regions_for_year(frame, CODES, 2026))
    at_target = {code for code, value in shares.items() if value >= 80}
    assert set(ranking.leaders) == at_target
    assert ranking.leaders[:3] == (CODES[19], CODES[18], CODES[17])
    assert ranking.laggards == (CODES[0], CODES[1])
