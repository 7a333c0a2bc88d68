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
import numpy as np

matplotlib.use("Agg")  # no display on servers
import matplotlib.pyplot as plt
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

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
# Room kept around each label (width, height factors): labels that touch read as one.
LABEL_AIR = (1.1, 1.3)
# Places tried per label (the grid points nearest its representative point).
LABEL_SPOTS = 64


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
    figure = draw_country_map(
        view,
        shapes,
        width_px=width_px,
        height_px=height_px,
        dpi=dpi,
        decorations=decorations,
        fills=fills,
    )
    buffer = io.BytesIO()
    # No tight bbox: the image must have exactly the size asked for (A4 at 300 dpi, say).
    figure.savefig(buffer, format="png", dpi=dpi)
    plt.close(figure)
    return buffer.getvalue()


def draw_country_map(
    view: MapView,
    shapes: gpd.GeoDataFrame,
    *,
    width_px: int,
    height_px: int,
    dpi: int,
    decorations: bool,
    fills: dict[str, str] | None,
) -> Figure:
    """The figure country_map_png saves; the caller closes it."""
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
    return figure


def _cue(view: MapView, region: RegionView) -> str:
    return region_cue(view.theme, region.figures, region.plan_2023)


def _labels(view: MapView, frame: gpd.GeoDataFrame, axes: Axes) -> list[Annotation]:
    """One label per region, none over another: the cities by callouts, then the regions from the
    smallest (least room) up, each at a point inside its shape where its text touches no label
    already placed and lies on its own region as far as it can (nearest the representative point
    among equals)."""
    renderer = axes.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    shapes = frame.set_index("iso_code").geometry
    placed: list[Annotation] = []
    boxes: list[Bbox] = []
    for region in view.regions:
        if region.iso_code in CALLOUTS:
            point = shapes[region.iso_code].representative_point()
            dx, dy = CALLOUTS[region.iso_code]
            label = _annotate(
                axes, _label(view, region), (point.x, point.y), (point.x + dx, point.y + dy)
            )
            placed.append(label)
            boxes.append(_text_box(label, renderer))
            # The city itself is too small to hold text: no other label may cover it either.
            west, south, east, north = shapes[region.iso_code].bounds
            corners = axes.transData.transform([[west, south], [east, north]])
            boxes.append(Bbox(corners))
    rest = [r for r in view.regions if r.iso_code not in CALLOUTS]
    for region in sorted(rest, key=lambda r: shapes[r.iso_code].area):
        shape = shapes[region.iso_code]
        candidates = _candidates(shape)
        label = _annotate(axes, _label(view, region), candidates[0])
        # Moving a label moves its box: measure the text once, then shift the box.
        first = _text_box(label, renderer)
        origin = axes.transData.transform(candidates[0])
        to_data = axes.transData.inverted()
        best: tuple[tuple[bool, float, int], tuple[float, float]] | None = None
        for order, (x, y) in enumerate(candidates):
            dx, dy = axes.transData.transform((x, y)) - origin
            box = first.translated(dx, dy)
            touches = any(_overlap(box, other) > 0 for other in boxes)
            # Prefer text on its own region: a label over a neighbour reads as the neighbour's.
            (west, south), (east, north) = to_data.transform([[box.x0, box.y0], [box.x1, box.y1]])
            outside = 1 - shape.intersection(shapely.box(west, south, east, north)).area / (
                (east - west) * (north - south)
            )
            score = (touches, round(outside, 1), order)
            if best is None or score < best[0]:
                best = (score, (x, y))
        assert best is not None
        label.xy = best[1]
        label.set_position(best[1])
        placed.append(label)
        boxes.append(_text_box(label, renderer))
    return placed


def _annotate(
    axes: Axes,
    text: str,
    at: tuple[float, float],
    callout: tuple[float, float] | None = None,
) -> Annotation:
    """Text with a thin white halo, no box: it stays legible and hides little of the region."""
    return axes.annotate(
        text,
        at,
        xytext=callout,
        fontsize=5.5,
        ha="center",
        va="center",
        path_effects=[patheffects.withStroke(linewidth=1.2, foreground="white")],
        arrowprops={"arrowstyle": "-", "color": "#1a1a1a", "lw": 0.6} if callout else None,
    )


def _text_box(label: Annotation, renderer: RendererBase) -> Bbox:
    """The label's text with a little air, without a callout's line (which may cross text)."""
    label.update_positions(renderer)  # an annotation knows where its text is only when drawn
    return Text.get_window_extent(label, renderer).expanded(*LABEL_AIR)


def _candidates(shape: BaseGeometry, tries: int = LABEL_SPOTS) -> list[tuple[float, float]]:
    """Points inside `shape`: its representative point, then a grid, nearest to it first."""
    start = shape.representative_point()
    west, south, east, north = shape.bounds
    step = max(east - west, north - south) / 16
    xs, ys = np.meshgrid(
        np.arange(west + step / 2, east, step), np.arange(south + step / 2, north, step)
    )
    inside = shapely.contains_xy(shape, xs, ys)
    grid = [(float(x), float(y)) for x, y in zip(xs[inside], ys[inside], strict=True)]
    grid.sort(key=lambda xy: (xy[0] - start.x) ** 2 + (xy[1] - start.y) ** 2)
    return [(start.x, start.y), *grid[:tries]]


def _overlap(first: Bbox, second: Bbox) -> float:
    width = min(first.x1, second.x1) - max(first.x0, second.x0)
    height = min(first.y1, second.y1) - max(first.y0, second.y0)
    return width * height if width > 0 and height > 0 else 0.0


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
            source_label(f.source, lang)
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
    # Characters a line holds at 5.5 pt across the figure's width (Cyrillic runs wide).
    width = int(figure.get_figwidth() * 0.98 * 72 / (5.5 * 0.62))
    text = "\n".join(_wrap(line, width) for line in lines)
    figure.text(0.01, 0.01, text, fontsize=5.5, va="bottom")
