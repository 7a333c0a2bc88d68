"""Tile speed, measured in one run against baselines measured in the same run.

1. Cold render time per PNG tile (Mapnik) at z3-8 over Kazakhstan: median and p95.
2. Cached-tile requests per second against a bare FastAPI endpoint returning a fixed 10 KB
   body (the limit of this HTTP stack); target >= 70% of it.
3. MVT tile requests per second against tipg serving the same PostGIS table; target >= 1.0.

    .venv/bin/python benchmarks/tiles.py [--duration 8] [--connections 16]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ogc_features import DATABASE, ensure_tipg, free_port, fresh_database, start, wrk

from api.db.engine import make_engine
from api.tiles import TileService
from geo.tiles import KAZAKHSTAN_BOUNDS, TMS


def cold_render_times(zooms: range) -> dict[int, list[float]]:
    engine = make_engine(DATABASE)
    times: dict[int, list[float]] = {}
    with tempfile.TemporaryDirectory() as cache:
        service = TileService(engine, Path(cache))
        service.source(None, "ru")  # load the data once; time the rendering alone
        for zoom in zooms:
            for tile in TMS.tiles(*KAZAKHSTAN_BOUNDS, zooms=[zoom]):
                started = time.perf_counter()
                service.png("accessibility", tile.z, tile.x, tile.y, 1, None, "ru")
                times.setdefault(zoom, []).append(time.perf_counter() - started)
    engine.dispose()
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    fresh_database(DATABASE)

    print("cold PNG render per tile (Mapnik, 256 px), tiles covering Kazakhstan:")
    for zoom, values in cold_render_times(range(3, 9)).items():
        median, high = statistics.median(values) * 1000, p95(values) * 1000
        print(f"  z{zoom}: {len(values):4d} tiles  median {median:6.1f} ms  p95 {high:6.1f} ms")

    venv_bin = Path(sys.executable).parent
    ports = {name: free_port() for name in ("ours", "bare", "tipg")}
    servers = [
        start([str(venv_bin / "uvicorn"), "api.app:create_app", "--factory", "--port",
               str(ports["ours"]), "--no-access-log", "--log-level", "warning"],
              {"ACCESSMAP_DATABASE_URL": DATABASE}, f"http://127.0.0.1:{ports['ours']}/healthz"),
        start([str(venv_bin / "uvicorn"), "bare_app:app", "--app-dir", str(Path(__file__).parent),
               "--port", str(ports["bare"]), "--no-access-log", "--log-level", "warning"],
              {}, f"http://127.0.0.1:{ports['bare']}/tile.png"),
        start([str(ensure_tipg()), "tipg.main:app", "--port", str(ports["tipg"]),
               "--no-access-log", "--log-level", "warning"],
              {"DATABASE_URL": DATABASE.replace("+psycopg", ""), "TIPG_DB_SCHEMAS": '["public"]'},
              f"http://127.0.0.1:{ports['tipg']}/collections"),
    ]  # fmt: skip
    try:
        png = f"http://127.0.0.1:{ports['ours']}/tiles/accessibility/5/22/11.png"
        mvt = f"http://127.0.0.1:{ports['ours']}/tiles/accessibility/5/22/11.mvt"
        tipg_mvt = (f"http://127.0.0.1:{ports['tipg']}/collections/public.regions/tiles/"
                    "WebMercatorQuad/5/22/11?geom-column=geom_web")  # fmt: skip
        for url in (png, mvt, tipg_mvt):
            with urllib.request.urlopen(url, timeout=60) as response:  # warm: cache, pools
                assert response.status == 200 and response.read(), url
        rates = {
            "cached PNG tile": wrk(png, args.duration, args.connections),
            "bare 10 KB endpoint": wrk(f"http://127.0.0.1:{ports['bare']}/tile.png",
                                       args.duration, args.connections),
            "MVT tile (ours)": wrk(mvt, args.duration, args.connections),
            "MVT tile (tipg)": wrk(tipg_mvt, args.duration, args.connections),
        }  # fmt: skip
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    print(f"requests per second (wrk -t2 -c{args.connections} -d{args.duration}s, 127.0.0.1):")
    for name, rate in rates.items():
        print(f"  {name:<22}{rate:10.1f}")
    cached = rates["cached PNG tile"] / rates["bare 10 KB endpoint"]
    print(f"cached PNG / bare endpoint: {cached:.2f} (target >= 0.70)")
    vector = rates["MVT tile (ours)"] / rates["MVT tile (tipg)"]
    print(f"MVT ours / tipg: {vector:.2f} (target >= 1.0)")


if __name__ == "__main__":
    main()
