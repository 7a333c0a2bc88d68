"""Query options shared by the pages, tiles and forms, each parsed by one FastAPI dependency.

Routers take what they need from here (never from one another), so `?lang=`, `?year=`,
`?view=` and the rest mean one thing, with one error, wherever they are accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request

from api.problems import BadParameter
from api.snapshot import SnapshotStore
from geo.definitions import LANGS, Lang
from geo.i18n import negotiate_lang, parse_lang
from geo.indicators import VIEW_MODES, ViewMode
from geo.regions import RegionNotFound, resolve_region
from geo.themes import THEMES, Theme, parse_theme
from render.page import DEFAULT_LAYERS, LAYERS

# The years a URL may name; outside them a request is a typo, not a question about the data.
YEAR_RANGE = (2000, 2100)


def page_lang(
    lang: Annotated[str | None, Query(description="kk, ru or en")] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> Lang:
    if lang is None:
        return negotiate_lang(accept_language)
    parsed = parse_lang(lang)
    if parsed is None:
        raise BadParameter("lang", lang, LANGS, f"unknown language {lang!r}: use kk, ru or en")
    return parsed


# The view a page shows when the URL names none.
DEFAULT_VIEW: ViewMode = "latest"


def page_year(
    year: Annotated[
        int | None, Query(ge=YEAR_RANGE[0], le=YEAR_RANGE[1], description="default: latest")
    ] = None,
) -> int | None:
    return year


def parse_view(text: str) -> ViewMode | None:
    """The view a `view=` value names, or None: the route and the tile fast path both parse it
    here, so that a cached and a fresh tile answer the same URL alike."""
    return next((mode for mode in VIEW_MODES if mode == text), None)


def page_view(
    view: Annotated[
        str,
        Query(description="latest: each region's latest known figure (default); year: strict"),
    ] = DEFAULT_VIEW,
) -> ViewMode:
    mode = parse_view(view)
    if mode is None:
        raise BadParameter(
            "view", view, VIEW_MODES, f"unknown view {view!r}: use {', '.join(VIEW_MODES)}"
        )
    return mode


def page_theme(
    theme: Annotated[str | None, Query(description=f"one of {', '.join(THEMES)}")] = None,
) -> Theme:
    parsed = parse_theme(theme)
    if parsed is None:
        raise BadParameter(
            "theme", theme or "", THEMES, f"unknown theme {theme!r}: use {', '.join(THEMES)}"
        )
    return parsed


def page_layers(
    layers: Annotated[str | None, Query(description=f"comma list of {', '.join(LAYERS)}")] = None,
) -> tuple[str, ...]:
    if layers is None:
        return DEFAULT_LAYERS
    chosen = tuple(part for part in (p.strip() for p in layers.split(",")) if part)
    unknown = [part for part in chosen if part not in LAYERS]
    if "plan2023" in unknown:
        raise HTTPException(
            400, "unknown layer plan2023: the 2023 plan is a theme, use theme=plan2023"
        )
    if unknown:
        raise BadParameter(
            "layers",
            ", ".join(unknown),
            LAYERS,
            f"unknown layer(s) {', '.join(unknown)}: use {', '.join(LAYERS)}",
        )
    # One spelling per choice ("rehab,regions,rehab" is "regions,rehab"): one cached page each.
    return tuple(layer for layer in LAYERS if layer in chosen)


def page_region(
    region: Annotated[
        str | None, Query(description="ISO code or name in kk, ru or en (e.g. KZ-27, ЗКО)")
    ] = None,
) -> str | None:
    """The region by code or by any name the data API accepts (one resolver for both)."""
    if region is None or region == "":
        return None
    try:
        return resolve_region(region)
    except RegionNotFound as error:
        raise BadParameter("region", region, error.candidates, str(error)) from error


@dataclass(frozen=True, slots=True)
class MapQuery:
    """The options of a map page, each parsed by its own dependency."""

    snapshots: SnapshotStore
    lang: Lang
    year: int | None
    mode: ViewMode
    theme: Theme
    layers: tuple[str, ...]
    region: str | None


def snapshot_store(request: Request) -> SnapshotStore:
    snapshots: SnapshotStore = request.app.state.snapshots
    return snapshots


def map_query(
    snapshots: Annotated[SnapshotStore, Depends(snapshot_store)],
    lang: Annotated[Lang, Depends(page_lang)],
    year: Annotated[int | None, Depends(page_year)],
    mode: Annotated[ViewMode, Depends(page_view)],
    theme: Annotated[Theme, Depends(page_theme)],
    layers: Annotated[tuple[str, ...], Depends(page_layers)],
    region: Annotated[str | None, Depends(page_region)],
) -> MapQuery:
    return MapQuery(snapshots, lang, year, mode, theme, layers, region)


MAX_VERSION_KEY = 40


def pinned_version(
    v: Annotated[
        str | None,
        Query(max_length=MAX_VERSION_KEY, description="data version key from the TileJSON"),
    ] = None,
) -> str | None:
    return v
