"""Dated points of an indicator per area, as the progress chart and its table show them.

Only comparable figures dated to the day or month are points: a year alone cannot be placed on a
time axis. Joining points into lines, by base, is the chart's business (render.progress_chart).

A long history is summarised, never thinned: each series lists its latest `LATEST_POINTS` points
as they are, and counts the earlier ones it leaves out (`Series.earlier`), so the chart and its
table can say how many exist and where to get them all (the downloads and the OGC items). The
latest point is always listed; no point is averaged, smoothed or invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.definitions import NATIONAL_CODE
from geo.indicators import figures_from_frame

# The programme's first year: earlier points are outside the roadmap the chart is drawn against.
SERIES_START = date(2023, 1, 1)
# Points listed per series: every point while a series has this many or fewer (the published
# history so far), else its latest this many. 21 areas x 24 points keeps a chart and its table to
# some hundreds of marks however much history is stored.
LATEST_POINTS = 24


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
    points: tuple[Point, ...]  # the latest LATEST_POINTS at most, oldest first
    earlier: int = 0  # dated points before `points`, counted but not listed
    first_as_of: str | None = None  # the date of the series' first point, listed or not

    @property
    def total(self) -> int:
        return self.earlier + len(self.points)


def series(observations: pd.DataFrame, indicator: str, latest: int = LATEST_POINTS) -> list[Series]:
    """Dated comparable points of `indicator` per area (national first), day or month dates;
    at most the `latest` most recent of each area, the earlier ones counted."""
    as_of = observations["as_of"].fillna("")
    rows = observations[
        (observations["indicator"] == indicator)
        & observations["comparable"].astype(bool)
        & (as_of.str.len() >= 7)
    ]
    dates = rows["as_of"]
    # Where each point sits (point_day), as an ISO day: a month-only date sits mid-month.
    days = dates.where(dates.str.len() >= 10, dates.str[:7] + "-15").str[:10]
    rows = rows[days >= SERIES_START.isoformat()].sort_values(["area_code", "as_of"])
    found = []
    for area, part in rows.groupby("area_code", sort=False):
        shown = part.tail(latest)  # the sort is by date: the latest point is always here
        points = tuple(
            Point(f.as_of or "", f.value, f.as_of_quality, f.source)
            for f in figures_from_frame(shown)
        )
        found.append(
            Series(
                str(area),
                indicator,
                points,
                earlier=len(part) - len(shown),
                first_as_of=str(part["as_of"].iloc[0]),
            )
        )
    return sorted(found, key=lambda s: (s.area_code != NATIONAL_CODE, s.area_code))


def point_day(as_of: str) -> date:
    """Where a dated point sits on a time axis; a month-only date sits mid-month."""
    return date(int(as_of[:4]), int(as_of[5:7]), int(as_of[8:10]) if len(as_of) >= 10 else 15)
