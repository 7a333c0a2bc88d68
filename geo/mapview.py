"""The map's view model: what every region shows for a year and language, ready to render.

Built from the stored frames (regions, observations, centres); the renderers (the Folium page,
later tiles and images) only draw what is here, so they agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from geo import classify, progress_series, themes
from geo.catalogue import table
from geo.dates import date_text, dated
from geo.definitions import NATIONAL_CODE, Lang, get_indicator
from geo.i18n import t
from geo.indicators import (
    Figure,
    RegionYear,
    ViewMode,
    category_by_region,
    national_share,
    regions_for_year,
    row_quality,
    view_year,
    years_with_data,
)
from geo.ministry import MinistryMark, ministry_marks
from geo.programme import GOAL_SHARE, GOAL_YEAR, too_few_to_rank
from geo.progress import AreaProgress, by_gap, months_between, progress
from geo.progress_series import Series
from geo.regions import get_region
from geo.standing import Comparison, Ranking, compare, rank
from geo.themes import DEFAULT_THEME, Theme
from geo.vocabulary import OPERATING, REPORTED_TO_STANDING


@dataclass(frozen=True, slots=True)
class CentreView:
    name: str
    kind: str
    iso_code: str
    operator: str | None
    capacity: int | None
    capacity_text: str | None
    status: str
    opening: str | None
    source: str
    source_date: str | None
    approximate: bool
    lon: float | None
    lat: float | None


@dataclass(frozen=True, slots=True)
class RegionView:
    iso_code: str
    name: str
    kind: str
    figures: RegionYear
    fill: str
    class_index: int | None
    computed_standing: str | None
    reported_standing: str | None
    plan_2023: str | None
    centres: dict[str, dict[str, int]]  # kind -> status -> number of identified centres

    def operating(self, kind: str) -> int:
        """Operating centres of `kind` only: planned and unbuilt ones serve nobody yet."""
        return self.centres.get(kind, {}).get(OPERATING, 0)

    def not_operating(self, kind: str) -> dict[str, int]:
        return {s: n for s, n in self.centres.get(kind, {}).items() if s != OPERATING and n}


@dataclass(slots=True)
class MapView:
    lang: Lang
    year: int
    mode: ViewMode
    theme: Theme
    years: list[int]
    target: float
    regions: list[RegionView]
    ranking: Ranking
    comparisons: tuple[Comparison, ...]
    reported_as_of: str | None
    national: Figure | None
    centres: list[CentreView] = field(default_factory=list)
    ministry: list[MinistryMark] = field(default_factory=list)
    share_series: list[Series] = field(default_factory=list)  # the progress chart's points
    count_series: list[Series] = field(default_factory=list)
    road: list[AreaProgress] = field(default_factory=list)  # gaps to the goal (geo.programme)

    def area_name(self, code: str) -> str:
        return t("country", self.lang) if code == NATIONAL_CODE else self.region(code).name

    def region(self, iso_code: str) -> RegionView:
        return next(view for view in self.regions if view.iso_code == iso_code)

    def counts(self) -> dict[str, int]:
        statuses = [view.figures.status for view in self.regions]
        reached = sum(
            1
            for view in self.regions
            if view.figures.share is not None and view.figures.share.value >= self.target
        )
        return {
            "reached": reached,
            "with_share": statuses.count("share"),
            "count_only": statuses.count("count_only"),
            "no_data": statuses.count("no_data"),
            "unknown": statuses.count("count_only") + statuses.count("no_data"),
        }

    @property
    def few_shares(self) -> bool:
        return too_few_to_rank(self.ranking.ranked_from)

    def summary(self) -> str:
        """What the view holds, never claiming more regions than have a share."""
        counts = self.counts()
        if counts["with_share"] == 0:
            key = "summary_no_share"
        else:
            key = "summary_some" if counts["reached"] else "summary_none"
        return f"{t(key, self.lang, **counts)} {self.national_sentence()}"

    def national_sentence(self) -> str:
        if self.national is None:
            key = "national_none_latest" if self.mode == "latest" else "national_none_year"
            return t(key, self.lang, year=self.year)
        figure = t(
            "national_figure",
            self.lang,
            share=f"{self.national.value:g}",
            as_of=date_text(self.national, self.lang),
            source=source_label(self.national.source, self.lang),
        )
        key = "national_latest" if self.mode == "latest" else "national_year"
        return t(key, self.lang, year=self.year, figure=figure)

    def view_label(self) -> str:
        """Which view this is, as the page and images title it."""
        return t(f"view_{self.mode}", self.lang, year=self.year)

    def query(self) -> str:
        """The view's permalink parameters: a link never drifts when new data arrive."""
        return f"view={self.mode}&year={self.year}&lang={self.lang}&theme={self.theme}"

    def theme_title(self) -> str:
        when = self.ministry[0].when if self.ministry else "—"
        return themes.title(self.theme, self.lang, when)

    def legend(self) -> list[themes.LegendEntry]:
        return themes.legend(self.theme, self.lang, self.largest_count())

    def largest_count(self) -> float:
        counts = [v.figures.adapted.value for v in self.regions if v.figures.adapted is not None]
        return max(counts, default=0.0)

    def symbol_radius(self, view: RegionView) -> float | None:
        """The adapted theme's circle for a region (None without a count)."""
        if view.figures.adapted is None:
            return None
        return themes.symbol_radius(view.figures.adapted.value, self.largest_count())

    def regions_without_operating(self, kind: str) -> list[RegionView]:
        return [view for view in self.regions if view.operating(kind) == 0]

    def unplaced_centres(self) -> dict[str, list[CentreView]]:
        """Centres without coordinates, by region: listed on the page, never silently dropped."""
        unplaced: dict[str, list[CentreView]] = {}
        for centre in self.centres:
            if centre.lon is None or centre.lat is None:
                unplaced.setdefault(centre.iso_code, []).append(centre)
        return unplaced

    def pace_today(self, today: date | None = None) -> tuple[str, float] | None:
        """Objects a month the country needs from today to reach the goal by the end of the goal
        year (None without a gap or after the goal year), with today's date."""
        today = today or date.today()
        national = next((item for item in self.road if item.area_code == NATIONAL_CODE), None)
        months = months_between(today, date(GOAL_YEAR, 12, 31))
        if national is None or national.gap is None or months <= 0:
            return None
        return today.isoformat(), round(national.gap / max(months, 0.5), 0)

    def ministry_mark(self, code: str) -> MinistryMark | None:
        return next((mark for mark in self.ministry if mark.iso_code == code), None)

    def ranked_label(self, code: str) -> str:
        """A data-derived standing with its basis: among how many regions it was ranked."""
        standing = self.region(code).computed_standing
        return t(
            "ranked_label",
            self.lang,
            standing=t(standing or "neither", self.lang),
            region=self.region(code).name,
            n=self.ranking.ranked_from,
        )

    def comparison_sentences(self) -> list[str]:
        sentences = []
        for item in self.comparisons:
            name = self.region(item.iso_code).name
            standing = t(item.reported, self.lang) if item.reported else ""
            computed = t(item.computed, self.lang) if item.computed else t("neither", self.lang)
            sentences.append(
                t(
                    item.kind,
                    self.lang,
                    region=name,
                    standing=standing,
                    computed=computed,
                    year=self.year,
                )
            )
        return sentences


