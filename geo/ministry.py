"""The ministry's named leaders and laggards, as marks every map output draws.

The briefing names regions without publishing shares; each mark says so, with its (inferred)
date and source, and beside it what the data themselves hold for that region. A mark is a
non-colour cue (dotted outline, ▲/▼ and a label), distinct from the data's own standing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.dates import date_text, dated
from geo.definitions import Lang
from geo.i18n import number, t
from geo.indicators import category_by_region, region_latest, row_quality
from geo.vocabulary import REPORTED_TO_STANDING, Standing

SYMBOL: dict[Standing, str] = {"leader": "▲", "laggard": "▼"}
SPRING = (3, 4, 5)


@dataclass(frozen=True, slots=True)
class MinistryMark:
    iso_code: str
    standing: Standing
    when: str  # "spring 2026 (date inferred)"
    label: str  # "▲ Leader — named by the ministry, spring 2026 (date inferred)"
    held: str  # what the data hold for the region up to that date
    source: str


def _when(as_of: str | None, quality: str, lang: Lang) -> str:
    if as_of and quality == "inferred" and len(as_of) >= 7 and int(as_of[5:7]) in SPRING:
        season = t("season_spring", lang, year=as_of[:4])
        return t("season_inferred", lang, season=season)
    return dated(as_of, quality, lang)


def _held(observations: pd.DataFrame, code: str, year: int, lang: Lang) -> str:
    figures = region_latest(observations, code, year)
    if figures.share is not None:
        held = t(
            "held_share",
            lang,
            share=f"{figures.share.value:g}",
            date=date_text(figures.share, lang),
        )
    elif figures.adapted is not None:
        count = number(figures.adapted.value, lang)
        held = t("held_adapted", lang, count=count, date=date_text(figures.adapted, lang))
    elif figures.registered is not None:
        count = number(figures.registered.value, lang)
        held = t("held_registered", lang, count=count, date=date_text(figures.registered, lang))
    else:
        held = t("held_nothing", lang)
    return t("ministry_data", lang, held=held)


def ministry_marks(observations: pd.DataFrame, lang: Lang) -> list[MinistryMark]:
    marks = []
    for code, row in category_by_region(observations, "reported_standing").items():
        standing = REPORTED_TO_STANDING.get(str(row["value_text"]))
        if standing is None:
            continue
        as_of = row["as_of"] if isinstance(row["as_of"], str) else None
        when = _when(as_of, row_quality(row), lang)
        name = t(f"ministry_{standing}", lang)
        label = t("ministry_mark", lang, standing=f"{SYMBOL[standing]} {name}", when=when)
        year = int(as_of[:4]) if as_of else pd.Timestamp.today().year
        marks.append(
            MinistryMark(
                iso_code=code,
                standing=standing,
                when=when,
                label=label,
                held=_held(observations, code, year, lang),
                source=str(row["source"]),
            )
        )
    return marks
