"""Tiles decoded as clients decode them: PNG pixels, MVT features, TileJSON, GDAL as a client."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import mapbox_vector_tile
import morecantile
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from api.app import create_app
from api.db import queries
from api.pages import snapshot_view
from geo.classify import CLASSES, COUNT_ONLY_COLOUR, NO_DATA_COLOUR
from geo.definitions import KAZAKHSTAN_BOUNDS
from geo.indicators import VIEW_MODES, ViewMode
from tests.chromium import serve_app
from tests.conftest import IN_CI, Database

TMS = morecantile.tms.get("WebMercatorQuad")


@pytest.fixture(scope="module")
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings)) as client:
        yield client


def pixel_of(
    lon: float, lat: float, zoom: int, scale: int = 1
) -> tuple[morecantile.Tile, int, int]:
    tile = TMS.tile(lon, lat, zoom)
    bounds = TMS.xy_bounds(tile)
    x, y = TMS.xy(lon, lat)
    size = 256 * scale
    column = int((x - bounds.left) / (bounds.right - bounds.left) * size)
    row = int((bounds.top - y) / (bounds.top - bounds.bottom) * size)
    return tile, column, row


def system_gdal_env() -> dict[str, str]:
    """The environment for Debian's GDAL: pyproj points PROJ_DATA at its own, newer proj.db."""
    return {k: v for k, v in os.environ.items() if k not in ("PROJ_DATA", "PROJ_LIB")}


def hex_colour(rgb: tuple[int, ...]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


@pytest.mark.parametrize(
    ("iso_code", "expected"),
    [("KZ-43", CLASSES[2].colour), ("KZ-27", COUNT_ONLY_COLOUR), ("KZ-11", NO_DATA_COLOUR)],
)
@pytest.mark.parametrize("scale", [1, 2])
def test_png_pixel_has_the_class_colour_of_its_region(
    db: Database, client: TestClient, iso_code: str, expected: str, scale: int
) -> None:
    # 2025: Kyzylorda 66.7% -> class [60-70); West Kazakhstan a count only; Akmola no data.
    regions = queries.regions_frame(db.engine, "web").set_index("iso_code")
    point = regions.geometry[iso_code].representative_point()
    tile, column, row = pixel_of(point.x, point.y, 6, scale)
    suffix = "@2x.png" if scale == 2 else ".png"
    response = client.get(f"/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}{suffix}?year=2025")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content)).convert("RGBA")
    assert image.size == (256 * scale, 256 * scale)
    # The ground of the region (its most common colour: count only and no data carry a pattern).
    assert Counter(window(image, column, row, 8 * scale)).most_common(1)[0][0] == expected


def window(image: Image.Image, column: int, row: int, half: int) -> list[str]:
    """The colours of the pixels around (column, row), row by row (moved inside the tile)."""
    column = min(max(column, half), image.width - half)
    row = min(max(row, half), image.height - half)
    return [
        hex_colour(image.getpixel((x, y)))
        for y in range(row - half, row + half)
        for x in range(column - half, column + half)
    ]


def cue_mask(db: Database, client: TestClient, iso_code: str, scale: int) -> tuple[bool, ...]:
    """Which pixels around a region's representative point are not its fill: its pattern."""
    regions = queries.regions_frame(db.engine, "web").set_index("iso_code")
    point = regions.geometry[iso_code].representative_point()
    tile, column, row = pixel_of(point.x, point.y, 6, scale)
    suffix = "@2x.png" if scale == 2 else ".png"
    url = f"/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}{suffix}?view=latest&year=2025"
    image = Image.open(io.BytesIO(client.get(url).content)).convert("RGBA")
    colours = window(image, column, row, 16 * scale)
    ground = Counter(colours).most_common(1)[0][0]
    return tuple(colour != ground for colour in colours)


