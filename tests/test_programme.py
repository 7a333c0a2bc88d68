"""The programme's rules and the data vocabularies are defined once and used everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.db import queries
from geo import programme, vocabulary
from geo.indicators import figure_from_row
from tests.conftest import Database

ROOT = Path(__file__).resolve().parents[1]
CODE = [
    path
    for folder in ("geo", "render", "api")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".py", ".html") and "migrations" not in path.parts
]


def test_roadmap_path_and_goal() -> None:
    assert programme.roadmap_path() == {2023: 20, 2024: 40, 2025: 60, 2026: 80, 2027: 100}
    assert programme.target_share(programme.GOAL_YEAR) == programme.GOAL_SHARE == 80
    assert programme.target_share(2022) == 0 and programme.target_share(2030) == 100
    assert programme.computed_share(1, 0) is None
    assert programme.computed_share(1578, 2367) == 66.7


@pytest.mark.parametrize(
    ("count", "leaders", "laggards"), [(0, 0, 0), (1, 0, 0), (2, 1, 1), (5, 2, 2), (8, 3, 2)]
)
def test_rank_rule(count: int, leaders: int, laggards: int) -> None:
    rule = programme.RankRule(count)
    assert (rule.leaders, rule.laggards) == (leaders, laggards)
    assert programme.too_few_to_rank(count) == (count < 5)


def _occurrences(pattern: str) -> list[str]:
    found = []
    for path in CODE:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(pattern, line):
                found.append(f"{path.relative_to(ROOT)}:{number}")
    return found


@pytest.mark.parametrize(
    ("pattern", "home"),
    [
        # centre colours and the plan-group colours
        *(
            (re.escape(t.colour), "geo/vocabulary.py")
            for t in vocabulary.CENTRE_KIND_TERMS.values()
        ),
        *((re.escape(c), "geo/vocabulary.py") for c in vocabulary.PLAN_GROUP_COLOURS.values()),
        # the goal and the target path
        # 80 as a number in code (not "80%" in a text, not a String(80) column width)
        (r"(?<![\w.#(])80(\.0)?\b(?![%\d–-])", "geo/programme.py"),
        (r"(?<![\w.#(-])(?<!spring )(?<!весна )2026\b(?![-–])", "geo/programme.py"),
        (r"\b(20 \* \(year|TARGET_SHARE|TARGET_YEAR)", None),
        (r"ranked_from < ", None),
        # the country's bounding box
        (r"46\.4, 40\.5", "geo/definitions.py"),
        # the status and kind vocabularies as literals (uploads' parser is rewritten elsewhere)
        (r"\"(operating|under_construction|planned)\"", "geo/vocabulary.py"),
    ],
)
def test_each_rule_is_defined_once(pattern: str, home: str | None) -> None:
    places = [
        place
        for place in _occurrences(pattern)
        # i18n examples and width/height numbers are no rules; the style sheet's sizes neither
        if not place.startswith(("render/templates/map_page.css", "geo/i18n", "api/routers/tiles"))
    ]
    expected = [] if home is None else [place for place in places if place.startswith(home)]
    assert places == expected, places
    if home is not None:
        # numbers and colours once; the status words are the vocabulary's own entries
        assert len(expected) == 1 or (home == "geo/vocabulary.py" and "operating" in pattern)
        assert expected, pattern


def test_date_quality_is_stored_and_read_back(db: Database) -> None:
    frame = queries.observations_frame(db.engine)
    standing = frame[frame["indicator"] == "reported_standing"]
    assert set(standing["as_of_quality"]) == {"inferred"}
    atyrau = frame[(frame["area_code"] == "KZ-23") & (frame["indicator"] == "objects_adapted")]
    assert list(atyrau["as_of_quality"]) == ["undated"]
    by_year = frame[(frame["area_code"] == "KZ-31") & (frame["as_of"] == "2024")]
    assert set(by_year["as_of_quality"]) == {"year"}
    # A row without a stated quality (an upload) takes what its date's precision says.
    row = by_year.iloc[0].copy()
    row["as_of_quality"] = None
    assert figure_from_row(row).as_of_quality == "year"
