"""Reads under load while uploads land: zero errors and flat memory, on 127.0.0.1 only.

wrk drives three read endpoints (map page, OGC items, a tile) for --duration seconds while a
thread uploads a synthetic figure (named so, into a throwaway PostGIS database) every
--every seconds. The server's resident memory is sampled from /proc throughout.

    .venv/bin/python benchmarks/load_uploads.py [--duration 60] [--every 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ogc_features import free_port, fresh_database, start

from api.auth import create_token
from api.db.engine import make_engine

DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/accessmap_load"
SYNTHETIC_SOURCE = "https://example.org/synthetic-load-test"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--every", type=float, default=2.0)
    args = parser.parse_args()
    fresh_database(DATABASE)
    engine = make_engine(DATABASE)
    token = create_token(engine, "load-test", "editor")
    engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    venv_bin = Path(sys.executable).parent
    server = start(
        [
            str(venv_bin / "uvicorn"),
            "api.app:create_app",
            "--factory",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        {"ACCESSMAP_DATABASE_URL": DATABASE},
        f"{base}/healthz",
    )
    uploads: list[int] = []
    memory: list[float] = []
    stop = threading.Event()

    def upload_loop() -> None:
        count = 0
        while not stop.wait(args.every):
            count += 1
            body = (
                "region,as_of,objects_adapted,objects_total,source_url\n"
                f"Abai,2026-03-{1 + count % 28:02d},{700 + count},1000,"
                f"{SYNTHETIC_SOURCE}-{count}\n"
            ).encode()
            request = urllib.request.Request(
                f"{base}/admin/uploads?description=load",
                data=body,
                method="POST",
                headers={"Authorization": f"Bearer {token}", "Content-Type": "text/csv"},
            )
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    uploads.append(response.status)
            except urllib.error.HTTPError as error:
                uploads.append(error.code)

    def memory_loop() -> None:
        while not stop.wait(2.0):
            memory.append(rss_mb(server.pid))

    urls = [
        f"{base}/map?lang=ru",
        f"{base}/ogc/collections/regions/items?limit=20",
        f"{base}/tiles/accessibility/5/22/11.png",
    ]
    threads = [threading.Thread(target=upload_loop), threading.Thread(target=memory_loop)]
    for thread in threads:
        thread.start()
    try:
        runs = [
            subprocess.Popen(
                ["wrk", "-t1", "-c4", f"-d{args.duration}s", "--timeout", "30s", url],
                stdout=subprocess.PIPE,
                text=True,
            )
            for url in urls
        ]
        outputs = [run.communicate()[0] for run in runs]
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        server.terminate()
        server.wait(timeout=30)
    print(
        f"reads for {args.duration} s (wrk -t1 -c4 each) while uploads landed every {args.every} s"
    )
    errors = 0
    for url, output in zip(urls, outputs, strict=True):
        requests = int(output.split(" requests in ")[0].split()[-1])
        bad = sum(int(line.split(":")[1]) for line in output.splitlines() if "Non-2xx" in line)
        socket_errors = [line for line in output.splitlines() if "Socket errors" in line]
        errors += bad + len(socket_errors)
        print(
            f"  {url.split(str(port))[1]:<45} {requests:7d} requests, {bad} non-2xx"
            f"{', ' + socket_errors[0].strip() if socket_errors else ''}"
        )
    committed = sum(1 for status in uploads if status == 200)
    print(f"uploads: {committed} committed of {len(uploads)} ({set(uploads)})")
    if memory:
        warm = memory[len(memory) // 4 :] or memory
        print(
            f"server RSS MB: start {memory[0]:.0f}, after warm-up {warm[0]:.0f}, "
            f"end {memory[-1]:.0f}, max {max(memory):.0f}"
        )
    print(f"errors: {errors + len(uploads) - committed}")


if __name__ == "__main__":
    main()
