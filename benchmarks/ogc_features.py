"""Requests per second for the `regions` items as GeoJSON: accessmap-kz against tipg.

Both serve the same PostGIS table (`regions`, full-resolution boundaries) from a database this
script creates and seeds, each as one uvicorn process on 127.0.0.1, measured in the same run with
the same load generator (wrk, Debian's package), alternating runs to share any machine noise.

    .venv/bin/python benchmarks/ogc_features.py [--duration 10] [--connections 16] [--rounds 2]

tipg (PyPI) is installed into .bench/tipg-venv on first use; it is a measuring stick only and is
never imported by the project.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from api.db.setup import prepare_database  # noqa: E402
from api.settings import Settings  # noqa: E402

DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/accessmap_bench"
TIPG_VENV = ROOT / ".bench" / "tipg-venv"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(url: str) -> None:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()
    prepare_database(Settings(database_url=url)).dispose()


def ensure_tipg() -> Path:
    uvicorn = TIPG_VENV / "bin" / "uvicorn"
    if not uvicorn.exists():
        print("installing tipg into .bench/tipg-venv (first run only)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(TIPG_VENV)], check=True)
        subprocess.run([str(TIPG_VENV / "bin" / "pip"), "install", "-q", "tipg", "uvicorn"],
                       check=True)  # fmt: skip
    return uvicorn


def start(command: list[str], env: dict[str, str], url: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{command[0]} did not come up: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]


def features_in(url: str) -> int:
    with urllib.request.urlopen(url, timeout=60) as response:
        return len(json.load(response)["features"])


def wrk(url: str, duration: int, connections: int) -> float:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{errors.group(1)} error responses from {url}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")

    fresh_database(DATABASE)
    ours_port, tipg_port = free_port(), free_port()
    venv_bin = Path(sys.executable).parent
    ours = start(
        [str(venv_bin / "uvicorn"), "api.app:create_app", "--factory", "--port", str(ours_port),
         "--no-access-log", "--log-level", "warning"],
        {"ACCESSMAP_DATABASE_URL": DATABASE},
        f"http://127.0.0.1:{ours_port}/healthz",
    )  # fmt: skip
    tipg = start(
        [str(ensure_tipg()), "tipg.main:app", "--port", str(tipg_port), "--no-access-log",
         "--log-level", "warning"],
        {"DATABASE_URL": DATABASE.replace("+psycopg", ""), "TIPG_DB_SCHEMAS": '["public"]'},
        f"http://127.0.0.1:{tipg_port}/collections",
    )  # fmt: skip
    try:
        urls = {
            "accessmap-kz": f"http://127.0.0.1:{ours_port}/ogc/collections/regions/items"
            "?f=json&resolution=full&limit=20",
            "tipg": f"http://127.0.0.1:{tipg_port}/collections/public.regions/items"
            "?f=geojson&limit=20&geom-column=geom&properties=iso_code,kind,name_kk,name_ru,"
            "name_en,area_km2",
        }
        for name, url in urls.items():
            count = features_in(url)
            if count != 20:
                raise RuntimeError(f"{name} served {count} regions, not 20: {url}")
        rates: dict[str, list[float]] = {name: [] for name in urls}
        for _ in range(args.rounds):
            for name, url in urls.items():
                rates[name].append(wrk(url, args.duration, args.connections))
    finally:
        for process in (ours, tipg):
            process.terminate()
            process.wait(timeout=30)
    print(f"regions items as GeoJSON, 20 full-resolution features a response; wrk -t2 "
          f"-c{args.connections} -d{args.duration}s, {args.rounds} alternating rounds")  # fmt: skip
    for name, values in rates.items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        print(f"{name:<14} median {statistics.median(values):8.1f} req/s  (runs: {runs})")
    ratio = statistics.median(rates["accessmap-kz"]) / statistics.median(rates["tipg"])
    print(f"ratio accessmap-kz / tipg: {ratio:.2f} (target >= 1.0)")


if __name__ == "__main__":
    main()
