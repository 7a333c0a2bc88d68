"""A one-file summary for officials: country map, ranking and gap tables, with sources."""

from __future__ import annotations

import base64

import geopandas as gpd
import pandas as pd

from geo.attribution import boundary_attribution
from geo.dates import date_text
from geo.definitions import NATIONAL_CODE, Lang, get_indicator
from geo.i18n import t
from geo.indicators import default_year
from geo.mapview import build_map_view
from geo.programme import target_share
from geo.progress import by_gap, progress
from render.page import _fmt
from render.static_map import country_map_png
from render.templating import template


def report_html(
    shapes: gpd.GeoDataFrame,
    observations: pd.DataFrame,
    centres: gpd.GeoDataFrame,
    *,
    year: int,
    lang: Lang,
) -> str:
    """The report for `year`: figures up to that year, the map of its latest year with shares."""
    earlier = observations[observations["as_of_year"].isna() | (observations["as_of_year"] <= year)]
    map_year = default_year(earlier) or year
    view = build_map_view(shapes, observations, centres, lang=lang, year=map_year)
    png = country_map_png(view, shapes)
    codes = [str(code) for code in shapes["iso_code"]]
    items = progress(observations, [NATIONAL_CODE, *codes], year)
    ranked = sorted((p for p in items if p.rank is not None), key=lambda p: p.rank or 0)
    return template("report.html").render(
        lang=lang,
        year=year,
        map_year=map_year,
        view=view,
        t=t,
        fmt=_fmt,
        target=target_share(year),
        ranked=ranked,
        gaps=[p for p in by_gap(items) if p.gap],
        no_gap=[p for p in items if p.gap is None and p.area_code != NATIONAL_CODE],
        map_png=base64.b64encode(png).decode(),
        attribution=boundary_attribution(lang),
        date_text=date_text,
        definition=get_indicator("adapted_share").definition[lang],
    )
