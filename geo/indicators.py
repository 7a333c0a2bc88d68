"""Per-region figures for a view, built from sourced observations without filling any gap.

In the strict view of a year, a region's figures come from its latest comparable source row dated
in that year; in the latest-known view, from its latest row dated up to the end of the year (one
source row carries adapted, registered and share together). What that row does not state
stays None; a share is computed only from an adapted and a registered count of the same row, and
then says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from geo.definitions import NATIONAL_CODE
from geo.programme import GOAL_SHARE, SHARE_DERIVATION, computed_share, objects_to_target
from geo.vocabulary import AS_OF_QUALITIES, AsOfQuality, quality_from_precision

VALUE_INDICATORS = ("objects_adapted", "objects_total", "adapted_share")

Status = Literal["share", "count_only", "no_data"]
# "latest": each region's most recent figure up to the end of the year, with its own date (the
# default); "year": only figures dated in the year.
ViewMode = Literal["latest", "year"]
VIEW_MODES: tuple[ViewMode, ...] = ("latest", "year")


@dataclass(frozen=True, slots=True)
class Figure:
    """One number with where it came from."""

    value: float
    as_of: str | None
    source: str
    source_date: str | None
    derivation: str | None
    note: str | None
    as_of_quality: AsOfQuality = "exact"

    @property
    def date_is_exact(self) -> bool:
        return self.as_of_quality == "exact"


@dataclass(frozen=True, slots=True)
class RegionYear:
    iso_code: str
    year: int
    status: Status
    share: Figure | None
    adapted: Figure | None
    registered: Figure | None
    to_target: int | None  # objects still to adapt to reach the goal; None without a base
    previous_share: Figure | None
    previous_adapted: Figure | None

    @property
    def share_change_pp(self) -> float | None:
        if self.share is None or self.previous_share is None:
            return None
        return round(self.share.value - self.previous_share.value, 1)

    @property
    def adapted_change(self) -> float | None:
        if self.adapted is None or self.previous_adapted is None:
            return None
        return self.adapted.value - self.previous_adapted.value

    @property
    def as_of(self) -> str | None:
        for figure in (self.share, self.adapted, self.registered):
            if figure is not None:
                return figure.as_of
        return None


def row_quality(row: Mapping[Any, Any] | pd.Series) -> AsOfQuality:
    """The row's stated date quality; rows without one (uploads) get what the date implies."""
    as_of = row["as_of"] if isinstance(row["as_of"], str) else None
    stated = row.get("as_of_quality")
    return next(
        (quality for quality in AS_OF_QUALITIES if quality == stated),
        quality_from_precision(as_of),
    )


def figure_from_row(row: Mapping[Any, Any] | pd.Series) -> Figure:
    """A Figure from an observations-frame row, as a record or a Series (empty cells: None)."""
    return Figure(
        value=float(row["value"]),
        as_of=row["as_of"] if isinstance(row["as_of"], str) else None,
        source=str(row["source"]),
        source_date=row["source_date"] if isinstance(row["source_date"], str) else None,
        derivation=row["derivation"] if isinstance(row["derivation"], str) else None,
        note=row["note"] if isinstance(row["note"], str) else None,
        as_of_quality=row_quality(row),
    )


_QUALITIES: dict[str, AsOfQuality] = {quality: quality for quality in AS_OF_QUALITIES}


def figures_from_frame(frame: pd.DataFrame) -> list[Figure]:
    """`figure_from_row` of every row in order, read column by column: the same Figures without
    a dict per row (a long history has tens of thousands of rows)."""
    if frame.empty:
        return []

    def texts(column: str) -> list[str | None]:
        if column not in frame:
            return [None] * len(frame)
        return [value if isinstance(value, str) else None for value in frame[column].tolist()]

    as_ofs, stated = texts("as_of"), texts("as_of_quality")
    # What each date implies, once per distinct date (a long history repeats a few hundred).
    implied = {as_of: quality_from_precision(as_of) for as_of in set(as_ofs)}
    return [
        Figure(
            value=float(value),
            as_of=as_of,
            source=str(source),
            source_date=source_date,
            derivation=derivation,
            note=note,
            as_of_quality=_QUALITIES.get(quality or "") or implied[as_of],
        )
        for value, as_of, source, source_date, derivation, note, quality in zip(
            frame["value"].tolist(),
            as_ofs,
            frame["source"].tolist(),
            texts("source_date"),
            texts("derivation"),
            texts("note"),
            stated,
            strict=True,
        )
    ]


