"""Render the planners' map page with Folium: choropleth, standings, centres, panel and table."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
import topojson
from folium.utilities import JsCode
from markupsafe import Markup

from geo import classify, vocabulary
from geo.attribution import OSM_COPYRIGHT_URL, boundary_attribution, boundary_attribution_html
from geo.dates import date_text, dated
from geo.definitions import LANGS, Lang, get_indicator
from geo.i18n import number, t
from geo.mapview import MapView, RegionView, source_label
from geo.name_language import written_in
from geo.programme import count_base
from geo.progress_series import Series
from geo.themes import SYMBOL_COLOUR, THEMES, region_cue
from render import progress_chart
from render.map_labels import map_labels
from render.map_layers import CentreCluster, CompactTopoJson, without_cdn_assets
from render.templating import template as load_template

# Strings the page script needs (Leaflet's controls, the share button), in the page language.
UI_STRINGS = (
    "zoom_in",
    "zoom_out",
    "layers",
    "close_popup",
    "link_copied",
    "link_copy_failed",
    "km",
    "m",
)
_MOTION_OK = '!window.matchMedia("(prefers-reduced-motion: reduce)").matches'
LAYERS = ("regions", "rehab", "autism")  # the regions' theme plus the centre overlays
DEFAULT_LAYERS = ("regions", "rehab", "autism")
# Quantization of the embedded TopoJSON: 5e4 steps over Kazakhstan's ~40° width is ~0.0008°
# (~90 m), below a pixel at the page's maximum zoom (z8, ~400 m a pixel at these latitudes).
REGION_QUANTIZATION = 5e4
MAX_ZOOM = 8

# Vendored assets, as URL paths under the app's /static mount.
VENDOR_JS = {
    "leaflet": "vendor/leaflet/leaflet.js",
    "topojson": "vendor/topojson-client/topojson-client.min.js",
    "markercluster": "vendor/leaflet.markercluster/leaflet.markercluster.js",
}
VENDOR_CSS = {
    "leaflet_css": "vendor/leaflet/leaflet.css",
    "markercluster_css": "vendor/leaflet.markercluster/MarkerCluster.css",
    "markercluster_default_css": "vendor/leaflet.markercluster/MarkerCluster.Default.css",
}


@dataclass(frozen=True, slots=True)
class PageOptions:
    static_url: str = "/static/"  # where vendored assets are served from
    layers: tuple[str, ...] = DEFAULT_LAYERS
    selected_region: str | None = None
    basemap_url: str | None = None  # no external basemap unless configured
    basemap_attribution: str = ""
    embed: bool = False  # chrome-less: the map alone, for an iframe
    # For a standalone file: read each asset and inline it instead of linking to static_url.
    inline_asset: Callable[[str], str] | None = field(default=None)


def _fmt(value: float | None, lang: Lang, *, decimals: int = 0) -> str:
    return "—" if value is None else number(value, lang, decimals)


def _link(source: str, lang: Lang) -> Markup:
    label = html.escape(source_label(source, lang))
    if source.startswith(("http://", "https://")):
        return Markup(f'<a href="{html.escape(source)}" rel="noopener noreferrer">{label}</a>')
    return Markup(f'<span title="{html.escape(source)}">{label}</span>')


def _named(name: str, lang: Lang) -> Markup:
    """A name from the data, marked with the language it is written in where that is not the
    page's, so that a screen reader reads it with the right rules."""
    written = written_in(name)
    if written is None or written == lang:
        return Markup.escape(name)
    return Markup('<span lang="{}">{}</span>').format(written, name)


def _status_text(view: RegionView, lang: Lang) -> str:
    return {
        "share": t("share_adapted", lang),
        "count_only": t("count_only", lang),
        "no_data": t("no_data", lang),
    }[view.figures.status]


