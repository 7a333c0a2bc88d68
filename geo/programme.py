"""The accessibility programme's rules, defined once: every map, table, image and text uses these.

- Roadmap (Amanat party, 2023-2027): all objects on the Interactive Accessibility Map adapted,
  20% a year, so the cumulative target for the end of a year is 20% (2023), 40%, 60%, 80% (2026,
  the goal the map is measured against), 100% (2027).
- Share of a region: the share a source states, else 100 × adapted / registered when one source
  row (same date, same source) states both counts; never across rows, which may count different
  bases.
- Standing computed from the data: among the N regions with a share, leaders are the three highest
  shares (at most N // 2) plus every region at or above the goal; laggards the two lowest (at most
  N // 2), never a leader; fewer than two shares rank nobody, and fewer than FEW_SHARES is said to
  be too few to rank meaningfully.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

ROADMAP_FIRST_YEAR: Final = 2023
ROADMAP_LAST_YEAR: Final = 2027
STEP_PER_YEAR: Final = 20.0  # percentage points a year
GOAL_YEAR: Final = 2026
GOAL_SHARE: Final = 80.0  # percent of registered objects fully adapted by the end of GOAL_YEAR

TOP_LEADERS: Final = 3
BOTTOM_LAGGARDS: Final = 2
MIN_SHARES_TO_RANK: Final = 2
FEW_SHARES: Final = 5  # below this many shares, a ranking is flagged as resting on very few

# Counts dated before 2024 count against other bases (the 2021-2025 plan's ~22 thousand priority
# objects; regional lists of their own); from 2024 the releases count against the >40 thousand
# objects of the accessibility map (seed/SOURCES.md). Counts of different bases never share a line.
MAP_BASE_FROM: Final = "2024"
EARLIER_BASE: Final = "earlier_lists"
MAP_BASE: Final = "map_2023_2027"

SHARE_DERIVATION: Final = "computed here: 100 × objects_adapted / objects_total (same source row)"


def target_share(year: int) -> float:
    """Cumulative roadmap target for the end of `year` (0 before 2023, capped at 100%)."""
    steps = year - ROADMAP_FIRST_YEAR + 1
    return float(min(100.0, max(0.0, STEP_PER_YEAR * steps)))


def roadmap_path() -> dict[int, float]:
    """The roadmap's targets by year: {2023: 20.0, ..., 2027: 100.0}."""
    return {year: target_share(year) for year in range(ROADMAP_FIRST_YEAR, ROADMAP_LAST_YEAR + 1)}


def objects_to_target(adapted: float, registered: float, target: float) -> int:
    """Objects still to adapt for adapted / registered to reach `target` % (never negative)."""
    return max(0, math.ceil(registered * target / 100 - adapted - 1e-9))


def computed_share(adapted: float, registered: float) -> float | None:
    """100 × adapted / registered, to one decimal; None without a positive base."""
    if registered <= 0:
        return None
    return round(100 * adapted / registered, 1)


def reached_goal(share: float) -> bool:
    return share >= GOAL_SHARE


def too_few_to_rank(count: int) -> bool:
    """Whether a ranking among `count` shares rests on too few to mean much."""
    return count < FEW_SHARES


@dataclass(frozen=True, slots=True)
class RankRule:
    """How many leaders and laggards a ranking among `count` shares names."""

    count: int

    @property
    def ranks(self) -> bool:
        return self.count >= MIN_SHARES_TO_RANK

    @property
    def cap(self) -> int:
        return self.count // 2

    @property
    def leaders(self) -> int:
        return min(TOP_LEADERS, self.cap) if self.ranks else 0

    @property
    def laggards(self) -> int:
        return min(BOTTOM_LAGGARDS, self.cap) if self.ranks else 0


def count_base(as_of: str) -> str:
    """Which base a dated count counts against (see MAP_BASE_FROM)."""
    return MAP_BASE if as_of[:4] >= MAP_BASE_FROM else EARLIER_BASE


def same_base_segments(dates: list[str]) -> list[list[int]]:
    """Indices of date-ordered points grouped into runs of the same base (one line each)."""
    segments: list[list[int]] = []
    for index, as_of in enumerate(dates):
        if segments and count_base(dates[segments[-1][-1]]) == count_base(as_of):
            segments[-1].append(index)
        else:
            segments.append([index])
    return segments