@pytest.mark.parametrize("scale", [1, 2])
def test_count_only_and_no_data_differ_by_more_than_colour(
    db: Database, client: TestClient, scale: int
) -> None:
    # 2025, latest known: West Kazakhstan a count only (dots), Akmola no data (hatching),
    # Kyzylorda a share (plain fill).
    dots = cue_mask(db, client, "KZ-27", scale)
    hatch = cue_mask(db, client, "KZ-11", scale)
    plain = cue_mask(db, client, "KZ-43", scale)
    assert not any(plain)
    # Both states carry ink of their own, in patterns that differ in shape, not only in colour:
    # hatching inks a diagonal line through every row, dots leave most rows of a period blank.
    side = 32 * scale
    for mask in (dots, hatch):
        assert 0.02 < sum(mask) / len(mask) < 0.5
    rows_inked = [
        sum(any(m[y * side : (y + 1) * side]) for y in range(side)) / side for m in (dots, hatch)
    ]
    assert rows_inked[0] < 0.5 < 0.9 < rows_inked[1], rows_inked


def test_centre_tile_draws_markers_and_empty_sea_is_transparent(client: TestClient) -> None:
    tile = TMS.tile(51.37, 51.23, 7)  # Uralsk: rehabilitation + autism centres
    image = Image.open(
        io.BytesIO(client.get(f"/tiles/centres/{tile.z}/{tile.x}/{tile.y}.png").content)
    )
    alpha = image.convert("RGBA").getchannel("A")
    assert alpha.getbbox() is not None  # something is drawn
    caspian = TMS.tile(49.0, 40.8, 7)  # open sea and Azerbaijan: nothing of Kazakhstan
    empty = Image.open(
        io.BytesIO(client.get(f"/tiles/accessibility/7/{caspian.x}/{caspian.y}.png").content)
    )
    assert empty.convert("RGBA").getchannel("A").getbbox() is None


def test_mvt_holds_the_expected_regions_and_attributes(client: TestClient) -> None:
    tile = TMS.tile(65.5, 44.8, 5)  # Kyzylorda (and Mangystau, named a laggard by the ministry)
    response = client.get(f"/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}.mvt?year=2025&lang=en")
    assert response.headers["content-type"] == "application/vnd.mapbox-vector-tile"
    layer = mapbox_vector_tile.decode(response.content)["accessibility"]
    by_code = {f["properties"]["iso_code"]: f["properties"] for f in layer["features"]}
    assert {"KZ-43", "KZ-61", "KZ-15"} <= set(by_code)
    kyzylorda = by_code["KZ-43"]
    assert kyzylorda["share"] == 66.7 and kyzylorda["standing"] == "leader"
    assert kyzylorda["fill"] == CLASSES[2].colour and kyzylorda["name"] == "Kyzylorda Region"
    assert "share" not in by_code["KZ-15"] or by_code["KZ-15"]["share"] is None
    # The ministry's naming travels with the tile, apart from the data's own standing.
    assert by_code["KZ-47"]["ministry"] == "laggard" and by_code["KZ-43"].get("ministry", "") == ""
    assert kyzylorda["as_of"] == "2025-12-05" and kyzylorda["as_of_quality"] == "exact"
    centres = mapbox_vector_tile.decode(client.get("/tiles/centres/4/11/5.mvt").content)["centres"]
    assert {f["properties"]["kind"] for f in centres["features"]} == {
        "rehab_center",
        "autism_center",
    }


