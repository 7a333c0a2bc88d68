"""Classes and colours of the accessibility choropleth: one style definition for map and tiles.

Fixed breaks around the 80% target, so a class never straddles it; browns below the target and
blue-greens at or above it (ColorBrewer BrBG hues). Lightness falls steadily with the share, so the
classes stay apart in greyscale print and under simulated colour-vision deficiencies (checked by
tests/test_colours.py: ΔE76 ≥ 10 between any two classes); "count only" and "no data" also carry
a pattern (dots, hatching), not colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import mapclassify
import numpy as np

from geo.indicators import RegionYear
from geo.programme import GOAL_SHARE

# Upper bounds of the classes in percent; the target is a class boundary.
BREAKS: tuple[float, ...] = (40.0, 60.0, 70.0, GOAL_SHARE, 90.0, 100.0)
# BrBG's pale browns and dark teals; the two middle browns darkened (BrBG's own diverge in
# lightness, so the lowest and highest class looked alike in greyscale, ΔE 2.0).
CLASS_COLOURS: tuple[str, ...] = ("#f6e8c3", "#dfc27d", "#c99445", "#ab6e23", "#01665e", "#003c30")
COUNT_ONLY_COLOUR = "#ffffff"
NO_DATA_COLOUR = "#bdbdbd"
# Outlines darker than any class colour; laggards also dashed, so the two differ without colour.
LEADER_OUTLINE = "#003c30"
LAGGARD_OUTLINE = "#543005"
LAGGARD_DASH = "8 6"
BORDER_COLOUR = "#4d4d4d"


@dataclass(frozen=True, slots=True)
class ShareClass:
    index: int
    lower: float
    upper: float
    colour: str

    @property
    def below_target(self) -> bool:
        return self.upper <= GOAL_SHARE

    def label(self) -> str:
        closing = "]" if self.upper == 100.0 else ")"
        return f"[{self.lower:g}–{self.upper:g}{closing} %"


CLASSES: tuple[ShareClass, ...] = tuple(
    ShareClass(index, lower, upper, colour)
    for index, (lower, upper, colour) in enumerate(
        zip((0.0, *BREAKS[:-1]), BREAKS, CLASS_COLOURS, strict=True)
    )
)


def classify_shares(shares: list[float]) -> list[int]:
    """Class index of each share (mapclassify with the fixed breaks; lower bound inclusive)."""
    if not shares:
        return []
    # mapclassify's bins are closed on the right; nudge so the target itself is "at target".
    upper_bounds = [bound - 1e-9 for bound in BREAKS[:-1]] + [BREAKS[-1]]
    classifier = mapclassify.UserDefined(np.asarray(shares, dtype=float), bins=upper_bounds)
    return [int(value) for value in classifier.yb]


def fill_for(figures: RegionYear) -> str:
    """A region's colour in the share theme: its class, or the count-only / no-data state."""
    if figures.share is not None:
        return CLASSES[classify_shares([figures.share.value])[0]].colour
    return COUNT_ONLY_COLOUR if figures.status == "count_only" else NO_DATA_COLOUR