def comparable_values(observations: pd.DataFrame) -> pd.DataFrame:
    frame = observations[
        observations["indicator"].isin(VALUE_INDICATORS)
        & observations["comparable"].astype(bool)
        & observations["as_of_year"].notna()
    ]
    return frame.sort_values(["as_of", "source"], kind="stable")


_STATES = ("objects_adapted", "adapted_share")
_ROW_INDICATORS = (*_STATES, "objects_total")


def _latest_row(frame: pd.DataFrame) -> dict[str, Figure]:
    """Figures of the latest source row (as_of, source) that states adapted or a share.

    Prefer rows that state adapted or share; then the latest date; on the same date the most
    recent revision (an official's upload), then the row that states more; then the later row.
    One pass over plain lists: the cost grows with the stored history, not with its square, and a
    call costs no pandas grouping (a view makes one or two per region)."""
    rows = frame[frame["indicator"].isin(_ROW_INDICATORS)]
    if rows.empty:
        return {}
    if rows["as_of"].isna().any():
        return _latest_row_summarised(rows)
    # Only rows of the latest date that states adapted or a share (else of the latest date) can
    # win: narrowed to that date at once, the rest is a pass over a few rows.
    stating = rows["indicator"].isin(_STATES)
    latest_day = (rows.loc[stating, "as_of"] if stating.any() else rows["as_of"]).max()
    rows = rows[rows["as_of"] == latest_day]
    indicators, dates = rows["indicator"].tolist(), rows["as_of"].tolist()
    sources = rows["source"].tolist()
    revisions = rows["revision_id"].tolist() if "revision_id" in rows else [0] * len(rows)
    states = [indicator in _STATES for indicator in indicators]
    any_states = any(states)
    # One group per source, in order of first appearance.
    latest = max(day for day, stated in zip(dates, states, strict=True) if stated or not any_states)
    groups: dict[str, tuple[bool, int, set[str], int, list[int]]] = {}
    for position, (day, source) in enumerate(zip(dates, sources, strict=True)):
        if day != latest:
            continue
        found = groups.get(source)
        if found is None:
            found = groups[source] = (False, revisions[position], set(), position, [])
        stated, revision, named, first, members = found
        named.add(indicators[position])
        members.append(position)
        groups[source] = (
            stated or states[position],
            max(revision, revisions[position]),
            named,
            first,
            members,
        )
    best = max(groups.values(), key=lambda g: (g[0], g[1], len(g[2]), g[3]))
    chosen = rows.iloc[best[4]]
    return dict(zip(chosen["indicator"].astype(str), figures_from_frame(chosen), strict=True))


def _latest_row_summarised(rows: pd.DataFrame) -> dict[str, Figure]:
    """_latest_row for rows with an empty date (the grouping keeps them apart)."""
    flagged = rows.assign(
        _states=rows["indicator"].isin(_STATES),
        _revision=rows.get("revision_id", 0),
    )
    summary = (
        flagged.groupby(["as_of", "source"], sort=False, dropna=False)
        .agg(
            states=("_states", "any"),
            revision=("_revision", "max"),
            stated=("indicator", "nunique"),
        )
        .reset_index()
    )
    best = summary.sort_values(["states", "as_of", "revision", "stated"], kind="stable").iloc[-1]
    chosen = rows[(rows["as_of"] == best["as_of"]) & (rows["source"] == best["source"])]
    return dict(zip(chosen["indicator"].astype(str), figures_from_frame(chosen), strict=True))


def row_share(figures: dict[str, Figure]) -> Figure | None:
    """The share of one source row, by the programme's definition (geo.programme)."""
    stated = figures.get("adapted_share")
    if stated is not None:
        return stated
    adapted, registered = figures.get("objects_adapted"), figures.get("objects_total")
    if adapted is None or registered is None:
        return None
    value = computed_share(adapted.value, registered.value)
    if value is None:
        return None
    return Figure(
        value=value,
        as_of=adapted.as_of,
        source=adapted.source,
        source_date=adapted.source_date,
        derivation=SHARE_DERIVATION,
        note=None,
        as_of_quality=adapted.as_of_quality,
    )


def _region_figures(
    iso_code: str,
    year: int,
    figures: dict[str, Figure],
    previous: dict[str, Figure],
    target_share: float,
) -> RegionYear:
    share = row_share(figures)
    adapted, registered = figures.get("objects_adapted"), figures.get("objects_total")
    status: Status = "share" if share else ("count_only" if figures else "no_data")
    to_target = None
    if adapted is not None and registered is not None:
        to_target = objects_to_target(adapted.value, registered.value, target_share)
    return RegionYear(
        iso_code=iso_code,
        year=year,
        status=status,
        share=share,
        adapted=adapted,
        registered=registered,
        to_target=to_target,
        previous_share=row_share(previous),
        previous_adapted=previous.get("objects_adapted"),
    )