def test_tilejson_is_valid(client: TestClient) -> None:
    document = client.get("/tiles/accessibility.json?year=2025&lang=kk").json()
    assert document["tilejson"] == "3.0.0"
    # The year and the data version are pinned: such a tile URL never changes content.
    key = client.app.state.snapshots.current().version.key  # type: ignore[attr-defined]
    assert document["tiles"] == [
        "http://testserver/tiles/accessibility/{z}/{x}/{y}.mvt"
        f"?view=latest&year=2025&lang=kk&v={key}"
    ]
    pinned = document["tiles"][0].format(z=4, x=11, y=5).removeprefix("http://testserver")
    assert client.get(pinned).headers["cache-control"].endswith("immutable")
    assert "OpenStreetMap contributors" in document["attribution"]
    assert document["year"] == 2025 and "2025" in document["name"]
    assert document["view"] == "latest" and "view=latest" in document["description"]
    west, south, east, north = document["bounds"]
    assert west < east and south < north and 0 <= document["minzoom"] < document["maxzoom"]
    (layer,) = document["vector_layers"]
    assert layer["id"] == "accessibility" and layer["fields"]["share"] == "Number"
    raster = client.get("/tiles/raster/accessibility.json?year=2025&lang=kk").json()
    assert raster["tiles"] == [
        "http://testserver/tiles/accessibility/{z}/{x}/{y}.png"
        f"?view=latest&year=2025&lang=kk&v={key}"
    ]
    assert "vector_layers" not in raster and raster["attribution"] == document["attribution"]
    # Without a year the TileJSON pins the year its tiles draw (the latest with data).
    latest = client.get("/tiles/centres.json?lang=en").json()
    assert re.search(r"\.mvt\?view=latest&year=20\d\d&lang=en&v=[0-9a-f-]+$", latest["tiles"][0])
    strict = client.get("/tiles/raster/centres.json?view=year&year=2024").json()
    assert strict["view"] == "year" and "?view=year&year=2024&" in strict["tiles"][0]
    assert client.get("/tiles/accessibility.json?view=strict").status_code == 400
    assert client.get("/tiles/roads.json").status_code == 404
    assert client.get("/tiles/raster/accessibility.json?year=2019").status_code == 404


def test_mvt_features_have_ids_declared_attributes_and_no_empty_values(
    client: TestClient,
) -> None:
    declared = client.get("/tiles/accessibility.json?year=2025").json()["vector_layers"][0]
    tile = TMS.tile(66.0, 48.0, 3)
    content = client.get(f"/tiles/accessibility/3/{tile.x}/{tile.y}.mvt?year=2025").content
    features = mapbox_vector_tile.decode(content)["accessibility"]["features"]
    assert len({f["properties"]["iso_code"] for f in features}) >= 15
    for feature in features:
        properties = feature["properties"]
        assert feature["id"] == int(properties["iso_code"].removeprefix("KZ-"))
        assert set(properties) <= set(declared["fields"]), set(properties)
        assert "" not in properties.values() and None not in properties.values()
    statuses = {f["properties"]["status"]: f["properties"] for f in features}
    assert "share" not in statuses["no_data"] and "as_of" not in statuses["no_data"]
    centres = client.get("/tiles/centres.json").json()["vector_layers"][0]["fields"]
    points = mapbox_vector_tile.decode(client.get("/tiles/centres/4/11/5.mvt").content)
    for feature in points["centres"]["features"]:
        assert set(feature["properties"]) <= set(centres)


def test_style_draws_the_vector_tiles_with_the_map_colours(client: TestClient) -> None:
    style = client.get("/tiles/style.json?year=2025&lang=en").json()
    assert style["version"] == 8
    for source in style["sources"].values():
        assert source["type"] == "vector"
        assert client.get(source["url"]).json()["tilejson"] == "3.0.0"
    fill = next(layer for layer in style["layers"] if layer["type"] == "fill")
    assert fill["paint"]["fill-color"] == ["get", "fill"]
    assert style["sources"]["accessibility"]["promoteId"] == {"accessibility": "iso_code"}


