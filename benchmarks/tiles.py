"""Tile speed against peers measured in the same run, with and without `Accept-Encoding: gzip`.

1. First-request time per tile once the data are read (PNG rendered by Mapnik at 256 px, MVT
   encoded) at each zoom over Kazakhstan: median, p95. In-process, no HTTP.
2. Cached PNG and MVT tiles (ours, warm) against a raw ASGI responder (benchmarks/raw_asgi.py)
   that returns the very bytes ours sends, in the same encoding: the limit of uvicorn itself.
   Both run as one uvicorn process with the same flags. Target: >= 0.8x, compressed MVT served.
3. MVT cold (ours with ACCESSMAP_CACHE=off) against tipg's MVT of the same PostGIS table
   (`regions.geom_web`, the boundaries ours draws; 8 properties each; tile buffer 64 px at
   extent 4096 for both). Target: >= 1.5x.

    .venv/bin/python benchmarks/tiles.py [--duration 8] [--connections 16] [--max-zoom 8]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import mapbox_vector_tile
from common import (
    GZIP,
    UVICORN_FLAGS,
    VENV_BIN,
    Server,
    WrkResult,
    database_named,
    fetch,
    free_port,
    fresh_database,
    latency,
    ours,
    ratio_of,
    require_wrk,
    tipg,
    tipg_version,
    verdict,
    wrk,
)

from api.db.engine import make_engine
from api.snapshot import SnapshotStore
from api.tiles import TileAddress, TileService
from render.tiles import KAZAKHSTAN_BOUNDS, TMS

DATABASE = database_named("tiles")
TILE = (5, 22, 11)  # covers most of Kazakhstan's regions
TIPG_PROPERTIES = "iso_code,kind,name_kk,name_ru,name_en,short_en,centre_en,area_km2"
ENCODINGS = {"identity": {}, "gzip": GZIP}


def cold_render_times(zooms: range) -> dict[tuple[str, int], list[float]]:
    """Seconds per PNG tile rendered, and per MVT tile encoded, from a warm snapshot with empty
    tile caches: the cost of a tile's first request once the data are read."""
    engine = make_engine(DATABASE)
    snapshots = SnapshotStore(enabled=True)
    snapshots.start(engine, poll=False)
    times: dict[tuple[str, int], list[float]] = {}
    with tempfile.TemporaryDirectory() as cache:
        service = TileService(snapshots, Path(cache))
        service.source(None, "latest", "ru")  # the data once; time the rendering alone
        for zoom in zooms:
            for tile in TMS.tiles(*KAZAKHSTAN_BOUNDS, zooms=[zoom]):
                for ext in ("png", "mvt"):
                    address = TileAddress("accessibility", tile.z, tile.x, tile.y, ext, 1)
                    started = time.perf_counter()
                    service.tile(address, None, "latest", "ru")
                    times.setdefault((ext, zoom), []).append(time.perf_counter() - started)
    snapshots.stop()
    engine.dispose()
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def raw_responder(name: str, body: Path, media: str, gzipped: Path | None) -> Server:
    port = free_port()
    env = {"BENCH_BODY": str(body), "BENCH_MEDIA_TYPE": media}
    if gzipped is not None:
        env["BENCH_BODY_GZIP"] = str(gzipped)
    command = [str(VENV_BIN / "uvicorn"), "raw_asgi:app", "--app-dir", str(Path(__file__).parent)]
    return Server(
        name, [*command, "--port", str(port), *UVICORN_FLAGS], env, f"http://127.0.0.1:{port}/"
    )


