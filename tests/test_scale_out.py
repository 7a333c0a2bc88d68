"""Two server processes on one PostGIS behave as one service: an upload through one is visible
through the other (items, page, tile) within the documented delay, and the failed-login limit
counts across both.

The delay is ACCESSMAP_VERSION_CHECK_S (how often each process looks for others' writes) plus one
snapshot build; the test polls until a generous deadline, so a slow machine makes it slower, not
flaky.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from api.auth import FAILURES_ALLOWED, create_token
from api.db import queries
from api.db.setup import prepare_database
from api.settings import PROJECT_ROOT, Settings
from geo.classify import CLASSES, classify_shares
from tests.admin_client import HEADER, SYNTHETIC_SOURCE
from tests.conftest import POSTGIS_URL, fresh_postgis_database
from tests.test_tiles import hex_colour, pixel_of

ACCESSMAP = Path(sys.executable).with_name("accessmap")
DEADLINE_S = 120


def share_colour(share: float) -> str:
    """The legend colour of a share, by the map's own classes."""
    return CLASSES[classify_shares([share])[0]].colour


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {DEADLINE_S} s: {what}")
        time.sleep(0.1)  # polling interval only; the outcome does not depend on it


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], str]]:
    url = fresh_postgis_database(f"{POSTGIS_URL}_scale")
    settings = Settings(
        database_url=url,
        data_dir=tmp_path_factory.mktemp("scale-data"),
        seed_dir=PROJECT_ROOT / "seed",
    )
    engine = prepare_database(settings)
    token = create_token(engine, "editor-scale", "editor")
    engine.dispose()
    servers, bases = [], []
    try:
        for n in range(2):
            port = free_port()
            env = {
                **os.environ,
                "ACCESSMAP_DATABASE_URL": url,
                "ACCESSMAP_DATA_DIR": str(tmp_path_factory.mktemp(f"scale-{n}")),
                "ACCESSMAP_VERSION_CHECK_S": "0.5",
            }
            servers.append(
                subprocess.Popen(
                    [str(ACCESSMAP), "serve", "--port", str(port)],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            wait_for(lambda base=base: answers(f"{base}/healthz"), f"{base} starts")
        yield bases, token
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def ulytau_share(base: str) -> float | None:
    items = httpx.get(f"{base}/ogc/collections/regions/items?limit=100", timeout=30).json()
    found = next(f for f in items["features"] if f["id"] == "KZ-62")
    share: float | None = found["properties"]["adapted_share"]
    return share


def test_an_upload_through_one_process_shows_through_the_other(
    two_servers: tuple[list[str], str],
) -> None:
    (first, second), token = two_servers
    settings = Settings(database_url=f"{POSTGIS_URL}_scale")
    from api.db.engine import make_engine

    engine = make_engine(settings.resolved_database_url)
    point = queries.regions_frame(engine, "web").set_index("iso_code").geometry["KZ-62"]
    engine.dispose()
    tile, column, row = pixel_of(*point.representative_point().coords[0], 6)
    tile_url = f"{second}/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}.png?year=2026"
    assert httpx.get(tile_url, timeout=60).status_code == 200  # cached by the second process
    assert ulytau_share(second) is None
    body = HEADER + f"Ulytau,2026-03-04,145,290,{SYNTHETIC_SOURCE}-scale\n"
    uploaded = httpx.post(
        f"{first}/admin/uploads",
        content=body.encode(),
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert uploaded.status_code == 200, uploaded.text

    def tile_colour() -> str:
        image = Image.open(io.BytesIO(httpx.get(tile_url, timeout=60).content))
        return hex_colour(image.convert("RGBA").getpixel((column, row)))

    wait_for(lambda: ulytau_share(second) == 50.0, "the items of the second process")
    wait_for(lambda: tile_colour() == share_colour(50.0), "the tile of the second process")
    page = httpx.get(f"{second}/map?lang=en&year=2026", timeout=60).text
    assert "50.0" in page


def test_the_failure_limit_counts_across_processes(two_servers: tuple[list[str], str]) -> None:
    bases, _token = two_servers

    def fail(base: str, n: int) -> int:
        return httpx.post(
            f"{base}/admin/uploads",
            content=b"x",
            headers={"Authorization": f"Bearer amkz_wrong-scale-{n}"},
            timeout=30,
        ).status_code

    statuses = [fail(bases[n % 2], n) for n in range(FAILURES_ALLOWED)]
    assert statuses == [401] * FAILURES_ALLOWED
    assert [fail(base, 99) for base in bases] == [429, 429]