def test_gdal_reads_the_xyz_endpoint(db: Database, tmp_path: Path) -> None:
    if shutil.which("gdal_translate") is None:
        if IN_CI:
            pytest.fail("gdal_translate (Debian gdal-bin) missing under CI")
        pytest.skip("gdal_translate missing")
    with serve_app(create_app(db.settings)) as base:
        description = tmp_path / "xyz.xml"
        description.write_text(
            f"""<GDAL_WMS><Service name="TMS">
<ServerUrl>{base}/tiles/accessibility/${{z}}/${{x}}/${{y}}.png</ServerUrl></Service>
<DataWindow><UpperLeftX>-20037508.34</UpperLeftX><UpperLeftY>20037508.34</UpperLeftY>
<LowerRightX>20037508.34</LowerRightX><LowerRightY>-20037508.34</LowerRightY>
<TileLevel>5</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY><YOrigin>top</YOrigin></DataWindow>
<Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX><BlockSizeY>256</BlockSizeY><BandsCount>4</BandsCount>
</GDAL_WMS>"""
        )
        out = tmp_path / "kazakhstan.png"
        # The window around Kazakhstan at z5, in Web Mercator metres.
        result = subprocess.run(
            [
                "gdal_translate",
                "-of",
                "PNG",
                "-projwin",
                "5160000",
                "7450000",
                "9730000",
                "4940000",
                "-outsize",
                "512",
                "0",
                str(description),
                str(out),
            ],
            check=False,
            capture_output=True,
            timeout=300,
            env=system_gdal_env(),
        )
        assert result.returncode == 0, result.stderr.decode()
    image = Image.open(out).convert("RGBA")
    colours = {hex_colour(c[1]) for c in image.getcolors(maxcolors=100_000) or []}
    assert CLASSES[2].colour in colours and NO_DATA_COLOUR in colours


def test_caching_headers_and_bad_input(client: TestClient) -> None:
    url = "/tiles/accessibility/4/11/5.png"
    first = client.get(url)
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    for path, status, message in (
        ("/tiles/roads/4/11/5.png", 404, "unknown layer"),
        ("/tiles/accessibility/4/99/5.png", 400, "does not exist"),
        ("/tiles/accessibility/13/0/0.png", 400, "zoom 13"),
        ("/tiles/accessibility/4/11/5.jpeg", 404, "tile name"),
        ("/tiles/accessibility/4/11/5.png?year=2019", 404, "no data for 2019"),
        ("/tiles/accessibility/4/11/5.png?lang=fr", 400, "unknown language"),
        ("/maps/accessibility.png?width=100000", 400, "width"),
        ("/maps/accessibility.png?dpi=5000", 400, "dpi"),
        ("/maps/roads.png", 404, "unknown map"),
    ):
        response = client.get(path)
        assert response.status_code == status, path
        assert message in response.json()["description"], path


def test_static_a4_image_at_300_dpi(client: TestClient) -> None:
    response = client.get("/maps/accessibility.png?width=3508&height=2480&dpi=300&lang=ru")
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (3508, 2480)
    assert "kz-accessibility-" in response.headers["content-disposition"]


def test_new_data_never_shows_a_stale_tile(tmp_path: Path) -> None:
    """A seed that adds Ulytau's registered total gives it a share: its 2026 tile must change."""
    from api.db.setup import prepare_database, seed_database
    from api.settings import PROJECT_ROOT, Settings

    seed = tmp_path / "seed"
    shutil.copytree(PROJECT_ROOT / "seed", seed)
    settings = Settings(data_dir=tmp_path / "data", seed_dir=seed)
    prepare_database(settings).dispose()
    with TestClient(create_app(settings)) as client:
        engine = client.app.state.engine  # type: ignore[attr-defined]
        regions = queries.regions_frame(engine, "web").set_index("iso_code")
        point = regions.geometry["KZ-62"].representative_point()
        tile, column, row = pixel_of(point.x, point.y, 6)
        url = f"/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}.png?year=2026"
        before = client.get(url)
        assert (
            hex_colour(
                Image.open(io.BytesIO(before.content)).convert("RGBA").getpixel((column, row))
            )
            == COUNT_ONLY_COLOUR
        )
        # A test-only figure (named so): Ulytau 145 adapted of 290 registered, 50%.
        path = seed / "accessibility_by_region.csv"
        path.write_text(
            path.read_text("utf-8").replace(
                "KZ-62,Ulytau,2026-03-04,145,,,,", "KZ-62,Ulytau,2026-03-04,145,,290,50,", 1
            ),
            "utf-8",
        )
        assert seed_database(engine, settings).revision_id == 2
        # As the poller does once a second, when another process has written.
        snapshots = client.app.state.snapshots  # type: ignore[attr-defined]
        assert snapshots.refresh().version.revision == 2
        after = client.get(url, headers={"If-None-Match": before.headers["etag"]})
        assert after.status_code == 200  # not a 304 from the old version
        colour = Image.open(io.BytesIO(after.content)).convert("RGBA").getpixel((column, row))
        assert hex_colour(colour) == CLASSES[1].colour  # 50% -> [40-60)
        tiles = tmp_path / "data" / "tiles"
        assert [d.name for d in tiles.iterdir()] == [snapshots.latest().version.key]