def mvt_shape(body: bytes) -> str:
    layers = mapbox_vector_tile.decode(body)
    parts = []
    for name, layer in layers.items():
        features = layer["features"]
        props = max((len(f["properties"]) for f in features), default=0)
        parts.append(f"layer {name!r}: {len(features)} features, {props} properties")
    return "; ".join(parts) or "empty"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--max-zoom", type=int, default=8)
    args = parser.parse_args()
    require_wrk()
    fresh_database(DATABASE)

    print("first request of a tile once the data are read (warm snapshot, empty tile caches),")
    print("every tile covering Kazakhstan; PNG rendered by Mapnik at 256 px, MVT encoded:")
    for (ext, zoom), values in cold_render_times(range(3, args.max_zoom + 1)).items():
        median, high = statistics.median(values) * 1000, p95(values) * 1000
        print(
            f"  {ext} z{zoom}: {len(values):4d} tiles  median {median:6.1f} ms  p95 {high:6.1f} ms"
        )

    z, x, y = TILE
    servers: dict[str, Server] = {}
    with tempfile.TemporaryDirectory() as scratch:
        try:
            servers["ours warm"] = ours("ours warm", DATABASE, cache=True)
            servers["ours cold"] = ours("ours cold", DATABASE, cache=False)
            servers["tipg"] = tipg(
                DATABASE, {"TIPG_TILE_BUFFER": "64", "TIPG_TILE_RESOLUTION": "4096"}
            )
            warm = servers["ours warm"].url
            path = f"/tiles/accessibility/{z}/{x}/{y}"
            urls = {
                "png": f"{warm}{path}.png?lang=ru",
                "mvt": f"{warm}{path}.mvt?lang=ru",
                "mvt cold": f"{servers['ours cold'].url}{path}.mvt?lang=ru",
                "tipg mvt": f"{servers['tipg'].url}/collections/public.regions/tiles/"
                f"WebMercatorQuad/{z}/{x}/{y}?geom-column=geom_web&properties={TIPG_PROPERTIES}",
            }
            # The bytes ours sends, saved for the raw responders to send the same.
            sent = {}
            for kind in ("png", "mvt"):
                plain, packed = fetch(urls[kind]), fetch(urls[kind], GZIP)
                assert plain.status == 200 and packed.status == 200, kind
                (Path(scratch) / kind).write_bytes(plain.body)
                (Path(scratch) / f"{kind}.gz").write_bytes(packed.body)
                sent[kind] = (plain, packed)
            png_plain, png_packed = sent["png"]
            mvt_plain, mvt_packed = sent["mvt"]
            servers["raw png"] = raw_responder(
                "raw png",
                Path(scratch) / "png",
                "image/png",
                Path(scratch) / "png.gz" if png_packed.encoding == "gzip" else None,
            )
            servers["raw mvt"] = raw_responder(
                "raw mvt",
                Path(scratch) / "mvt",
                "application/vnd.mapbox-vector-tile",
                Path(scratch) / "mvt.gz" if mvt_packed.encoding == "gzip" else None,
            )
            urls["raw png"] = servers["raw png"].url + "/tile.png"
            urls["raw mvt"] = servers["raw mvt"].url + "/tile.mvt"
            cold_plain, cold_packed = fetch(urls["mvt cold"]), fetch(urls["mvt cold"], GZIP)
            tipg_plain, tipg_packed = fetch(urls["tipg mvt"]), fetch(urls["tipg mvt"], GZIP)
            assert cold_plain.status == 200 and tipg_plain.status == 200

            print(f"\ntile {z}/{x}/{y} as sent (identity / with gzip asked):")
            for name, (plain, packed) in {
                "ours PNG": (png_plain, png_packed),
                "ours MVT warm": (mvt_plain, mvt_packed),
                "ours MVT cold": (cold_plain, cold_packed),
                f"tipg {tipg_version()} MVT": (tipg_plain, tipg_packed),
            }.items():
                shape = "" if name == "ours PNG" else "; " + mvt_shape(plain.decoded())
                print(
                    f"  {name:<16} {len(plain.body):7,d} B / {len(packed.body):7,d} B "
                    f"(Content-Encoding: {packed.encoding or 'none'}){shape}"
                )
            if mvt_packed.encoding != "gzip":
                print("  MISSED: ours did not send a compressed MVT when asked for gzip")
            single = {
                "ours MVT cold": latency(urls["mvt cold"], GZIP),
                "tipg MVT": latency(urls["tipg mvt"], GZIP),
                "ours MVT warm": latency(urls["mvt"], GZIP),
            }

            pairs = [("png", "raw png"), ("mvt", "raw mvt"), ("mvt cold", "tipg mvt")]
            results: dict[tuple[str, str], WrkResult] = {}
            for ours_name, peer in pairs:
                for encoding, headers in ENCODINGS.items():
                    for name in (ours_name, peer):
                        results[(name, encoding)] = wrk(
                            urls[name], args.duration, args.connections, headers
                        )
            cold_dir = servers["ours cold"].data_dir
            cold_disk = sorted(cold_dir.rglob("*.mvt")) if cold_dir else []
        finally:
            for server in servers.values():
                server.stop()

    labels = {
        "png": "cached PNG (ours warm)",
        "raw png": "raw ASGI, same bytes",
        "mvt": "cached MVT (ours warm)",
        "raw mvt": "raw ASGI, same bytes",
        "mvt cold": "MVT cold (ours, cache off)",
        "tipg mvt": "tipg MVT",
    }
    print(f"\nrequests per second (wrk -t2 -c{args.connections} -d{args.duration:g}s, 127.0.0.1)")
    print(f"{'':<28}{'encoding':>9}{'req/s':>10}{'p99 ms':>9}{'ratio':>8}  errors")
    ratios: dict[tuple[str, str], float] = {}
    for ours_name, peer in pairs:
        for encoding in ENCODINGS:
            mine, theirs = results[(ours_name, encoding)], results[(peer, encoding)]
            ratio = ratios[(ours_name, encoding)] = ratio_of(mine.rate, theirs.rate)
            for name, result, shown in ((ours_name, mine, f"{ratio:.2f}x"), (peer, theirs, "")):
                print(
                    f"{labels[name]:<28}{encoding:>9}{result.rate:>10.1f}"
                    f"{result.p99_s * 1000:>9.1f}{shown:>8}  {result.errors}"
                )
    print("\nsingle MVT request, one at a time, gzip asked (median of 5):")
    for name, seconds in single.items():
        print(f"  {name:<16}{seconds * 1000:8.1f} ms")

    if cold_disk:
        print(
            "  NOTE: with ACCESSMAP_CACHE=off ours still kept the tile on disk "
            f"({cold_disk[0].name} under its data dir) and read it back: 'MVT cold' is a"
            " snapshot rebuild per request plus that disk read, not an encode per request."
        )

    print("\ntargets (issue 14):")
    for encoding in ENCODINGS:
        for kind, label in (("png", "cached PNG"), ("mvt", "cached MVT")):
            value = ratios[(kind, encoding)]
            print(f"  {label} / raw ASGI, {encoding}: {value:.2f}  ({verdict(value, 0.8)})")
        value = ratios[("mvt cold", encoding)]
        print(f"  MVT cold / tipg, {encoding}: {value:.2f}  ({verdict(value, 1.5)})")
    errors = sum(r.errors for r in results.values())
    if errors:
        print(f"  {errors} failed requests in the runs above: the figures are not valid")


if __name__ == "__main__":
    main()
