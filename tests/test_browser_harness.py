"""The browser harness itself: vendored Leaflet draws offline, external requests are caught."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from tests.browser import (
    ARTIFACTS,
    launch_browser,
    open_page,
    require_chromium,
    run_axe,
    serious_violations,
    serve_app,
)

STATIC = Path(__file__).resolve().parents[1] / "api" / "static"
EXTERNAL_IMAGE = "https://example.com/x.png"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Harness check</title>
  <link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
  <script src="/static/vendor/leaflet/leaflet.js"></script>
</head>
<body>
<main>
  <h1>Harness check</h1>
  <div id="map" style="width: 400px; height: 300px"></div>
  <img id="external" src="{EXTERNAL_IMAGE}" alt="an image the harness must block">
</main>
<script>
  const map = L.map("map").setView([48, 67], 4);
  L.geoJSON({{
    type: "Polygon",
    coordinates: [[[60, 45], [75, 45], [75, 52], [60, 52], [60, 45]]]
  }}).addTo(map);
  L.marker([51.17, 71.45]).addTo(map);
</script>
</body>
</html>
"""


def harness_app() -> FastAPI:
    app = FastAPI()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return PAGE

    return app


def test_harness_serves_vendored_leaflet_offline_and_blocks_external_requests() -> None:
    require_chromium()
    with serve_app(harness_app()) as base_url, launch_browser() as browser:
        page, report = open_page(browser, f"{base_url}/")

        assert report.console_errors == []
        assert report.page_errors == []
        assert report.failed_requests == []
        assert page.locator("path.leaflet-interactive").count() == 1
        assert page.locator("img.leaflet-marker-icon").count() == 1
        # Recorded, and blocked: the image never loaded.
        assert report.external_requests == [EXTERNAL_IMAGE]
        assert page.evaluate("document.getElementById('external').naturalWidth") == 0

        violations = run_axe(page)
        assert isinstance(violations, list)
        assert serious_violations(violations) == []

        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "harness.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 0
        page.context.close()


def test_harness_online_mode_records_without_blocking() -> None:
    require_chromium()
    with serve_app(harness_app()) as base_url, launch_browser() as browser:
        # Nothing is reachable here, so example.com fails either way; what matters is that
        # offline=False installs no route, and the attempt is still recorded.
        page, report = open_page(browser, f"{base_url}/", offline=False)
        assert report.external_requests == [EXTERNAL_IMAGE]
        assert page.locator("path.leaflet-interactive").count() == 1
        page.context.close()