def test_tiles_seed_prerenders_with_progress(tmp_path: Path) -> None:
    from tests.test_cli import run

    env = {"ACCESSMAP_DATA_DIR": str(tmp_path / "data")}
    result = run("tiles", "seed", "--zoom", "0-4", "--lang", "en", env=env)
    assert result.returncode == 0, result.stderr
    # Tiles only (z/x/y), not the hatching and dot patterns the renderer reads beside them.
    written = list((tmp_path / "data" / "tiles").rglob("accessibility/*/*/*.png"))
    expected = len(list(TMS.tiles(46.4, 40.5, 87.4, 55.5, zooms=[0, 1, 2, 3, 4])))
    assert len(written) == expected and f"{expected} tiles" in result.stderr
    bad = run("tiles", "seed", "--zoom", "3-40", env=env)
    assert bad.returncode == 2 and "zooms run from 0 to" in bad.stderr


def mvt_attributes(client: TestClient, template: str) -> dict[str, dict[str, object]]:
    """Per region, the attributes of its pieces in the zoom-3 tiles over Kazakhstan (all equal)."""
    seen: dict[str, dict[str, object]] = {}
    for tile in TMS.tiles(*KAZAKHSTAN_BOUNDS, zooms=[3]):
        url = template.format(z=tile.z, x=tile.x, y=tile.y).removeprefix("http://testserver")
        decoded = mapbox_vector_tile.decode(client.get(url).content)
        for feature in decoded.get("accessibility", {"features": []})["features"]:
            properties = feature["properties"]
            known = seen.setdefault(properties["iso_code"], properties)
            assert known == properties, "one region, two states in one view"
    return seen


def test_page_tiles_and_download_agree_on_every_regions_state(client: TestClient) -> None:
    snapshot = client.app.state.snapshots.current()  # type: ignore[attr-defined]
    years = snapshot_view(snapshot, "en", None, "latest").years
    views: list[tuple[ViewMode, int | None]] = [
        ("latest", None),
        *((mode, year) for mode in VIEW_MODES for year in years),
    ]
    differ = set()
    for mode, year in views:
        page = snapshot_view(snapshot, "en", year, mode)  # what /map?view=&year= shows
        expected = {region.iso_code: region.figures.status for region in page.regions}
        pinned = "" if year is None else f"&year={year}"
        document = client.get(f"/tiles/accessibility.json?view={mode}{pinned}&lang=en").json()
        assert (document["view"], document["year"]) == (mode, page.year)
        attributes = mvt_attributes(client, document["tiles"][0])
        assert {code: a["status"] for code, a in attributes.items()} == expected, (mode, year)
        assert {(a["view"], a["year"]) for a in attributes.values()} == {(mode, page.year)}
        items = client.get(f"/ogc/collections/regions/items?view={mode}{pinned}").json()
        shown = {f["properties"]["iso_code"]: f["properties"] for f in items["features"]}
        assert {code: p["status"] for code, p in shown.items()} == expected, (mode, year)
        assert {
            code: p["adapted_share"] for code, p in shown.items() if p["adapted_share"] is not None
        } == {r.iso_code: r.figures.share.value for r in page.regions if r.figures.share}
        differ.add(tuple(sorted(expected.items())))
    # The views tried are not all alike, so the agreement above says something.
    assert len(differ) > 1
    # The regions download holds the default view: each region's latest known figures.
    default = snapshot_view(snapshot, "en", None, "latest")
    listing = client.get("/downloads?f=json").json()["files"]
    geojson = next(f for f in listing if f["collection"] == "regions" and f["format"] == "json")
    download = client.get(geojson["href"]).json()
    states = {f["properties"]["iso_code"]: f["properties"]["status"] for f in download["features"]}
    assert states == {region.iso_code: region.figures.status for region in default.regions}