def region_year(
    observations: pd.DataFrame, iso_code: str, year: int, target_share: float = GOAL_SHARE
) -> RegionYear:
    """Strict single-year view: only the region's figures dated in `year`."""
    mine = comparable_values(observations[observations["area_code"] == iso_code])
    return region_year_of(mine, iso_code, year, target_share)


def region_year_of(
    mine: pd.DataFrame, iso_code: str, year: int, target_share: float = GOAL_SHARE
) -> RegionYear:
    figures = _latest_row(mine[mine["as_of_year"] == year])
    earlier = mine[mine["as_of_year"] < year]
    previous = _latest_row(earlier[earlier["as_of_year"] == earlier["as_of_year"].max()])
    return _region_figures(iso_code, year, figures, previous, target_share)


def region_latest(
    observations: pd.DataFrame, iso_code: str, year: int, target_share: float = GOAL_SHARE
) -> RegionYear:
    """Latest-known view: the region's most recent figures dated up to the end of `year`, each
    with its own date; the previous figures are the latest row dated before them."""
    mine = comparable_values(observations[observations["area_code"] == iso_code])
    return _region_latest(mine, iso_code, year, target_share)


def _region_latest(
    mine: pd.DataFrame, iso_code: str, year: int, target_share: float = GOAL_SHARE
) -> RegionYear:
    mine = mine[mine["as_of_year"] <= year]
    figures = _latest_row(mine)
    dates = [figure.as_of for figure in figures.values() if figure.as_of]
    previous = _latest_row(mine[mine["as_of"] < min(dates)]) if dates else {}
    return _region_figures(iso_code, year, figures, previous, target_share)


def years_with_data(observations: pd.DataFrame) -> list[int]:
    """Years in which at least one region has a comparable figure, oldest first."""
    values = comparable_values(observations)
    regional = values[values["area_code"] != NATIONAL_CODE]
    return sorted(int(year) for year in regional["as_of_year"].dropna().unique())


def default_year(observations: pd.DataFrame) -> int | None:
    """The latest year in which a region has a share (the mapped figure), else any figure."""
    values = comparable_values(observations)
    regional = values[values["area_code"] != NATIONAL_CODE]
    shares = regional[regional["indicator"] == "adapted_share"]
    if not shares.empty:
        return int(shares["as_of_year"].max())
    years = years_with_data(observations)
    return years[-1] if years else None


def view_year(observations: pd.DataFrame, year: int | None, mode: ViewMode) -> int | None:
    """The year a view shows: the one asked for, else the last year with data (latest-known
    view) or the latest year with a regional share (year view); None when nothing is stored.
    The map, the tiles and the regions collection all choose it here."""
    if year is not None:
        return year
    if mode == "latest":
        years = years_with_data(observations)
        return years[-1] if years else None
    return default_year(observations)


def regions_for_year(
    observations: pd.DataFrame, iso_codes: list[str], year: int, mode: ViewMode = "year"
) -> dict[str, RegionYear]:
    pick = _region_latest if mode == "latest" else region_year_of
    # Filtered and split by region once, not once per region.
    by_region = dict(tuple(comparable_values(observations).groupby("area_code", sort=False)))
    empty = observations.iloc[0:0]
    return {code: pick(by_region.get(code, empty), code, year) for code in iso_codes}


def national_share(
    observations: pd.DataFrame, year: int | None = None, mode: ViewMode = "year"
) -> Figure | None:
    """The latest national share (comparable): dated in `year` (mode "year") or up to its end
    (mode "latest"); the latest of all without a year."""
    values = comparable_values(observations)
    national = values[
        (values["area_code"] == NATIONAL_CODE) & (values["indicator"] == "adapted_share")
    ]
    if year is not None and mode == "latest":
        national = national[national["as_of_year"] <= year]
    elif year is not None:
        national = national[national["as_of_year"] == year]
    if national.empty:
        return None
    return figure_from_row(national.sort_values("as_of").iloc[-1])


def category_by_region(observations: pd.DataFrame, indicator: str) -> dict[str, pd.Series]:
    """Latest categorical observation per region (plan fulfilment group, reported standing)."""
    rows = observations[observations["indicator"] == indicator].sort_values("as_of")
    latest = rows.drop_duplicates("area_code", keep="last")
    return {str(row["area_code"]): row for _, row in latest.iterrows()}
