"""Vocabularies of the data, defined once: centre kinds and statuses, 2023 plan groups, standings.

Each term carries what every output needs to show it (colour, marker letter, the i18n key of its
label), so the page, tiles, images, downloads, uploads and notebooks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

CentreKind = Literal["rehab_center", "autism_center"]
CentreStatus = Literal["operating", "under_construction", "planned", "closed"]
PlanGroup = Literal["plan_met_100pct", "plan_above_90pct", "plan_below_90pct"]
ReportedStanding = Literal["leader", "lagging"]  # as the ministry's briefing words it
Standing = Literal["leader", "laggard"]
# How exact an as_of date is (seed column as_of_quality); anything but "exact" is said on screen.
AsOfQuality = Literal["exact", "month", "year", "inferred", "undated"]
AS_OF_QUALITIES: Final[tuple[AsOfQuality, ...]] = get_args(AsOfQuality)


def quality_from_precision(as_of: str | None) -> AsOfQuality:
    """The quality a date's own precision implies (for rows without a stated quality)."""
    if not as_of:
        return "undated"
    return {4: "year", 7: "month"}.get(len(as_of), "exact")  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class CentreKindTerm:
    code: CentreKind
    layer: str  # the map layer and URL name
    letter: str  # drawn inside the marker, so kinds differ without colour
    colour: str
    label_key: str  # geo.i18n key of the plural label
    # Where the kind's cluster badge sits against its point: the two kinds' clusters gather in
    # the same cities, and on top of each other one would hide the other's count.
    cluster_side: Literal["above", "below"]


CENTRE_KIND_TERMS: Final[dict[CentreKind, CentreKindTerm]] = {
    "rehab_center": CentreKindTerm(
        "rehab_center", "rehab", "R", "#3f007d", "rehab_centres", "above"
    ),
    "autism_center": CentreKindTerm(
        "autism_center", "autism", "A", "#00441b", "autism_centres", "below"
    ),
}
CENTRE_KINDS: Final[tuple[CentreKind, ...]] = get_args(CentreKind)


@dataclass(frozen=True, slots=True)
class CentreStatusTerm:
    code: CentreStatus
    label_key: str
    fill: bool  # operating centres are filled markers; others are hollow (a non-colour cue)
    dash: str | None  # outline dash of hollow markers: under construction dashed, planned dotted
    on_map: bool  # closed centres stay in the data as history but are not drawn


CENTRE_STATUS_TERMS: Final[dict[CentreStatus, CentreStatusTerm]] = {
    "operating": CentreStatusTerm("operating", "status_operating", True, None, True),
    "under_construction": CentreStatusTerm(
        "under_construction", "status_under_construction", False, "4 2", True
    ),
    "planned": CentreStatusTerm("planned", "status_planned", False, "1 2", True),
    "closed": CentreStatusTerm("closed", "status_closed", False, None, False),
}
CENTRE_STATUSES: Final[tuple[CentreStatus, ...]] = get_args(CentreStatus)
OPERATING: Final[CentreStatus] = "operating"
# The fields of a centre record as stored (geo.sources.Centre, the database's centres table), in
# the order seed files list them. Files and forms name two of them otherwise (centre_columns).
CENTRE_FIELDS: Final = (
    "name",
    "kind",
    "operator",
    "iso_code",
    "settlement",
    "address",
    "capacity",
    "capacity_text",
    "status",
    "opening",
    "source",
    "source_date",
    "note",
)


def centre_columns(**renamed: str) -> tuple[str, ...]:
    """CENTRE_FIELDS as a file or form names them: centre_columns(source="source_url")."""
    return tuple(renamed.get(name, name) for name in CENTRE_FIELDS)


NEUTRAL_CLUSTER_COLOUR: Final = "#525252"  # a grey that no class or state uses

# The 2023 plan-fulfilment groups: a different indicator, so a palette (purples, best darkest)
# that shares no colour with the share classes.
PLAN_GROUP_COLOURS: Final[dict[PlanGroup, str]] = {
    "plan_met_100pct": "#54278f",
    "plan_above_90pct": "#9e9ac8",
    "plan_below_90pct": "#f2f0f7",
}
PLAN_GROUPS: Final[tuple[PlanGroup, ...]] = get_args(PlanGroup)
REPORTED_STANDINGS: Final[tuple[ReportedStanding, ...]] = get_args(ReportedStanding)
REPORTED_TO_STANDING: Final[dict[str, Standing]] = {"leader": "leader", "lagging": "laggard"}


def centre_colour(kind: str) -> str:
    return next(term.colour for code, term in CENTRE_KIND_TERMS.items() if code == kind)


def plan_group_colour(group: str | None) -> str | None:
    return next((colour for code, colour in PLAN_GROUP_COLOURS.items() if code == group), None)
