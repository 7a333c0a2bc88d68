"""Regions items as GeoJSON: accessmap-kz against tipg on the same PostGIS table, in one run.

Three servers, each one uvicorn process on 127.0.0.1 with the same flags, on one database this
script creates and seeds (ACCESSMAP_BENCH_DATABASE + "_ogc", default accessmap_bench_h_ogc):

- ours cold: ACCESSMAP_CACHE=off, the path a request takes when nothing is cached;
- ours warm: the default (one snapshot per data version), labelled warm: it is not like for like;
- tipg: queries PostGIS on every request (its compression middleware at level 6).

Each is measured with and without `Accept-Encoding: gzip`, alternating rounds so machine noise
is shared. Like for like: both return the 20 regions at full resolution with the same five
properties (`properties=`). The coordinate precision differs and neither API lets a client set
it: ours rounds to 6 decimals (~0.1 m); tipg sends what PostGIS stores (ST_AsGeoJSON, up to 9
decimals). The script prints both precisions and the body sizes, so the reader sees the
difference it makes.

    .venv/bin/python benchmarks/ogc_features.py [--duration 10] [--connections 16] [--rounds 2]

Targets (issue 14), gzip: ours warm >= 1.5x tipg, ours cold >= 1.0x tipg.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from typing import Any

from common import (
    GZIP,
    Server,
    WrkResult,
    database_named,
    fetch,
    fresh_database,
    latency,
    mb,
    ours,
    ratio_of,
    require_wrk,
    tipg,
    tipg_version,
    verdict,
    wrk,
)

DATABASE = database_named("ogc")
PROPERTIES = "iso_code,kind,name_kk,name_ru,name_en"
ENCODINGS = {"identity": {}, "gzip": GZIP}


def urls(servers: dict[str, Server]) -> dict[str, str]:
    ours_path = (
        f"/ogc/collections/regions/items?f=json&resolution=full&limit=20&properties={PROPERTIES}"
    )
    tipg_path = (
        "/collections/public.regions/items?f=geojson&limit=20&geom-column=geom"
        f"&properties={PROPERTIES}"
    )
    return {
        name: server.url + (tipg_path if name == "tipg" else ours_path)
        for name, server in servers.items()
    }


def decimals(document: dict[str, Any]) -> int:
    """The most decimals any coordinate of the first feature carries."""
    text = json.dumps(document["features"][0]["geometry"]["coordinates"])
    return max((len(m) for m in re.findall(r"\.(\d+)", text)), default=0)


def describe(name: str, url: str) -> tuple[int, int]:
    """Check the response is like the peer's; print its shape; return (identity, gzip) sizes."""
    plain, packed = fetch(url), fetch(url, GZIP)
    assert plain.status == 200 and packed.status == 200, (name, plain.status, packed.status)
    document = json.loads(plain.body)
    features = document["features"]
    if len(features) != 20:
        raise RuntimeError(f"{name} served {len(features)} regions, not 20: {url}")
    keys = sorted(features[0]["properties"])
    print(
        f"  {name:<11} {len(features)} features, {len(keys)} properties ({','.join(keys)}), "
        f"{decimals(document)} decimals; body {mb(len(plain.body))} identity, "
        f"{mb(len(packed.body))} with gzip asked (Content-Encoding: {packed.encoding or 'none'})"
    )
    if packed.encoding != "gzip":
        print(f"  WARNING: {name} did not compress when asked for gzip")
    return len(plain.body), len(packed.body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    require_wrk()
    fresh_database(DATABASE)

    servers = {
        "ours cold": ours("ours cold", DATABASE, cache=False),
        "ours warm": ours("ours warm", DATABASE, cache=True),
        "tipg": tipg(DATABASE),
    }
    try:
        targets = urls(servers)
        print(f"regions items, 20 features at full resolution (tipg {tipg_version()})")
        for name, url in targets.items():
            describe(name, url)
        # One request at a time: what a single client waits, and whether "cold" is really cold.
        single = {name: latency(url, GZIP) for name, url in targets.items()}
        # Not like for like (all 16 properties): shows what `properties=` costs ours per request.
        everything = targets["ours warm"].split("&properties=")[0]
        single["ours warm, all properties (not like for like)"] = latency(everything, GZIP)
        rates: dict[tuple[str, str], list[WrkResult]] = {}
        for _ in range(args.rounds):
            for encoding, headers in ENCODINGS.items():
                for name, url in targets.items():
                    result = wrk(url, args.duration, args.connections, headers)
                    rates.setdefault((name, encoding), []).append(result)
    finally:
        for server in servers.values():
            server.stop()

    print(
        f"\nwrk -t2 -c{args.connections} -d{args.duration:g}s, {args.rounds} alternating rounds; "
        "median req/s, p99 of the median run"
    )
    print(f"{'server':<11}{'encoding':>10}{'req/s':>10}{'p99 ms':>9}{'vs tipg':>9}  errors")
    median: dict[tuple[str, str], float] = {}
    for (name, encoding), results in rates.items():
        median[(name, encoding)] = statistics.median(r.rate for r in results)
    for (name, encoding), results in sorted(rates.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        middle = sorted(results, key=lambda r: r.rate)[len(results) // 2]
        ratio = ratio_of(median[(name, encoding)], median[("tipg", encoding)])
        errors = sum(r.errors for r in results)
        print(
            f"{name:<11}{encoding:>10}{median[(name, encoding)]:>10.1f}{middle.p99_s * 1000:>9.0f}"
            f"{ratio:>8.2f}x  {errors}"
        )
    print("\nsingle request, one at a time, gzip asked (median of 5):")
    for name, seconds in single.items():
        print(f"  {seconds * 1000:8.1f} ms  {name}")
    if single["ours cold"] < 2 * single["ours warm"]:
        print(
            "  NOTE: 'ours cold' answers about as fast as 'ours warm': the collection store does "
            "not honour ACCESSMAP_CACHE=off yet (it keeps its own per-version cache), so the "
            "'cold' rows above measure a cached path plus one version query per request."
        )

    print("\ntargets (issue 14):")
    warm = ratio_of(median[("ours warm", "gzip")], median[("tipg", "gzip")])
    cold = ratio_of(median[("ours cold", "gzip")], median[("tipg", "gzip")])
    print(f"  gzip, ours warm / tipg = {warm:.2f}  ({verdict(warm, 1.5)})")
    print(f"  gzip, ours cold / tipg = {cold:.2f}  ({verdict(cold, 1.0)})")
    errors = sum(r.errors for results in rates.values() for r in results)
    if errors:
        print(f"  {errors} failed requests in the runs above: the figures are not valid")


if __name__ == "__main__":
    main()
