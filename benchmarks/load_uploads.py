"""Reads under load while uploads land, and the first requests after 100,000 observations.

Part 1, reads with and without uploads (database ACCESSMAP_BENCH_DATABASE + "_load"): three wrk
processes (-t1 -c4 each, `Accept-Encoding: gzip` as browsers send) read the map page, the
regions items and a PNG tile from one `accessmap serve`-like uvicorn process for --duration
seconds; once with no writes, then the same again while a thread uploads a one-row synthetic
figure every --every seconds (each a new data version). Reported: reads per second, p99, non-2xx
and socket errors by their kind (wrk's connect, read, write, timeout), upload times, and the
server's resident memory.

Part 2, history that grows (database ACCESSMAP_BENCH_DATABASE + "_100k"): 100,000 synthetic
observations (10 revisions of 5,000 rows, each row two figures; sources under
https://example.org/synthetic-benchmark/, described as SYNTHETIC) are applied through the upload
code (`parse_upload`, `apply_upload`) with no server running (--keep-history reuses them); then a
server starts and the first request for the items, /map and the tiles is timed: as a new data
version serves them (built before it serves), for another language, resolution or year (built on
that first request), and again after one upload through HTTP; then a server with
ACCESSMAP_CACHE=off times the cold path, where every request reads the database and builds.

All data written here are synthetic and go to benchmark databases only, never to seed/ or a test
database.

    .venv/bin/python benchmarks/load_uploads.py [--duration 60] [--every 3] [--observations 100000]

Targets (issue 16): reads with uploads >= 0.5 of the rate without, p99 < 1 s, 0 errors; each
first request after 100,000 stored observations < 2 s (each printed with "target met" or
"MISSED").
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from common import (
    GZIP,
    WrkResult,
    database_named,
    fetch,
    fresh_database,
    ours,
    parse_wrk,
    require_wrk,
    verdict,
    wrk_command,
)

from api.auth import create_token
from api.db.engine import make_engine
from api.db.uploads import apply_upload
from geo.uploads import parse_upload

LOAD_DATABASE = database_named("load")
HISTORY_DATABASE = database_named("100k")
SYNTHETIC_SOURCE = "https://example.org/synthetic-benchmark"
SYNTHETIC = "SYNTHETIC benchmark data, not real figures"
READS = {
    "map page": "/map?lang=ru",
    "regions items": "/ogc/collections/regions/items?limit=20",
    "PNG tile": "/tiles/accessibility/5/22/11.png?lang=ru",
}
FIRST = {
    "regions items": "/ogc/collections/regions/items?limit=20",
    "map page": "/map?lang=ru",
    "PNG tile": "/tiles/accessibility/5/21/11.png?lang=ru",
    "MVT tile": "/tiles/accessibility/5/22/12.mvt?lang=ru",
}
# The same kinds of request for what a new data version does not build before it serves (another
# language, resolution or year): their first request pays the whole build from the snapshot.
NOT_WARMED = {
    "regions items": "/ogc/collections/regions/items?limit=20&resolution=full",
    "map page": "/map?lang=en",
    "PNG tile": "/tiles/accessibility/5/21/11.png?lang=en&year=2024",
    "MVT tile": "/tiles/accessibility/5/22/12.mvt?lang=kk&year=2025",
}
ROWS_PER_UPLOAD = 5_000


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def region_codes(database: str) -> list[str]:
    from sqlalchemy import text

    engine = make_engine(database)
    with engine.connect() as connection:
        codes = [row[0] for row in connection.execute(text("SELECT iso_code FROM regions"))]
    engine.dispose()
    return sorted(codes)


def upload(base: str, token: str, body: bytes) -> tuple[int, float]:
    request = urllib.request.Request(
        f"{base}/admin/uploads?description={SYNTHETIC.replace(' ', '+')}",
        data=body,
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def one_row(count: int, region: str) -> bytes:
    day = date(2024, 1, 1) + timedelta(days=count % 700)
    return (
        "region,as_of,objects_adapted,objects_total,source_url\n"
        f"{region},{day.isoformat()},{500 + count % 400},1000,{SYNTHETIC_SOURCE}/load-{count}\n"
    ).encode()


def read_run(
    base: str, duration: float, every: float | None, token: str, region: str, pid: int
) -> tuple[dict[str, WrkResult], list[tuple[int, float]], list[float]]:
    uploads: list[tuple[int, float]] = []
    memory: list[float] = []
    stop = threading.Event()

    def upload_loop() -> None:
        # On a fixed schedule: one every `every` seconds from the start, the next at once when
        # one took longer (never two at a time: one editor).
        first, started = int(time.time()), time.monotonic()  # a new figure each run
        number = 0
        while every is not None:
            number += 1
            if stop.wait(max(0.0, started + number * every - time.monotonic())):
                return
            uploads.append(upload(base, token, one_row(first + number, region)))

    def memory_loop() -> None:
        while not stop.wait(1.0):
            memory.append(rss_mb(pid))

    threads = [threading.Thread(target=upload_loop), threading.Thread(target=memory_loop)]
    for thread in threads:
        thread.start()
    try:
        runs = {
            name: subprocess.Popen(
                wrk_command(base + path, duration, 4, GZIP, threads=1),
                stdout=subprocess.PIPE,
                text=True,
            )
            for name, path in READS.items()
        }
        results = {name: parse_wrk(run.communicate()[0]) for name, run in runs.items()}
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return results, uploads, memory


def part_one(duration: float, every: float) -> bool:
    fresh_database(LOAD_DATABASE)
    engine = make_engine(LOAD_DATABASE)
    token = create_token(engine, "synthetic-benchmark", "editor")
    engine.dispose()
    region = region_codes(LOAD_DATABASE)[0]
    server = ours("ours", LOAD_DATABASE, cache=True)
    try:
        for path in READS.values():  # warm: the figures are for a running service
            fetch(server.url + path, GZIP)
        quiet, _, quiet_memory = read_run(
            server.url, duration, None, token, region, server.process.pid
        )
        busy, uploads, busy_memory = read_run(
            server.url, duration, every, token, region, server.process.pid
        )
    finally:
        server.stop()

    print(
        f"part 1: reads for {duration:g} s (3 x wrk -t1 -c4, gzip asked), without and with a "
        f"one-row upload every {every:g} s"
    )
    print(f"{'read':<15}{'uploads':>8}{'req/s':>9}{'ratio':>7}{'p50 ms':>9}{'p99 ms':>9}  errors")
    for label, results in (("none", quiet), ("every", busy)):
        for name, result in results.items():
            shown = f"{result.rate / quiet[name].rate:.2f}" if quiet[name].rate else "-"
            print(
                f"{name:<15}{label:>8}{result.rate:>9.1f}{shown:>7}{result.p50_s * 1000:>9.1f}"
                f"{result.p99_s * 1000:>9.0f}  {result.error_text()}"
            )
    committed = [seconds for status, seconds in uploads if status == 200]
    statuses = sorted({status for status, _ in uploads})
    if uploads:
        print(
            f"uploads: {len(committed)} of {len(uploads)} committed (statuses {statuses}); "
            f"time per upload median {statistics.median(s for _, s in uploads):.2f} s, "
            f"max {max(s for _, s in uploads):.2f} s"
        )
    else:
        print("uploads: none finished within the run")
    for label, memory in (("without uploads", quiet_memory), ("with uploads", busy_memory)):
        if memory:
            print(
                f"server RSS {label}: start {memory[0]:.0f} MB, end {memory[-1]:.0f} MB, "
                f"max {max(memory):.0f} MB"
            )

    quiet_rate = sum(r.rate for r in quiet.values())
    busy_rate = sum(r.rate for r in busy.values())
    ratio = busy_rate / quiet_rate if quiet_rate else float("nan")
    worst_p99 = max(r.p99_s for r in busy.values())
    errors = sum(r.errors for r in busy.values()) + sum(r.errors for r in quiet.values())
    failed_uploads = len(uploads) - len(committed)
    print("targets (issue 16):")
    print(
        f"  reads/s with uploads {busy_rate:.1f} / without {quiet_rate:.1f} = {ratio:.2f}  "
        f"({verdict(ratio, 0.5)})"
    )
    print(
        f"  worst p99 with uploads {worst_p99:.2f} s  ({verdict(worst_p99, 1.0, at_least=False)})"
    )
    print(
        f"  errors: {errors} failed reads, {failed_uploads} failed uploads  "
        f"({verdict(errors + failed_uploads, 0, at_least=False)})"
    )
    return bool(uploads)


def synthetic_history(database: str, observations: int) -> float:
    """Apply `observations` synthetic figures through the upload code; seconds it took."""
    codes = region_codes(database)
    engine = make_engine(database)
    started = time.perf_counter()
    rows_needed = observations // 2  # each row gives objects_adapted and objects_total
    uploads = -(-rows_needed // ROWS_PER_UPLOAD)
    for number in range(uploads):
        lines = ["region,as_of,objects_adapted,objects_total,source_url"]
        rows = min(ROWS_PER_UPLOAD, rows_needed - number * ROWS_PER_UPLOAD)
        for index in range(rows):
            code = codes[index % len(codes)]
            day = date(2023, 1, 1) + timedelta(days=(index // len(codes) + 37 * number) % 1000)
            adapted = 100 + (index * 7919 + number) % 800
            lines.append(f"{code},{day.isoformat()},{adapted},1000,{SYNTHETIC_SOURCE}/h{number}")
        parsed = parse_upload("\n".join(lines).encode(), "text/csv").rows
        apply_upload(
            engine,
            parsed,
            actor="synthetic-benchmark",
            role="editor",
            client="127.0.0.1",
            description=f"{SYNTHETIC} ({number + 1} of {uploads})",
            dry_run=False,
        )
    engine.dispose()
    return time.perf_counter() - started


def first_requests(base: str, paths: dict[str, str]) -> dict[str, float]:
    times = {}
    for name, path in paths.items():
        found = fetch(base + path, GZIP)
        if found.status != 200:
            raise RuntimeError(f"{name}: HTTP {found.status}")
        times[name] = found.seconds
    return times


def history_database(observations: int, keep: bool) -> tuple[int, float | None]:
    """The 100k database: made afresh, or kept from an earlier run (--keep-history)."""
    from sqlalchemy import text

    loading = None
    if not keep:
        fresh_database(HISTORY_DATABASE)
        loading = synthetic_history(HISTORY_DATABASE, observations)
    engine = make_engine(HISTORY_DATABASE)
    with engine.connect() as connection:
        stored = int(connection.scalar(text("SELECT count(*) FROM observations")) or 0)
    engine.dispose()
    return stored, loading


def part_two(observations: int, keep: bool) -> None:
    stored, loading = history_database(observations, keep)
    engine = make_engine(HISTORY_DATABASE)
    # A kept database has the tokens of earlier runs: each run names its own.
    token = create_token(engine, f"synthetic-benchmark-{time.time_ns()}", "editor")
    engine.dispose()
    how = (
        f"applied through the upload code in {loading:.0f} s"
        if loading is not None
        else "kept from an earlier run"
    )
    print(f"\npart 2: {stored:,} stored observations ({observations:,} synthetic, {how})")
    started = time.perf_counter()
    server = ours("ours", HISTORY_DATABASE, cache=True)
    try:
        ready = time.perf_counter() - started
        after_start = first_requests(server.url, FIRST)
        not_warmed = first_requests(server.url, NOT_WARMED)
        # A figure no earlier run uploaded (a kept database has theirs): a new data version.
        status, seconds = upload(
            server.url, token, one_row(int(time.time()), region_codes(HISTORY_DATABASE)[0])
        )
        after_upload = first_requests(server.url, FIRST)
    finally:
        server.stop()
    cold_server = ours("ours-cold", HISTORY_DATABASE, cache=False)
    try:
        cold = first_requests(cold_server.url, FIRST)
    finally:
        cold_server.stop()
    print(
        f"  server start to first /healthz 200: {ready:.2f} s (the snapshot is read and what "
        "most requests ask is built before it serves)"
    )
    print(
        f"  one more upload through HTTP: status {status}, {seconds:.2f} s (commit, then the new "
        "version built and swapped in: this process shows it when the upload answers)"
    )
    print("  first requests, each kind in this order (a later one may use what an earlier built):")
    print(f"  {'first request':<15}{'after start':>13}{'not warmed':>12}{'after upload':>14}")
    for name in FIRST:
        print(
            f"  {name:<15}{after_start[name]:>12.2f}s{not_warmed[name]:>11.2f}s"
            f"{after_upload[name]:>13.2f}s"
        )
    print("  not warmed = another language, resolution or year than a new version builds:")
    for name, path in NOT_WARMED.items():
        print(f"    {name}: {path}")
    print("  the cold path (ACCESSMAP_CACHE=off: every request reads the database and builds):")
    for name in FIRST:
        print(f"  {name:<15}{cold[name]:>12.2f}s")
    served = max([*after_start.values(), *not_warmed.values(), *after_upload.values()])
    print("targets (issue 16):")
    print(
        f"  slowest first request after 100k, cache on (after start, not warmed, after upload): "
        f"{served:.2f} s  ({verdict(served, 2.0, at_least=False)})"
    )
    worst_cold = max(cold.values())
    print(
        f"  slowest request on the cold path (cache off): {worst_cold:.2f} s  "
        f"({verdict(worst_cold, 2.0, at_least=False)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--every", type=float, default=3.0)
    parser.add_argument("--observations", type=int, default=100_000)
    parser.add_argument("--part", choices=("1", "2", "both"), default="both")
    parser.add_argument(
        "--keep-history",
        action="store_true",
        help="part 2: reuse the 100k database of an earlier run instead of making it again",
    )
    args = parser.parse_args()
    require_wrk()
    if args.part in ("1", "both"):
        part_one(args.duration, args.every)
    if args.part in ("2", "both"):
        part_two(args.observations, args.keep_history)


if __name__ == "__main__":
    main()
