"""Folium layers tuned for a light page: data written once, as compact JSON.

Folium's stock layers write indented JSON, one JS object per marker and one copy of the
boundaries per layer; for a page meant for slow intranet links these add up. The layers
here keep Folium's layer model (layer control, `show`), but the boundaries travel once as
TopoJSON and centres as rows of plain values that a small function turns into markers.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from folium.plugins import FastMarkerCluster
from markupsafe import Markup


def compact_json(data: object) -> Markup:
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    # Safe inside <script>: no tag can be closed from within the data.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class CompactTopoJson(folium.TopoJson):  # type: ignore[misc]
    """Folium's TopoJson with compact data; Folium's Layer.render adds it only when shown."""

    _template = folium.template.Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }}_data = {{ this.compact_data() }};
            var {{ this.get_name() }} = L.geoJson(
                topojson.feature({{ this.get_name() }}_data,
                                 {{ this.get_name() }}_data{{ this._safe_object_path }}),
                {smoothFactor: {{ this.smooth_factor|tojson }}}
            );
            {{ this.get_name() }}.setStyle(function (feature) { return feature.properties.style; });
        {% endmacro %}
        """
    )

    def compact_data(self) -> Markup:
        return compact_json(self.data)


class CentreCluster(FastMarkerCluster):  # type: ignore[misc]
    """Clustered centre markers from rows of values; the popup is built from the row on click.

    Each row is [lat, lon, name, operator, capacity, status, opening, source_url,
    source_label, source_date, approximate, status code, accessible name]; `labels` holds the
    popup's translated headings and the cluster's name by plural category ("{n}" for the count).
    Clusters are neutral grey and show the count and the kind's letter, so a cluster is never
    read as a data class; screen readers hear the count and the kind ("3 rehabilitation
    centres"). Markers stay out of the Tab order; the page script reaches them by arrow keys
    through the cluster's `centreRows` and `centreDetails`.
    """

    _template = folium.template.Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var rows = {{ this.compact(this.data) }};
                var labels = {{ this.compact(this.labels) }};
                var options = {{ this.options|tojavascript }};
                function escaped(text) {
                    var span = document.createElement("span");
                    span.textContent = text;
                    return span.innerHTML.replace(/"/g, "&quot;");
                }
                var plural = new Intl.PluralRules(document.documentElement.lang);
                options.iconCreateFunction = function (group) {
                    var count = group.getChildCount();
                    // Read as "3 rehabilitation centres", never as "R 3".
                    var form = labels.cluster[plural.select(count)] || labels.cluster.many;
                    var name = form.replace("{n}", count);
                    return L.divIcon({
                        html: '<span role="img" aria-label="' + escaped(name) + '">' +
                            labels.letter + " " + count + "</span>",
                        className: "centre-cluster",
                        iconSize: L.point(40, 24),
                        // Above or below the point by half a single marker, so that the other
                        // kind's cluster or marker in the same city never covers the count.
                        iconAnchor: labels.side === "above" ? L.point(20, 36) : L.point(20, -12)
                    });
                };
                var cluster = L.markerClusterGroup(options);
                function cell(table, heading, value) {
                    var tr = table.insertRow(), th = document.createElement("th");
                    th.scope = "row"; th.textContent = heading; tr.appendChild(th);
                    tr.insertCell().textContent = value || "—";
                }
                function popup(row) {
                    var box = document.createElement("div"), title = document.createElement("h3");
                    title.textContent = row[2]; box.appendChild(title);
                    // The language the name is written in, for screen readers.
                    if (row[13]) { title.lang = row[13]; }
                    var table = document.createElement("table");
                    table.className = "popup-table"; box.appendChild(table);
                    cell(table, labels.operator, row[3]); cell(table, labels.capacity, row[4]);
                    cell(table, labels.status, row[5]); cell(table, labels.opening, row[6]);
                    if (row[10]) {
                        var note = document.createElement("p");
                        note.innerHTML = "<i></i>";
                        note.firstChild.textContent = labels.approximate;
                        box.appendChild(note);
                    }
                    var source = document.createElement("p"), link = document.createElement("a");
                    source.textContent = labels.source + ": ";
                    link.href = row[7]; link.rel = "noopener noreferrer"; link.textContent = row[8];
                    source.appendChild(link);
                    if (row[9]) {
                        source.appendChild(document.createTextNode(" (" + row[9] + ")"));
                    }
                    box.appendChild(source);
                    return box;
                }
                rows.forEach(function (row) {
                    var title = row[12];
                    var icon = L.divIcon({
                        html: '<span role="img" aria-label="' + escaped(title) + '">' +
                            {{ this.compact(this.icon_html) }}.replace("STATUS", row[11]) +
                            "</span>",
                        className: "centre-marker", iconSize: [24, 24],
                        // Touching its point from its kind's side, as the clusters do.
                        iconAnchor: labels.side === "above" ? [12, 24] : [12, 0]
                    });
                    // Out of the Tab order: the map is one Tab stop, and each region's panel
                    // lists its centres.
                    L.marker([row[0], row[1]], {icon: icon, title: title, keyboard: false})
                        .bindPopup(function () { return popup(row); }, {maxWidth: 340})
                        .addTo(cluster);
                });
                // For the page script's keyboard access to the centres.
                cluster.centreRows = rows;
                cluster.centreDetails = popup;
                return cluster;
            })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        rows: list[list[object]],
        labels: dict[str, object],
        icon_html: str,
        *,
        name: str,
        show: bool,
        options: dict[str, object] | None = None,
    ) -> None:
        super().__init__(rows, name=name, show=show, options=options)
        self.labels, self.icon_html = labels, icon_html

    @staticmethod
    def compact(data: object) -> Markup:
        return compact_json(data)


def without_cdn_assets(element: Any) -> None:
    """Drop Folium's CDN links: the page includes the vendored copies itself."""
    element.default_js = []
    element.default_css = []
