"""Dated points of an indicator per area, as the progress chart and its table show them.

Only comparable figures dated to the day or month are points: a year alone cannot be placed on a
time axis. Joining points into lines, by base, is the chart's business (render.progress_chart).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.definitions import NATIONAL_CODE
from geo.indicators import figure_from_row

# The programme's first year: earlier points are outside the roadmap the chart is drawn against.
SERIES_START = date(2023, 1, 1)


@dataclass(frozen=True, slots=True)
class Point:
    as_of: str
    value: float
    quality: str
    source: str


@dataclass(frozen=True, slots=True)
class Series:
    area_code: str
    indicator: str  # adapted_share or objects_adapted
    points: tuple[Point, ...]


def series(observations: pd.DataFrame, indicator: str) -> list[Series]:
    """Dated comparable points of `indicator` per area (national first), day or month dates."""
    rows = observations[
        (observations["indicator"] == indicator)
        & observations["comparable"].astype(bool)
        & (observations["as_of"].fillna("").str.len() >= 7)
    ].sort_values(["area_code", "as_of"])
    found = []
    for area, part in rows.groupby("area_code", sort=False):
        figures = [figure_from_row(row) for row in part.to_dict("records")]
        points = tuple(
            Point(f.as_of or "", f.value, f.as_of_quality, f.source)
            for f in figures
            if f.as_of and point_day(f.as_of) >= SERIES_START
        )
        if points:
            found.append(Series(str(area), indicator, points))
    return sorted(found, key=lambda s: (s.area_code != NATIONAL_CODE, s.area_code))


def point_day(as_of: str) -> date:
    """Where a dated point sits on a time axis; a month-only date sits mid-month."""
    return date(int(as_of[:4]), int(as_of[5:7]), int(as_of[8:10]) if len(as_of) >= 10 else 15)
