"""MapLibre GL JS (vendored from npm) draws the regions from the vector TileJSON in Chromium."""

from __future__ import annotations

import json

from api.app import create_app
from tests.chromium import launch_browser, open_page, serve_app
from tests.conftest import Database

VENDOR = "/static/vendor/maplibre-gl"
# A page of our own, written into a document of the service's origin (no CSP: the map needs
# blob: workers, which the app's HTML pages do not allow).
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>MapLibre test</title>
<link rel="stylesheet" href="{vendor}/maplibre-gl.css">
<style>html,body,#map{{margin:0;width:1024px;height:768px}}</style></head>
<body><div id="map"></div>
<script type="module">
import * as maplibregl from "{vendor}/maplibre-gl.mjs";
window.mapErrors = [];
const map = new maplibregl.Map({{
  container: "map", style: {style}, bounds: [46.4, 40.5, 87.4, 55.5], fadeDuration: 0,
  attributionControl: {{compact: false}},
}});
map.on("error", (event) => window.mapErrors.push(String(event.error && event.error.message)));
map.once("idle", () => {{ window.map = map; window.mapIdle = true; }});
</script></body></html>"""

ALL_CODES = {
    f"KZ-{n}"
    for n in (10, 11, 15, 19, 23, 27, 31, 33, 35, 39, 43, 47, 55, 59, 61, 62, 63, 71, 75, 79)
}


def rendered_codes(base: str, style: object) -> tuple[set[str], dict[str, object]]:
    with launch_browser() as browser:
        page, report = open_page(
            browser, f"{base}/healthz", viewport={"width": 1024, "height": 768}
        )
        page.set_content(PAGE.format(vendor=VENDOR, style=json.dumps(style)))
        page.wait_for_function(
            "window.mapIdle === true || (window.mapErrors || []).length > 0", timeout=60_000
        )
        errors = page.evaluate("window.mapErrors")
        assert errors == [], errors
        features = page.evaluate(
            "window.map.queryRenderedFeatures({layers: ['regions-fill']})"
            ".map(f => [f.properties.iso_code, f.id, f.properties.view])"
        )
        attribution = page.inner_text(".maplibregl-ctrl-attrib")
        assert not report.page_errors and not report.external_requests, report
    codes = {code for code, _, _ in features}
    ids = {code: feature_id for code, feature_id, _ in features}
    views = {view for _, _, view in features}
    return codes, {"ids": ids, "attribution": attribution, "views": views}


def test_maplibre_draws_all_regions_from_the_vector_tilejson(db: Database) -> None:
    with serve_app(create_app(db.settings)) as base:
        style = {
            "version": 8,
            "sources": {
                "accessibility": {
                    "type": "vector",
                    "url": f"{base}/tiles/accessibility.json?view=year&year=2025&lang=en",
                    "promoteId": {"accessibility": "iso_code"},
                }
            },
            "layers": [
                {
                    "id": "regions-fill",
                    "type": "fill",
                    "source": "accessibility",
                    "source-layer": "accessibility",
                    "paint": {"fill-color": ["get", "fill"]},
                }
            ],
        }
        codes, seen = rendered_codes(base, style)
        assert codes == ALL_CODES
        assert seen["ids"]["KZ-43"] == "KZ-43"  # promoteId: feature-state keyed by the code
        assert "OpenStreetMap contributors" in str(seen["attribution"])
        assert seen["views"] == {"year"}  # the strict view asked for, not the default
        # The service's own style document draws the same regions, in the view it names.
        served, drawn = rendered_codes(base, f"{base}/tiles/style.json?year=2025&lang=en")
        assert served == ALL_CODES and drawn["views"] == {"latest"}
