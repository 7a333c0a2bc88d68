"""A static country map (PNG) for reports, drawn from the same view model as the page.

Nothing covers the map: title, legend, notes, sources and attribution sit outside the map frame,
each region carries a label (the three cities by a callout outside their small shapes), and the
country is drawn in an equal-area conic projection on Kazakhstan's own parallels.
"""

from __future__ import annotations

import io
import textwrap

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on servers
import matplotlib.pyplot as plt
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from pyproj import CRS

from geo import classify
from geo.attribution import boundary_attribution
from geo.i18n import t
from geo.mapview import MapView, RegionView, source_label
from geo.themes import region_cue

# Albers equal-area conic, standard parallels at 1/6 and 5/6 of Kazakhstan's span (40.5-55.5°N).
KAZAKHSTAN_ALBERS = CRS.from_proj4(
    "+proj=aea +lat_1=43 +lat_2=53 +lat_0=48 +lon_0=68 +ellps=WGS84 +units=m +no_defs"
)
MAP_FRAME = (0.01, 0.17, 0.64, 0.72)  # left, bottom, width, height (figure fraction)
SIDE_FRAME = (0.67, 0.17, 0.32, 0.72)
# Callouts for the cities, too small to hold a label: offsets in metres (east, north).
CALLOUTS = {
    "KZ-71": (350_000, 330_000),
    "KZ-75": (330_000, -260_000),
    "KZ-79": (-420_000, -250_000),
}
HATCH = {"hatch": "////", "dots": "...."}


def _label(view: MapView, region: RegionView) -> str:
    lang = view.lang
    figures = region.figures
    if view.theme == "share" and figures.share is not None:
        value = f"{figures.share.value:g} %"
    elif figures.adapted is not None:
        value = f"{figures.adapted.value:,.0f}"
    else:
        value = t("no_data" if figures.status == "no_data" else "count_only", lang)
    text = f"{region.name}\n{value}"
    mark = view.ministry_mark(region.iso_code)
    if mark is not None:
        text += f"\n{mark.label.split(' — ')[0]} *"
    return text


def _wrap(text: str, width: int = 45) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _date_range(view: MapView) -> str:
    dates = sorted(r.figures.as_of for r in view.regions if r.figures.as_of)
    if not dates:
        return "—"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def country_map_png(
    view: MapView,
    shapes: gpd.GeoDataFrame,
    *,
    width_px: int = 1200,
    height_px: int = 750,
    dpi: int = 120,
    decorations: bool = True,
    fills: dict[str, str] | None = None,
) -> bytes:
    """The map of `view` as PNG bytes. `decorations=False` draws the same map (with its cues)
    without labels, legend and notes; `fills` overrides region colours (for the coverage test)."""
    frame = shapes.set_index("iso_code").loc[[r.iso_code for r in view.regions]].reset_index()
    frame = frame.to_crs(KAZAKHSTAN_ALBERS)
    frame["fill"] = [(fills or {}).get(r.iso_code, r.fill) for r in view.regions]
    figure = plt.figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    axes = figure.add_axes(MAP_FRAME)
    frame.plot(ax=axes, color=frame["fill"], edgecolor=classify.BORDER_COLOUR, linewidth=0.5)
    # The map's own non-colour cues belong to the map, with or without decorations.
    for cue, pattern in HATCH.items():
        cued = [r.iso_code for r in view.regions if _cue(view, r) == cue]
        part = frame[frame["iso_code"].isin(cued)]
        if not part.empty:
            part.plot(ax=axes, facecolor="none", edgecolor="#4d4d4d", hatch=pattern, lw=0)
    marked = frame[frame["iso_code"].isin([m.iso_code for m in view.ministry])]
    if not marked.empty:
        marked.boundary.plot(ax=axes, color="#000000", linewidth=1.6, linestyle=(0, (1, 2)))
    axes.set_axis_off()
    west, south, east, north = frame.total_bounds
    axes.set_xlim(west - 60_000, east + 60_000)
    axes.set_ylim(south - 60_000, north + 60_000)
    axes.set_aspect("equal")
    if decorations:
        _labels(view, frame, axes)
        _side(view, figure)
        _notes(view, figure)
    buffer = io.BytesIO()
    # No tight bbox: the image must have exactly the size asked for (A4 at 300 dpi, say).
    figure.savefig(buffer, format="png", dpi=dpi)
    plt.close(figure)
    return buffer.getvalue()


def _cue(view: MapView, region: RegionView) -> str:
    return region_cue(view.theme, region.figures, region.plan_2023)


def _labels(view: MapView, frame: gpd.GeoDataFrame, axes: Axes) -> None:
    points = frame.set_index("iso_code").geometry.representative_point()
    for region in view.regions:
        point = points[region.iso_code]
        text = _label(view, region)
        # Text with a thin white halo, no box: it stays legible and hides little of the region.
        halo = [patheffects.withStroke(linewidth=1.2, foreground="white")]
        if region.iso_code in CALLOUTS:
            dx, dy = CALLOUTS[region.iso_code]
            axes.annotate(
                text,
                (point.x, point.y),
                xytext=(point.x + dx, point.y + dy),
                fontsize=5.5,
                ha="center",
                va="center",
                path_effects=halo,
                arrowprops={"arrowstyle": "-", "color": "#1a1a1a", "lw": 0.6},
            )
        else:
            axes.annotate(
                text, (point.x, point.y), fontsize=5.5, ha="center", va="center", path_effects=halo
            )


def _side(view: MapView, figure: Figure) -> None:
    """Legend and ranking notes in their own frame beside the map."""
    side = figure.add_axes(SIDE_FRAME)
    side.set_axis_off()
    lang = view.lang
    handles = [
        Patch(
            facecolor=entry.colour,
            edgecolor=classify.BORDER_COLOUR,
            hatch=HATCH.get(entry.cue, ""),
            label=_wrap(
                entry.label if entry.cue not in ("▲", "▼") else f"{entry.cue} {entry.label}"
            ),
        )
        for entry in view.legend()
    ]
    handles.append(
        Patch(
            facecolor="white",
            edgecolor="#000000",
            linestyle=":",
            lw=1.6,
            label=_wrap(f"* {t('ministry_legend', lang)}"),
        )
    )
    side.legend(
        handles=handles,
        loc="upper left",
        fontsize=6,
        title=_wrap(view.theme_title(), 50),
        title_fontsize=6.5,
        frameon=False,
        alignment="left",
    )


def _notes(view: MapView, figure: Figure) -> None:
    lang = view.lang
    figure.text(0.01, 0.97, t("title", lang), fontsize=10, va="top", weight="bold")
    figure.text(0.01, 0.925, view.view_label(), fontsize=7, va="top")
    sources = sorted(
        {
            source_label(f.source)
            for r in view.regions
            for f in (r.figures.share, r.figures.adapted, r.figures.registered)
            if f
        }
    )
    lines = [
        view.summary(),
        f"{t('as_of', lang)}: {_date_range(view)}. "
        f"{t('source', lang)}: {', '.join(sources) or '—'}",
        boundary_attribution(lang),
    ]
    # Characters a line holds at 5.5 pt across the figure's width.
    width = int(figure.get_figwidth() * 72 / (5.5 * 0.55))
    text = "\n".join(_wrap(line, width) for line in lines)
    figure.text(0.01, 0.01, text, fontsize=5.5, va="bottom")
