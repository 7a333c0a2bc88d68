"""Map page weight: every byte on the wire, as served, against Folium pages, in one run.

Ours is /map from `accessmap serve` (one uvicorn process, warm) on a database this script creates
(ACCESSMAP_BENCH_DATABASE with suffix _map). The peers are Folium's textbook choropleth
(`folium.Choropleth`, same figures, same vendored Leaflet, no basemap as ours) over
- the same boundary level ours embeds (`web`): what Folium alone would give at our detail;
- the full-resolution boundaries (`full`): the naive page.
They are served as static files by uvicorn with gzip (benchmarks/static_site.py), as a sensible
web server would.

Each page is loaded in headless Debian Chromium (tests/chromium.py's binary and flags) with a
fresh context (empty cache); the Chrome DevTools Protocol counts every request the page makes and
the bytes each took on the wire (`encodedDataLength`: headers and body as sent, compressed when
the server compressed). Load time: navigation start to 20 region shapes drawn.

    .venv/bin/python benchmarks/map_page.py [--runs 5] [--lang ru]

Targets (issue 14): all bytes <= 0.05 of the naive full-resolution page, <= 0.5 of the Folium
page at the same boundary level.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from common import (
    UVICORN_FLAGS,
    VENV_BIN,
    Server,
    database_named,
    free_port,
    fresh_database,
    mb,
    ours,
    verdict,
)

from api.db import queries
from api.db.engine import make_engine
from api.pages import STATIC_DIR, map_view
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

DATABASE = database_named("map")
DRAWN = "document.querySelectorAll('path.leaflet-interactive').length >= 20"


def folium_page(engine: Any, lang: str, level: str) -> str:
    """Folium's textbook choropleth of the boundaries at `level`, with local Leaflet."""
    view = map_view(engine, lang, None)  # type: ignore[arg-type]
    shapes = queries.regions_frame(engine, level)
    shares = pd.DataFrame(
        {
            "iso_code": [v.iso_code for v in view.regions],
            "share": [v.figures.share.value if v.figures.share else None for v in view.regions],
        }
    )
    fmap = folium.Map(location=[48.2, 67.5], zoom_start=5, tiles=None)
    fmap.default_js = [("leaflet", "/static/vendor/leaflet/leaflet.js")]
    fmap.default_css = [("leaflet_css", "/static/vendor/leaflet/leaflet.css")]
    choropleth = folium.Choropleth(
        geo_data=shapes[["iso_code", "geometry"]].to_json(),
        data=shares,
        columns=["iso_code", "share"],
        key_on="feature.properties.iso_code",
        fill_color="BrBG",
        nan_fill_color="#bdbdbd",
        legend_name="share adapted, %",
    ).add_to(fmap)
    # Its colour legend needs d3 from a CDN, which this offline machine cannot reach.
    del choropleth._children[choropleth.color_scale.get_name()]
    choropleth.color_scale = None
    return str(fmap.get_root().render())


@dataclass
class Load:
    seconds: float = 0.0
    wire: dict[str, int] = field(default_factory=dict)  # request id -> bytes on the wire
    urls: dict[str, str] = field(default_factory=dict)
    encodings: dict[str, str] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.wire.values())


def load(browser: Any, url: str) -> Load:
    context = browser.new_context()  # empty cache each load
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    found = Load()

    def response(event: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
        found.urls[event["requestId"]] = event["response"]["url"]
        found.encodings[event["requestId"]] = headers.get("content-encoding", "none")

    def finished(event: dict[str, Any]) -> None:
        found.wire[event["requestId"]] = int(event["encodedDataLength"])

    def failed(event: dict[str, Any]) -> None:
        found.failed.append(f"{event['requestId']}: {event.get('errorText')}")

    cdp.on("Network.responseReceived", response)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", failed)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DRAWN, timeout=120_000)
    found.seconds = time.perf_counter() - started
    page.wait_for_load_state("networkidle")  # whatever the page fetches after drawing counts too
    context.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="ru", choices=("kk", "ru", "en"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    fresh_database(DATABASE)
    engine = make_engine(DATABASE)
    servers: list[Server] = []
    results: dict[str, list[Load]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        shutil.copytree(STATIC_DIR, site / "static")
        for level in ("web", "full"):
            (site / f"folium-{level}.html").write_text(
                folium_page(engine, args.lang, level), encoding="utf-8"
            )
        engine.dispose()
        try:
            server = ours("ours", DATABASE, cache=True)
            servers.append(server)
            port = free_port()
            command = [
                str(VENV_BIN / "uvicorn"),
                "static_site:app",
                "--app-dir",
                str(Path(__file__).parent),
                "--port",
                str(port),
                *UVICORN_FLAGS,
            ]
            static = Server(
                "static",
                command,
                {"BENCH_SITE": str(site)},
                f"http://127.0.0.1:{port}/folium-web.html",
            )
            servers.append(static)
            pages = {
                "ours (/map)": f"{server.url}/map?lang={args.lang}",
                "Folium, same level (web)": f"{static.url}/folium-web.html",
                "Folium, full resolution": f"{static.url}/folium-full.html",
            }
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
                try:
                    for url in pages.values():  # once, unmeasured: server-side caches, pools
                        load(browser, url)
                    for _ in range(args.runs):  # alternating, to share machine noise
                        for name, url in pages.items():
                            results.setdefault(name, []).append(load(browser, url))
                finally:
                    browser.close()
        finally:
            for running in servers:
                running.stop()

    print(
        f"map page, lang={args.lang}: {args.runs} cold loads each (empty browser cache), "
        "headless Chromium, bytes counted by CDP (headers + bodies as sent)"
    )
    print(f"{'page':<26}{'requests':>9}{'on the wire':>14}{'median load s':>15}  encodings")
    for name, loads in results.items():
        last = loads[-1]
        encodings = sorted(set(last.encodings.values()))
        print(
            f"{name:<26}{len(last.wire):>9}{mb(last.total):>14}"
            f"{statistics.median(x.seconds for x in loads):>15.3f}  {', '.join(encodings)}"
        )
        if any(x.failed for x in loads):
            print(f"  failed requests: {loads[-1].failed}", file=sys.stderr)
    print("\nours, request by request (last load):")
    last = results["ours (/map)"][-1]
    for request, size in sorted(last.wire.items(), key=lambda kv: -kv[1]):
        url = last.urls.get(request, "?").split("/", 3)[-1]
        print(f"  {mb(size):>12}  {last.encodings.get(request, '?'):<5} /{url[:80]}")

    ours_total = statistics.median(x.total for x in results["ours (/map)"])
    same = ours_total / statistics.median(x.total for x in results["Folium, same level (web)"])
    naive = ours_total / statistics.median(x.total for x in results["Folium, full resolution"])
    print("\ntargets (issue 14), all bytes on the wire:")
    print(
        f"  ours / Folium full resolution = {naive:.3f}  ({verdict(naive, 0.05, at_least=False)})"
    )
    print(f"  ours / Folium same level      = {same:.3f}  ({verdict(same, 0.5, at_least=False)})")
    ours_time = statistics.median(x.seconds for x in results["ours (/map)"])
    naive_time = statistics.median(x.seconds for x in results["Folium, full resolution"])
    print(f"  (load time ours / Folium full resolution = {ours_time / naive_time:.2f}; no target)")


if __name__ == "__main__":
    main()
