"""Map page weight and load time against a naive Folium choropleth, measured in one run.

The naive page is what one gets from the Folium tutorial: `folium.Choropleth` over the
full-resolution boundaries (the cleaned `full` level), same data, same vendored Leaflet. Both
pages are served by one local static server and loaded in headless Debian Chromium.

    .venv/bin/python benchmarks/map_page.py [--runs 7] [--lang ru]

Prints document bytes, median and p90 load time (navigation start to 20 region shapes drawn)
and the ratios; the target is at most 10% of the naive page's bytes.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import folium
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.db import queries
from api.db.setup import prepare_database
from api.pages import STATIC_DIR, map_page_html, map_view
from api.settings import get_settings
from geo.render import PageOptions
from tests.chromium import launch_browser


def naive_page(engine: object, lang: str) -> str:
    """Folium's textbook choropleth of the full boundaries, with local Leaflet."""
    view = map_view(engine, lang, None)  # type: ignore[arg-type]
    full = queries.regions_frame(engine, "full")  # type: ignore[arg-type]
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
        geo_data=full[["iso_code", "geometry"]].to_json(),
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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def load_times(url: str, runs: int) -> list[float]:
    times = []
    with launch_browser() as browser:
        for _ in range(runs):
            context = browser.new_context()  # cold cache each run
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url)
            page.wait_for_function(
                "document.querySelectorAll('path.leaflet-interactive').length >= 20",
                timeout=60_000,
            )
            times.append(time.perf_counter() - started)
            context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", default="ru", choices=("kk", "ru", "en"))
    args = parser.parse_args()

    engine = prepare_database(get_settings())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(STATIC_DIR, root / "static")
        ours = map_page_html(engine, args.lang, None, PageOptions())  # type: ignore[arg-type]
        (root / "ours.html").write_text(ours, encoding="utf-8")
        (root / "naive.html").write_text(naive_page(engine, args.lang), encoding="utf-8")
        server, base = serve(root)
        try:
            results = {}
            for name in ("naive", "ours"):
                size = (root / f"{name}.html").stat().st_size
                times = sorted(load_times(f"{base}/{name}.html", args.runs))
                results[name] = (size, statistics.median(times), times[int(0.9 * (len(times) - 1))])
        finally:
            server.shutdown()
    print(f"map page benchmark: lang={args.lang}, {args.runs} cold loads each, Chromium headless")
    print(f"{'page':<8}{'document bytes':>16}{'median load s':>16}{'p90 load s':>12}")
    for name, (size, median, p90) in results.items():
        print(f"{name:<8}{size:>16,}{median:>16.3f}{p90:>12.3f}")
    (naive_size, naive_median, _), (our_size, our_median, _) = results["naive"], results["ours"]
    print(f"bytes ratio ours/naive: {our_size / naive_size:.3f} (target <= 0.100)")
    print(f"load-time ratio ours/naive: {our_median / naive_median:.3f}")


if __name__ == "__main__":
    main()