def source_label(source: str, lang: Lang) -> str:
    """Short label of a source: the host of a URL, or the document's first words, in `lang`
    where the catalogue names that document (namespace `source`), else as the data give it."""
    if source.startswith(("http://", "https://")):
        host = source.split("/")[2]
        return host.removeprefix("www.")
    title = source.split(",")[0]
    named = _DOCUMENTS.get(title)
    return named[lang] if named else title


# The documents the catalogue translates, by their English title as the data cite them.
_DOCUMENTS = {texts["en"]: texts for texts in table("source").values()}


def _centre_views(centres: gpd.GeoDataFrame) -> list[CentreView]:
    views = []
    for _, row in centres.iterrows():
        point = row.geometry
        placed = point is not None and not point.is_empty
        views.append(
            CentreView(
                name=str(row["name"]),
                kind=str(row["kind"]),
                iso_code=str(row["iso_code"]),
                operator=_text(row["operator"]),
                capacity=None if pd.isna(row["capacity"]) else int(row["capacity"]),
                capacity_text=_text(row["capacity_text"]),
                status=str(row["status"]),
                opening=_text(row["opening"]),
                source=str(row["source"]),
                source_date=_text(row["source_date"]),
                approximate=row["location_precision"] == "settlement",
                lon=float(point.x) if placed else None,
                lat=float(point.y) if placed else None,
            )
        )
    return views


