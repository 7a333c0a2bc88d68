"""The road to the target: gaps, pace achieved, pace needed and a year-end projection.

The definitions of each figure are DEFINITIONS below, which /stats/progress publishes with them.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from geo.definitions import NATIONAL_CODE
from geo.indicators import Figure, figures_from_frame, row_share
from geo.programme import objects_to_target, roadmap_path, target_share
from geo.vocabulary import OPERATING

__all__ = ["AreaProgress", "Pace", "area_progress", "progress", "target_share"]

DAYS_PER_MONTH = 365.25 / 12

# What each figure of the road to the target means, as published beside the figures.
DEFINITIONS = (
    "Each figure is null where an input is missing, never estimated; the target path and the "
    "share are the programme's ("
    + "/".join(f"{share:g}" for share in roadmap_path().values())
    + f"% by the end of {min(roadmap_path())}-{max(roadmap_path())}). "
    "gap: objects still to adapt for adapted / registered to reach the target (needs both "
    "counts). pace achieved: objects adapted per month between two dated counts of the same "
    "area (both dates precise to the day or month; a year-only date gives no pace); the current "
    "pace is the one between the last two such counts. pace needed: the gap divided by the "
    "months from the latest count to the end of the year. projection: the share at the end of "
    "the year if the current pace holds. rank: position by share among areas with a share "
    "(1 = highest)."
)


def _as_date(text: str | None) -> date | None:
    """A date precise enough for a monthly pace: YYYY-MM-DD, or YYYY-MM as mid-month."""
    if not text or len(text) < 7:
        return None
    year, month = int(text[:4]), int(text[5:7])
    return date(year, month, int(text[8:10]) if len(text) >= 10 else 15)


def months_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


@dataclass(frozen=True, slots=True)
class Pace:
    per_month: float
    start: Figure
    end: Figure


@dataclass(frozen=True, slots=True)
class AreaProgress:
    area_code: str
    year: int
    target: float
    adapted: Figure | None
    registered: Figure | None
    share: float | None
    gap: int | None
    gap_2027: int | None
    paces: tuple[Pace, ...] = field(default=())
    pace_needed: float | None = None
    projected_share: float | None = None
    rank: int | None = None

    @property
    def current_pace(self) -> Pace | None:
        return self.paces[-1] if self.paces else None

    @property
    def on_track(self) -> bool | None:
        if self.projected_share is None:
            return None
        return self.projected_share >= self.target


def dated_series(observations: pd.DataFrame, area: str, indicator: str, year: int) -> list[Figure]:
    """An area's comparable dated figures of `indicator` up to `year`, oldest first."""
    rows = observations[
        (observations["area_code"] == area)
        & (observations["indicator"] == indicator)
        & observations["comparable"].astype(bool)
        & observations["as_of_year"].notna()
    ]
    rows = rows[rows["as_of_year"] <= year].sort_values(["as_of", "source"])
    return figures_from_frame(rows)


def paces(counts: list[Figure]) -> tuple[Pace, ...]:
    """Monthly pace between consecutive dated counts (same count twice gives pace 0)."""
    dated = [(d, f) for f in counts if (d := _as_date(f.as_of)) is not None]
    result = []
    for (start_day, start), (end_day, end) in itertools.pairwise(dated):
        months = months_between(start_day, end_day)
        if months >= 0.5:  # a few days apart says nothing about a monthly pace
            result.append(Pace(round((end.value - start.value) / months, 1), start, end))
    return tuple(result)


ROW_INDICATORS = ("objects_adapted", "objects_total", "adapted_share")


def area_progress(observations: pd.DataFrame, area: str, year: int) -> AreaProgress:
    return _area_progress(
        area,
        year,
        {
            indicator: dated_series(observations, area, indicator, year)
            for indicator in ROW_INDICATORS
        },
    )


