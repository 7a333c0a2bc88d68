"""Caches that cannot lie: a restored database never serves the discarded timeline's tiles, and a
tile cache that cannot be written still serves tiles (rendered without keeping a copy).

SpatiaLite only: a restore is a file copy there; the cache key that makes it safe (the latest
revision's id and creation time) is computed the same way on PostGIS.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from PIL import Image

from api.app import create_app
from api.auth import create_token
from api.db import queries
from api.db.setup import prepare_database
from api.settings import PROJECT_ROOT, Settings
from geo.classify import CLASSES, classify_shares
from tests.admin_client import HEADER, SYNTHETIC_SOURCE
from tests.test_tiles import hex_colour, pixel_of


def share_colour(share: float) -> str:
    """The legend colour of a share, by the map's own classes."""
    return CLASSES[classify_shares([share])[0]].colour


def ulytau_pixel(client: TestClient) -> tuple[str, int, int]:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    point = queries.regions_frame(engine, "web").set_index("iso_code").geometry["KZ-62"]
    tile, column, row = pixel_of(*point.representative_point().coords[0], 6)
    return f"/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}.png?year=2026", column, row


def colour_after_upload(
    settings: Settings, token: str, adapted: int, before_reading: Callable[[], object] = list
) -> str:
    with TestClient(create_app(settings)) as client:
        body = HEADER + f"Ulytau,2026-03-04,{adapted},290,{SYNTHETIC_SOURCE}-restore\n"
        uploaded = client.post(
            "/admin/uploads",
            content=body.encode(),
            headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
        )
        assert uploaded.status_code == 200 and uploaded.json()["revision_id"] == 2
        before_reading()
        url, column, row = ulytau_pixel(client)
        image = Image.open(io.BytesIO(client.get(url).content)).convert("RGBA")
        return hex_colour(image.getpixel((column, row)))


def test_a_restored_database_never_shows_the_discarded_timeline(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", seed_dir=PROJECT_ROOT / "seed")
    engine = prepare_database(settings)
    token = create_token(engine, "editor-restore", "editor")
    engine.dispose()
    backup = tmp_path / "backup.sqlite"
    shutil.copy(settings.spatialite_path, backup)
    # The discarded timeline: revision 2 says 50%, and its tiles are kept on disk.
    assert colour_after_upload(settings, token, 145) == share_colour(50.0)
    tiles = settings.data_dir / "tiles"
    discarded = tmp_path / "discarded-tiles"
    shutil.copytree(tiles, discarded)
    for suffix in ("-wal", "-shm"):
        Path(f"{settings.spatialite_path}{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, settings.spatialite_path)

    def late_writes_from_another_worker() -> None:
        # A worker still on the discarded timeline writes its tiles into the shared cache.
        shutil.copytree(discarded, tiles, dirs_exist_ok=True)

    # The restored timeline's own revision 2 says 10%: its tile must say so too.
    colour = colour_after_upload(settings, token, 29, late_writes_from_another_worker)
    assert colour == share_colour(10.0)


def test_an_unwritable_tile_cache_still_serves_tiles(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", seed_dir=PROJECT_ROOT / "seed")
    prepare_database(settings).dispose()
    # Where the cache directory should be stands a file: nothing can be written below it.
    (settings.data_dir / "tiles").write_bytes(b"")
    with TestClient(create_app(settings)) as client:
        for url in ("/tiles/accessibility/4/11/5.png", "/tiles/accessibility/4/11/5.mvt"):
            response = client.get(url)
            assert response.status_code == 200, (url, response.text[:200])
            assert len(response.content) > 100
        image = Image.open(io.BytesIO(client.get("/tiles/accessibility/4/11/5.png").content))
        assert image.size == (256, 256)