def _change_text(view: RegionView, page: MapView) -> str:
    """The change since the previous figure, always with the date it is measured from."""
    figures, lang = view.figures, page.lang
    if figures.share_change_pp is not None and figures.previous_share is not None:
        sign = "+" if figures.share_change_pp >= 0 else ""
        since = t("since", lang, date=date_text(figures.previous_share, lang))
        return f"{sign}{_fmt(figures.share_change_pp, lang, decimals=1)} {t('pp', lang)} {since}"
    if figures.adapted_change is not None and figures.previous_adapted is not None:
        sign = "+" if figures.adapted_change >= 0 else ""
        since = t("since", lang, date=date_text(figures.previous_adapted, lang))
        return f"{sign}{_fmt(figures.adapted_change, lang)} {t('objects', lang)} {since}"
    return "—"


def region_label(page: MapView, view: RegionView) -> str:
    """What a screen reader hears for a region: its figure or state with the date (saying when
    the date is inferred or partial), its standing by the data and the ministry's word."""
    lang, figures = page.lang, view.figures
    if figures.share is not None:
        figure = t(
            "a11y_share",
            lang,
            share=_fmt(figures.share.value, lang, decimals=1),
            date=date_text(figures.share, lang),
        )
    elif figures.adapted is not None:
        figure = t(
            "a11y_count_adapted",
            lang,
            count=_fmt(figures.adapted.value, lang),
            date=date_text(figures.adapted, lang),
        )
    elif figures.registered is not None:
        figure = t(
            "a11y_count_registered",
            lang,
            count=_fmt(figures.registered.value, lang),
            date=date_text(figures.registered, lang),
        )
    else:
        figure = t("no_data", lang)
    if view.computed_standing is not None:
        standing = page.ranked_label(view.iso_code)
    elif figures.share is not None:
        standing = t("a11y_data_neither", lang, n=page.ranking.ranked_from)
    else:
        standing = t("a11y_data_unranked", lang)
    mark = page.ministry_mark(view.iso_code)
    ministry = f"{mark.label}; {mark.held}" if mark else t("not_named_by_ministry", lang)
    return f"{view.name}. {figure}. {standing}. {ministry}."


def region_paces(page: MapView, iso_code: str) -> list[str]:
    """The region's pace lines for its panel: each pace between two counts of one base only,
    with both dates, then the base (registered objects) and the pace needed."""
    lang = page.lang
    item = next((p for p in page.road if p.area_code == iso_code), None)
    if item is None:
        return [t("pace_unknown", lang)]
    lines = [
        t(
            "pace_region",
            lang,
            pace=_fmt(pace.per_month, lang, decimals=1),
            start=date_text(pace.start, lang),
            start_value=_fmt(pace.start.value, lang),
            end=date_text(pace.end, lang),
            end_value=_fmt(pace.end.value, lang),
        )
        for pace in item.paces
        if pace.start.as_of
        and pace.end.as_of
        and count_base(pace.start.as_of) == count_base(pace.end.as_of)
    ]
    if not lines:
        lines.append(t("pace_unknown", lang))
    if item.registered is not None:
        lines.append(
            t(
                "pace_base",
                lang,
                registered=_fmt(item.registered.value, lang),
                date=date_text(item.registered, lang),
            )
        )
    if item.pace_needed is not None:
        lines.append(
            t("pace_needed_region", lang, pace=_fmt(item.pace_needed, lang), year=item.year)
        )
    return lines


def as_of_range(page: MapView) -> str:
    """The dates of the figures the map shows, as a range (one date when all agree)."""
    dates = sorted(
        {
            figure.as_of
            for view in page.regions
            for figure in (view.figures.share or view.figures.adapted or view.figures.registered,)
            if figure is not None and figure.as_of
        }
    )
    if not dates:
        return "—"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def source_count(page: MapView) -> int:
    return len(
        {
            figure.source
            for view in page.regions
            for figure in (view.figures.share, view.figures.adapted, view.figures.registered)
            if figure is not None
        }
    )


def to_topology(frame: gpd.GeoDataFrame, quantization: float) -> dict[str, Any]:
    """TopoJSON with shared borders stored once and quantized: far lighter than GeoJSON."""
    topology = topojson.Topology(
        frame, prequantize=quantization, topology=True, presimplify=False, toposimplify=False
    )
    return dict(topology.to_dict())


