"""Leaders and laggards computed from the data, and how they compare with the ministry's list.

The rule (geo.programme, documented on the page) names leaders and laggards among the regions
with a share; every label says among how many. The ministry's reported standing is sourced data
too: it is shown as reported, beside what the figures give, and every disagreement is spelled out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from geo.indicators import RegionYear
from geo.programme import GOAL_SHARE, RankRule
from geo.vocabulary import REPORTED_TO_STANDING, Standing

__all__ = ["REPORTED_TO_STANDING", "Comparison", "Ranking", "Standing", "compare", "rank"]


@dataclass(frozen=True, slots=True)
class Ranking:
    leaders: tuple[str, ...]  # ISO codes, best first
    laggards: tuple[str, ...]  # worst first
    ranked_from: int  # number of regions with a share

    def standing(self, iso_code: str) -> Standing | None:
        if iso_code in self.leaders:
            return "leader"
        if iso_code in self.laggards:
            return "laggard"
        return None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One region where the ministry's list and the data's ranking meet or differ."""

    iso_code: str
    reported: Standing | None
    computed: Standing | None
    has_share: bool

    @property
    def kind(self) -> Literal["agree", "no_share_to_check", "disagree", "not_named"]:
        if self.reported is None:
            return "not_named"
        if not self.has_share:
            return "no_share_to_check"
        return "agree" if self.reported == self.computed else "disagree"


@dataclass(frozen=True, slots=True)
class StandingReport:
    ranking: Ranking
    comparisons: tuple[Comparison, ...] = field(default=())


def rank(regions: dict[str, RegionYear], target_share: float = GOAL_SHARE) -> Ranking:
    shares = sorted(
        ((year.share.value, code) for code, year in regions.items() if year.share is not None),
        key=lambda item: (-item[0], item[1]),
    )
    rule = RankRule(len(shares))
    if not rule.ranks:
        return Ranking((), (), rule.count)
    at_target = [code for value, code in shares if value >= target_share]
    top = [code for _, code in shares[: rule.leaders]]
    leaders = tuple(dict.fromkeys([*top, *at_target]))
    bottom = [code for _, code in reversed(shares) if code not in leaders]
    laggards = tuple(bottom[: rule.laggards])
    return Ranking(leaders, laggards, rule.count)


def compare(
    regions: dict[str, RegionYear], ranking: Ranking, reported: dict[str, str]
) -> StandingReport:
    """Pair the ministry's reported standing (code -> 'leader'/'lagging') with the ranking."""
    codes = list(dict.fromkeys([*reported, *ranking.leaders, *ranking.laggards]))
    comparisons = tuple(
        Comparison(
            iso_code=code,
            reported=REPORTED_TO_STANDING.get(reported[code]) if code in reported else None,
            computed=ranking.standing(code),
            has_share=code in regions and regions[code].share is not None,
        )
        for code in codes
    )
    return StandingReport(ranking, comparisons)
