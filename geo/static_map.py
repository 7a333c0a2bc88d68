"""A static country map (PNG) with the interactive map's classes, colours and standings.

Drawn with matplotlib for reports; it takes its styling from geo.classify like the page does.
"""

from __future__ import annotations

import io

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")  # no display on servers
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from geo import classify
from geo.attribution import BOUNDARY_ATTRIBUTION
from geo.i18n import t
from geo.mapview import MapView, source_label


def country_map_png(
    view: MapView,
    shapes: gpd.GeoDataFrame,
    *,
    width_px: int = 1200,
    height_px: int = 750,
    dpi: int = 120,
) -> bytes:
    """The choropleth of `view` as PNG bytes: title, legend, target, standings, sources."""
    lang = view.lang
    frame = shapes.set_index("iso_code").loc[[r.iso_code for r in view.regions]].reset_index()
    frame["fill"] = [r.fill for r in view.regions]
    frame["standing"] = [r.computed_standing or "" for r in view.regions]
    figure, axes = plt.subplots(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    frame.plot(ax=axes, color=frame["fill"], edgecolor=classify.BORDER_COLOUR, linewidth=0.5)
    for standing, colour, style in (
        ("leader", classify.LEADER_OUTLINE, "solid"),
        ("laggard", classify.LAGGARD_OUTLINE, "dashed"),
    ):
        chosen = frame[frame["standing"] == standing]
        if not chosen.empty:
            chosen.boundary.plot(ax=axes, color=colour, linewidth=2.5, linestyle=style)
            for _, row in chosen.iterrows():
                point = row.geometry.representative_point()
                axes.annotate(
                    view.ranked_label(row["iso_code"]),
                    (point.x, point.y),
                    ha="center",
                    fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": colour},
                )
    handles = [
        Patch(facecolor=c.colour, edgecolor=classify.BORDER_COLOUR, label=c.label())
        for c in classify.CLASSES
    ]
    handles += [
        Patch(
            facecolor=classify.COUNT_ONLY_COLOUR,
            edgecolor=classify.BORDER_COLOUR,
            label=t("count_only", lang),
        ),
        Patch(
            facecolor=classify.NO_DATA_COLOUR,
            edgecolor=classify.BORDER_COLOUR,
            label=t("no_data", lang),
        ),
    ]
    axes.legend(
        handles=handles,
        loc="lower left",
        fontsize=7,
        title=t("target_line", lang, target=f"{view.target:g}"),
        title_fontsize=8,
        frameon=True,
    )
    axes.set_title(
        f"{t('title', lang)}\n{t('subtitle', lang, year=view.year, target=f'{view.target:g}')}",
        fontsize=11,
    )
    axes.set_axis_off()
    sources = sorted(
        {
            source_label(f.source)
            for r in view.regions
            for f in (r.figures.share, r.figures.adapted, r.figures.registered)
            if f
        }
    )
    # Figures carry their own dates: print the range, never one date for all of them.
    dates = sorted(r.figures.as_of for r in view.regions if r.figures.as_of)
    as_of = "—" if not dates else dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
    figure.text(
        0.01,
        0.01,
        f"{t('source', lang)}: {', '.join(sources) or '—'}; "
        f"{t('as_of', lang)} {as_of}\n{BOUNDARY_ATTRIBUTION}",
        fontsize=6.5,
        va="bottom",
    )
    buffer = io.BytesIO()
    # No tight bbox: the image must have exactly the size asked for (A4 at 300 dpi, say).
    figure.savefig(buffer, format="png", dpi=dpi)
    plt.close(figure)
    return buffer.getvalue()