def _theme_value(page: MapView, view: RegionView) -> str | None:
    """What a region's tooltip says in a theme other than the share."""
    lang = page.lang
    if page.theme == "plan2023":
        return t(view.plan_2023, lang) if view.plan_2023 else t("no_data", lang)
    if page.theme == "standing":
        mark = page.ministry_mark(view.iso_code)
        return mark.label if mark else t("not_named_by_ministry", lang)
    if page.theme == "adapted":
        adapted = view.figures.adapted
        if adapted is None:
            return t("no_count", lang)
        return f"{_fmt(adapted.value, lang)} ({date_text(adapted, lang)})"
    return None


def _region_frame(page: MapView, shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    geometry = shapes.set_index("iso_code").geometry
    rows = []
    for view in page.regions:
        share = view.figures.share
        status = _status_text(view, page.lang)
        value = f"{_fmt(share.value, page.lang, decimals=1)} %" if share else status
        value = _theme_value(page, view) or value
        rows.append(
            {
                "iso_code": view.iso_code,
                "name": view.name,
                "fill": view.fill,
                "cue": region_cue(page.theme, view.figures, view.plan_2023),
                # The data's own ranking is by share: outlined in the share theme only.
                "standing": (view.computed_standing or "") if page.theme == "share" else "",
                "tooltip": f"<b>{html.escape(view.name)}</b><br>{html.escape(value)}",
                "label": region_label(page, view),
                "geometry": geometry[view.iso_code],
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=shapes.crs)


def _region_style(feature: dict[str, dict[str, str]]) -> dict[str, object]:
    properties = feature["properties"]
    style: dict[str, object] = {
        "fillColor": properties["fill"],
        "fillOpacity": 0.85,
        "color": classify.BORDER_COLOUR,
        "weight": 1,
        "className": f"region region-{properties['iso_code']}",
    }
    if properties["standing"] == "leader":
        style.update(color=classify.LEADER_OUTLINE, weight=4)
    elif properties["standing"] == "laggard":
        style.update(color=classify.LAGGARD_OUTLINE, weight=4, dashArray=classify.LAGGARD_DASH)
    return style


def build_folium_map(
    page: MapView, shapes: gpd.GeoDataFrame, options: PageOptions
) -> tuple[folium.Map, dict[str, str]]:
    """The Folium map alone and its layers' JS names (for permalinks); the page adds the rest."""
    lang = page.lang
    fmap = folium.Map(
        location=[48.2, 67.5],
        zoom_start=5,
        min_zoom=3,
        max_zoom=MAX_ZOOM,
        tiles=None,
        control_scale=False,  # added by the page script, placed by the screen's width
        zoom_control=False,  # added by the page script with translated titles
        prefer_canvas=False,
    )
    without_cdn_assets(fmap)
    # Without tiles Folium does not pass zoom limits to the map; marker clusters need them.
    fmap.options.update(minZoom=3, maxZoom=MAX_ZOOM, zoomSnap=0.25)
    # Keys are the page script's: arrows move between regions (Leaflet's would pan the map).
    fmap.options.update(keyboard=False)
    # Reduced motion is honoured from the first frame: animation options are read at creation.
    for option in ("zoomAnimation", "fadeAnimation", "markerZoomAnimation"):
        fmap.options[option] = JsCode(_MOTION_OK)
    if options.basemap_url:
        folium.TileLayer(
            options.basemap_url,
            attr=options.basemap_attribution,
            name="basemap",
            overlay=False,
            control=False,
        ).add_to(fmap)
    # Popups are built by the page script from the region's table row: one copy of the figures.
    regions = CompactTopoJson(
        to_topology(_region_frame(page, shapes), REGION_QUANTIZATION),
        "objects.data",
        name=t(f"theme_{page.theme}", lang),
        style_function=_region_style,
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False, sticky=True),
        show="regions" in options.layers,
        smooth_factor=0.5,
    ).add_to(fmap)
    without_cdn_assets(regions)
    layer_names = {"regions": regions.get_name()}
    labels = {
        key: t(key, lang)
        for key in ("operator", "capacity", "status", "opening", "source", "approximate")
    }
    for term in vocabulary.CENTRE_KIND_TERMS.values():
        layer = term.layer
        cluster = CentreCluster(
            centre_rows(page, term.code),
            {
                **labels,
                "kind": t(term.label_key, lang),
                "letter": term.letter,
                "side": term.cluster_side,
                # By plural category ("{n}" filled by the page with the count).
                "cluster": {
                    form: t(f"cluster_{layer}_{form}", lang, n="{n}")
                    for form in ("one", "few", "many")
                },
            },
            # STATUS is replaced per marker: operating filled, others hollow (see the CSS).
            f'<span class="centre-icon centre-{layer} centre-STATUS" '
            f'style="--kind:{term.colour}">{term.letter}</span>',
            name=t(term.label_key, lang),
            show=layer in options.layers,
            # Clusters split and merge without animation when the reader asks for less motion.
            options={"animate": JsCode(_MOTION_OK)},
        )
        without_cdn_assets(cluster)
        cluster.add_to(fmap)
        layer_names[layer] = cluster.get_name()
    control = folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap, {**layer_names, "control": control.get_name()}


def centre_rows(page: MapView, kind: str) -> list[list[object]]:
    """Placed centres of one kind as rows for CentreCluster (unplaced ones are in no row)."""
    lang = page.lang
    return [
        [
            round(c.lat, 4),
            round(c.lon, 4),
            c.name,
            c.operator or "",
            c.capacity_text or (str(c.capacity) if c.capacity else ""),
            t(f"status_{c.status}", lang),
            c.opening or "",
            c.source,
            source_label(c.source, lang),
            c.source_date or "",
            1 if c.approximate else 0,
            c.status,
            # The accessible name: name, kind, status and region.
            t(
                f"a11y_centre_{vocabulary.CENTRE_KIND_TERMS[kind].layer}",  # type: ignore[index]
                lang,
                name=c.name,
                status=t(f"status_{c.status}", lang),
                region=page.area_name(c.iso_code),
            ),
            written_in(c.name) or "",
        ]
        for c in page.centres
        if c.kind == kind
        and c.lat is not None
        and c.lon is not None
        and vocabulary.CENTRE_STATUS_TERMS[c.status].on_map  # type: ignore[index]
    ]


def symbol_rows(page: MapView, shapes: gpd.GeoDataFrame) -> list[dict[str, object]]:
    """The adapted-objects theme's circles (empty in other themes)."""
    if page.theme != "adapted":
        return []
    points = shapes.set_index("iso_code").geometry.representative_point()
    rows = []
    for view in page.regions:
        radius = page.symbol_radius(view)
        adapted = view.figures.adapted
        if radius is None or adapted is None:
            continue
        label = f"{view.name}: {_fmt(adapted.value, page.lang)} ({date_text(adapted, page.lang)})"
        point = points[view.iso_code]
        rows.append(
            {"lat": round(point.y, 4), "lon": round(point.x, 4), "radius": radius, "label": label}
        )
    return rows


def _asset_tags(options: PageOptions) -> Markup:
    """Script and style tags of the vendored assets: linked, or inlined for a standalone file."""
    tags = []
    for path in VENDOR_CSS.values():
        if options.inline_asset is None:
            tags.append(f'<link rel="stylesheet" href="{html.escape(options.static_url + path)}">')
        else:
            tags.append(f"<style>{options.inline_asset(path)}</style>")
    for path in VENDOR_JS.values():
        if options.inline_asset is None:
            tags.append(f'<script src="{html.escape(options.static_url + path)}"></script>')
        else:
            tags.append(f"<script>{options.inline_asset(path)}</script>")
    return Markup("\n".join(tags))


def _charts(page: MapView) -> dict[str, Markup]:
    lang = page.lang
    names = {view.iso_code: view.name for view in page.regions} | {"KZ": t("country", lang)}
    return {
        key: Markup(
            progress_chart.svg(
                f"chart-{key}",
                t(f"chart_{key}_title", lang),
                " ".join(
                    part
                    for part in (t(f"chart_{key}_desc", lang), earlier_text(items, lang))
                    if part
                ),
                items,
                names,
                percent=key == "share",
            )
        )
        for key, items in (("share", page.share_series), ("count", page.count_series))
    }


def earlier_text(items: list[Series], lang: Lang) -> str:
    """What a chart and its table leave out of a long history, counted ("" when nothing)."""
    cut = [item for item in items if item.earlier]
    if not cut:
        return ""
    return t(
        "chart_earlier",
        lang,
        latest=_fmt(max(len(item.points) for item in cut), lang),
        earlier=_fmt(sum(item.earlier for item in cut), lang),
        series=_fmt(len(cut), lang),
        first=min(str(item.first_as_of) for item in cut),
    )


def _chart_notes(page: MapView) -> dict[str, Markup]:
    """Per chart: the count of earlier points left out and where every point is ("" if none)."""
    notes = {}
    for key, items in (("share", page.share_series), ("count", page.count_series)):
        text = earlier_text(items, page.lang)
        notes[key] = (
            Markup("{} {}").format(
                text,
                Markup.escape(t("chart_all_points", page.lang)).format(
                    downloads=Markup('<a href="/downloads">/downloads</a>'),
                    items=Markup(
                        '<a href="/ogc/collections/accessibility/items">'
                        "/ogc/collections/accessibility/items</a>"
                    ),
                ),
            )
            if text
            else Markup("")
        )
    return notes


# Folium adds a second viewport that forbids zooming (maximum-scale=1, user-scalable=no): pinch
# zoom must stay possible (WCAG 1.4.4), and the page has its own viewport.
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*user-scalable=no[^>]*>', re.DOTALL)


def render_page(page: MapView, shapes: gpd.GeoDataFrame, options: PageOptions) -> str:
    """The whole HTML page: header, map, side panel, legend, table, summary.

    `shapes` are the web-level boundaries, embedded once as TopoJSON.
    """
    fmap, layer_names = build_folium_map(page, shapes, options)
    figure = fmap.get_root()
    figure.render()
    template = load_template("map_page.html")
    return template.render(
        page=page,
        t=t,
        langs=LANGS,
        options=options,
        classes=classify.CLASSES,
        colours=classify,
        fmt=_fmt,
        source_label=source_label,
        link=_link,
        named=_named,
        assets=_asset_tags(options),
        folium_head=Markup(_FOLIUM_VIEWPORT.sub("", figure.header.render())),
        folium_body=Markup(figure.html.render()),
        folium_script=Markup(figure.script.render()),
        map_name=fmap.get_name(),
        layer_names={k: v for k, v in layer_names.items() if k != "control"},
        control_name=layer_names["control"],
        attribution=boundary_attribution(page.lang),
        osm_url=OSM_COPYRIGHT_URL,
        attribution_html=boundary_attribution_html(page.lang),
        labels=map_labels(page, shapes),
        symbols=symbol_rows(page, shapes),
        themes=THEMES,
        statuses=vocabulary.CENTRE_STATUS_TERMS,
        kinds=vocabulary.CENTRE_KIND_TERMS,
        neutral=vocabulary.NEUTRAL_CLUSTER_COLOUR,
        symbol_colour=SYMBOL_COLOUR,
        charts=_charts(page),
        chart_notes=_chart_notes(page),
        change_text=_change_text,
        status_text=_status_text,
        date_text=date_text,
        dated=dated,
        definition=get_indicator("adapted_share").definition[page.lang],
        region_paces=region_paces,
        region_order=[view.iso_code for view in sorted(page.regions, key=lambda v: v.name)],
        ui_strings={key: t(key, page.lang) for key in UI_STRINGS},
        as_of_range=as_of_range(page),
        source_count=source_count(page),
    )
