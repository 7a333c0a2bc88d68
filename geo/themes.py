"""Map themes: mutually exclusive ways to colour the regions, each with its own legend and title.

Themes never stack: one theme paints the regions at a time, so no colour can mean two things.
Centre layers stay independent overlays. Every theme's legend entries are listed here, with a
non-colour cue where colour alone would not do (the colour-vision test checks them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from geo import classify
from geo.definitions import Lang
from geo.i18n import t
from geo.indicators import RegionYear
from geo.vocabulary import PLAN_GROUP_COLOURS, PLAN_GROUPS, Standing, plan_group_colour

Theme = Literal["share", "adapted", "plan2023", "standing"]
THEMES: tuple[Theme, ...] = ("share", "adapted", "plan2023", "standing")
DEFAULT_THEME: Theme = "share"

# The adapted-objects theme: regions in a neutral ground, the counts as circles.
SYMBOL_GROUND = "#f0f0f0"
SYMBOL_COLOUR = "#525252"
SYMBOL_MAX_RADIUS_PX = 28.0
SYMBOL_REFERENCE_COUNTS = (250, 1000, 2000)
# The ministry's standing theme: a colour-blind-safe pair (PuOr ends) plus ▲/▼ in every label.
STANDING_COLOURS: dict[Standing, str] = {"leader": "#5e3c99", "laggard": "#e66101"}
NOT_NAMED_COLOUR = "#ffffff"


@dataclass(frozen=True, slots=True)
class LegendEntry:
    colour: str
    label: str
    cue: str = ""  # a non-colour cue: "hatch", "dots", "circle", "▲", "▼"; "" for colour only
    radius: float = 0.0  # for "circle": the symbol's radius in pixels


def symbol_radius(count: float, largest: float) -> float:
    """Circle radius in pixels, area proportional to the count (Flannery-free, plain sqrt)."""
    if largest <= 0:
        return 0.0
    return round(SYMBOL_MAX_RADIUS_PX * math.sqrt(count / largest), 1)


def region_fill(
    theme: Theme, figures: RegionYear, plan_group: str | None, reported: Standing | None
) -> str:
    if theme == "adapted":
        return SYMBOL_GROUND
    if theme == "plan2023":
        return plan_group_colour(plan_group) or classify.NO_DATA_COLOUR
    if theme == "standing":
        return STANDING_COLOURS[reported] if reported else NOT_NAMED_COLOUR
    return classify.fill_for(figures)


def region_cue(theme: Theme, figures: RegionYear, plan_group: str | None) -> str:
    """The non-colour cue a region carries in a theme: hatching for no data, dots for count only."""
    if theme == "share" and figures.status != "share":
        return "hatch" if figures.status == "no_data" else "dots"
    if theme == "plan2023" and plan_group is None:
        return "hatch"
    return ""


def title(theme: Theme, lang: Lang, when: str = "") -> str:
    """The theme's title; `when` is the ministry's (inferred) date for the standing theme."""
    return t(f"theme_{theme}_title", lang, when=when)


def legend(theme: Theme, lang: Lang, largest_count: float = 0.0) -> list[LegendEntry]:
    """The legend of one theme: every colour its regions can take, and what each means."""
    if theme == "adapted":
        entries = [
            LegendEntry(
                SYMBOL_COLOUR,
                t("symbol_count", lang, count=f"{count:,}"),
                "circle",
                symbol_radius(count, largest_count),
            )
            for count in SYMBOL_REFERENCE_COUNTS
            if count <= max(largest_count, SYMBOL_REFERENCE_COUNTS[0])
        ]
        return [*entries, LegendEntry(SYMBOL_GROUND, t("no_count", lang))]
    if theme == "plan2023":
        entries = [LegendEntry(PLAN_GROUP_COLOURS[g], t(g, lang)) for g in PLAN_GROUPS]
        return [*entries, LegendEntry(classify.NO_DATA_COLOUR, t("no_data", lang), "hatch")]
    if theme == "standing":
        return [
            LegendEntry(STANDING_COLOURS["leader"], t("ministry_leader", lang), "▲"),
            LegendEntry(STANDING_COLOURS["laggard"], t("ministry_laggard", lang), "▼"),
            LegendEntry(NOT_NAMED_COLOUR, t("not_named_by_ministry", lang)),
        ]
    entries = [
        LegendEntry(
            item.colour,
            f"{item.label()} — "
            + t("below_target" if item.below_target else "at_or_above_target", lang),
        )
        for item in classify.CLASSES
    ]
    return [
        *entries,
        LegendEntry(classify.COUNT_ONLY_COLOUR, t("count_only", lang), "dots"),
        LegendEntry(classify.NO_DATA_COLOUR, t("no_data", lang), "hatch"),
    ]


def parse_theme(text: str | None) -> Theme | None:
    if text is None or text == "":
        return DEFAULT_THEME
    return next((theme for theme in THEMES if theme == text), None)