def _area_progress(area: str, year: int, series: dict[str, list[Figure]]) -> AreaProgress:
    """An area's progress from its dated comparable figures up to `year`, per indicator, each
    list in (as_of, source) order as dated_series gives it."""
    target = target_share(year)
    adapted_series = series["objects_adapted"]
    adapted = adapted_series[-1] if adapted_series else None
    registered = share_figure = None
    if adapted is not None and adapted.as_of is not None:
        # The base and a stated share must come from the same source row as the count, or the
        # share mixes bases; the row's share is the programme's definition (geo.programme).
        row = {}
        for indicator in ROW_INDICATORS:
            same = [
                f
                for f in series[indicator]
                if f.as_of == adapted.as_of and f.source == adapted.source
            ]
            if same:
                row[indicator] = same[-1]
        registered = row.get("objects_total")
        share_figure = row_share(row)
    share = share_figure.value if share_figure is not None else None
    gap = gap_2027 = None
    if adapted is not None and registered is not None and registered.value > 0:
        gap = objects_to_target(adapted.value, registered.value, target)
        gap_2027 = objects_to_target(adapted.value, registered.value, 100.0)
    achieved = paces(adapted_series)
    pace_needed = projected = None
    latest_day = _as_date(adapted.as_of) if adapted else None
    if gap is not None and latest_day is not None and registered is not None and adapted:
        months_left = months_between(latest_day, date(year, 12, 31))
        if months_left > 0:
            pace_needed = round(gap / months_left, 1)
            if achieved:
                end_count = adapted.value + achieved[-1].per_month * months_left
                projected = round(min(100.0, 100 * end_count / registered.value), 1)
    return AreaProgress(
        area,
        year,
        target,
        adapted,
        registered,
        share,
        gap,
        gap_2027,
        achieved,
        pace_needed,
        projected,
    )


def progress(observations: pd.DataFrame, areas: list[str], year: int) -> list[AreaProgress]:
    """Progress of every area (regions and the country), ranked by share where known."""
    # Filtered, sorted and split once (what dated_series does per area and indicator): filtering the
    # whole history per area and indicator grew with it.
    values = observations[
        observations["indicator"].isin(ROW_INDICATORS)
        & observations["comparable"].astype(bool)
        & observations["as_of_year"].notna()
    ]
    values = values[values["as_of_year"] <= year].sort_values(["as_of", "source"])
    counts = values[values["indicator"] == "objects_adapted"]
    adapted = {
        str(area): figures_from_frame(part)
        for area, part in counts.groupby("area_code", sort=False)
    }
    # Of the other figures only those of each area's latest count's source row are read: found
    # by (area, as_of, source) instead of turning the whole history into figures.
    others = values[values["indicator"] != "objects_adapted"]
    rows = others.groupby(["area_code", "as_of", "source"], sort=False).indices
    items = []
    for area in areas:
        series: dict[str, list[Figure]] = {indicator: [] for indicator in ROW_INDICATORS} | {
            "objects_adapted": adapted.get(area, [])
        }
        latest = series["objects_adapted"][-1] if series["objects_adapted"] else None
        if latest is not None and latest.as_of is not None:
            same = others.iloc[rows.get((area, latest.as_of, latest.source), [])]  # in order
            for indicator, part in same.groupby("indicator", sort=False):
                series[str(indicator)] = figures_from_frame(part)
        items.append(_area_progress(area, year, series))
    regional = sorted(
        (p for p in items if p.share is not None and p.area_code != NATIONAL_CODE),
        key=lambda p: -(p.share or 0.0),
    )
    ranks = {p.area_code: position for position, p in enumerate(regional, start=1)}
    return [dataclasses.replace(p, rank=ranks.get(p.area_code)) for p in items]


def by_gap(items: list[AreaProgress]) -> list[AreaProgress]:
    """Largest gap first; areas without a gap last, in code order."""
    return sorted(items, key=lambda p: (p.gap is None, -(p.gap or 0), p.area_code))


@dataclass(frozen=True, slots=True)
class CentreSummary:
    iso_code: str
    by_kind_status: dict[str, dict[str, int]]
    places: dict[str, int]  # sum of stated capacities of operating centres, by kind
    capacity_unknown: dict[str, int]  # operating centres without a stated capacity, by kind

    def operating(self, kind: str) -> int:
        return self.by_kind_status.get(kind, {}).get(OPERATING, 0)


def centre_summaries(centres: pd.DataFrame, areas: list[str]) -> list[CentreSummary]:
    summaries = []
    for area in areas:
        mine = centres[centres["iso_code"] == area]
        counts: dict[str, dict[str, int]] = {}
        places: dict[str, int] = {}
        unknown: dict[str, int] = {}
        for _, row in mine.iterrows():
            kind, status = str(row["kind"]), str(row["status"])
            counts.setdefault(kind, {}).setdefault(status, 0)
            counts[kind][status] += 1
            if status == OPERATING:
                capacity = row["capacity"]
                if capacity is None or (isinstance(capacity, float) and math.isnan(capacity)):
                    unknown[kind] = unknown.get(kind, 0) + 1
                else:
                    places[kind] = places.get(kind, 0) + int(capacity)
        summaries.append(CentreSummary(area, counts, places, unknown))
    return summaries


def regions_without(summaries: list[CentreSummary], kind: str) -> list[str]:
    """Regions with no operating centre of `kind` among the identified centres."""
    return [s.iso_code for s in summaries if s.operating(kind) == 0]