def _centre_counts(centres: list[CentreView], code: str) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for centre in centres:
        if centre.iso_code == code:
            by_status = counts.setdefault(centre.kind, {})
            by_status[centre.status] = by_status.get(centre.status, 0) + 1
    return counts


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def build_map_view(
    regions: gpd.GeoDataFrame,
    observations: pd.DataFrame,
    centres: gpd.GeoDataFrame,
    *,
    lang: Lang,
    year: int | None = None,
    mode: ViewMode = "latest",
    theme: Theme = DEFAULT_THEME,
) -> MapView:
    """The view of `year` in `mode` (default: latest known, up to the last year with data)."""
    years = years_with_data(observations)
    chosen = view_year(observations, year, mode)
    if chosen is None:
        chosen = pd.Timestamp.today().year
    codes = [str(code) for code in regions["iso_code"]]
    figures = regions_for_year(observations, codes, chosen, mode)
    ranking = rank(figures)
    reported_rows = category_by_region(observations, "reported_standing")
    reported = {code: str(row["value_text"]) for code, row in reported_rows.items()}
    plan = category_by_region(observations, "plan_fulfilment_2023")
    centre_views = _centre_views(centres)
    views = []
    for code in codes:
        share = figures[code].share
        class_index = None if share is None else classify.classify_shares([share.value])[0]
        standing = reported.get(code)
        plan_group = str(plan[code]["value_text"]) if code in plan else None
        fill = themes.region_fill(
            theme, figures[code], plan_group, REPORTED_TO_STANDING.get(standing or "")
        )
        views.append(
            RegionView(
                iso_code=code,
                name=get_region(code).name(lang),
                kind=get_region(code).kind,
                figures=figures[code],
                fill=fill,
                class_index=class_index,
                computed_standing=ranking.standing(code),
                reported_standing="laggard" if standing == "lagging" else standing,
                plan_2023=plan_group,
                centres=_centre_counts(centre_views, code),
            )
        )
    dated_rows = sorted(
        (row for row in reported_rows.values() if isinstance(row["as_of"], str)),
        key=lambda row: str(row["as_of"]),
    )
    reported_as_of = (
        dated(str(dated_rows[-1]["as_of"]), row_quality(dated_rows[-1]), lang)
        if dated_rows
        else None
    )
    return MapView(
        lang=lang,
        year=chosen,
        mode=mode,
        theme=theme,
        years=years,
        target=GOAL_SHARE,
        regions=views,
        ranking=ranking,
        comparisons=compare(figures, ranking, reported).comparisons,
        reported_as_of=reported_as_of,
        national=national_share(observations, chosen, mode),
        centres=centre_views,
        ministry=ministry_marks(observations, lang),
        share_series=progress_series.series(observations, "adapted_share"),
        count_series=progress_series.series(observations, "objects_adapted"),
        road=by_gap(progress(observations, [NATIONAL_CODE, *codes], GOAL_YEAR)),
    )


def definition(code: str, lang: Lang) -> str:
    return get_indicator(code).definition[lang]
