"""Leaders and laggards computed from the data, and how they compare with the ministry's list.

Rule (documented on the page): among the N regions with a share in the year, leaders are the
three highest shares, but at most N // 2 of them, plus every region at or above the target;
laggards are the two lowest shares, at most N // 2, never a leader. With fewer than two shares
nobody is ranked. The ministry's reported standing is sourced data too: it is shown as reported,
beside what the figures give, and every disagreement is spelled out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from geo.indicators import TARGET_SHARE, RegionYear

Standing = Literal["leader", "laggard"]
REPORTED_TO_STANDING: dict[str, Standing] = {"leader": "leader", "lagging": "laggard"}
TOP_LEADERS, BOTTOM_LAGGARDS = 3, 2


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


def rank(regions: dict[str, RegionYear], target_share: float = TARGET_SHARE) -> Ranking:
    shares = sorted(
        ((year.share.value, code) for code, year in regions.items() if year.share is not None),
        key=lambda item: (-item[0], item[1]),
    )
    count = len(shares)
    if count < 2:
        return Ranking((), (), count)
    cap = count // 2
    at_target = [code for value, code in shares if value >= target_share]
    top = [code for _, code in shares[: min(TOP_LEADERS, cap)]]
    leaders = tuple(dict.fromkeys([*top, *at_target]))
    bottom = [code for _, code in reversed(shares) if code not in leaders]
    laggards = tuple(bottom[: min(BOTTOM_LAGGARDS, cap)])
    return Ranking(leaders, laggards, count)


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
