"""HTTP as caches, browsers and GDAL use it: validators, 304, HEAD, ranges, Vary, CORS preflight."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import sqlite3
import subprocess
import time
import zipfile
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from lxml import etree as lxml_etree

from api.app import create_app
from api.auth import create_token
from api.db.setup import prepare_database
from api.ogc.downloads import publish_once
from api.settings import PROJECT_ROOT, Settings
from tests.chromium import serve_app
from tests.conftest import BACKENDS, IN_CI, POSTGIS_URL, Database, fresh_postgis_database
from tests.test_tiles import system_gdal_env

ITEMS = "/ogc/collections/regions/items?limit=1"
SYNTHETIC_SOURCE = "https://example.org/synthetic-test-upload"
# One sample value per path parameter, to call every GET route of the OpenAPI document.
SAMPLE_PATH_VALUES = {
    "collection_id": "regions",
    "feature_id": "KZ-11",
    "layer": "accessibility",
    "z": "4",
    "x": "11",
    "name": "5.png",
    "centre_id": "1",
    "kind": "csv",  # /admin/upload/template.{kind}
}


@pytest.fixture(scope="module")
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings)) as client:
        yield client


def download_names(client: TestClient) -> dict[str, dict[str, Any]]:
    files = client.get("/downloads?f=json").json()["files"]
    return {item["collection"] + "." + item["format"]: item for item in files}


def names(header: str) -> list[str]:
    return [part.strip().lower() for part in header.split(",") if part.strip()]


def test_etag_does_not_change_with_the_response_time(db: Database, client: TestClient) -> None:
    """Ask until the body's timeStamp has moved on (no sleep): the tag must not have moved.

    A cached body keeps the timeStamp of the moment it was made, so this asks an app with the
    cache off, where every response is made afresh."""
    with TestClient(create_app(db.settings.model_copy(update={"cache": False}))) as cold:
        _etag_survives_the_clock(cold, cached=False)
    _etag_survives_the_clock(client, cached=True)


def _etag_survives_the_clock(client: TestClient, *, cached: bool) -> None:
    first = client.get(ITEMS)
    stamp, etag = first.json()["timeStamp"], first.headers["etag"]
    deadline = time.monotonic() + 30  # a clock that never moves is a failure, not a hang
    later = client.get(ITEMS)
    if cached:  # the same body, made once for this data version
        assert later.json()["timeStamp"] == stamp
    while not cached and later.json()["timeStamp"] == stamp:
        assert time.monotonic() < deadline, "the timeStamp never changed"
        later = client.get(ITEMS)
    assert later.headers["etag"] == etag
    assert later.headers["last-modified"] == first.headers["last-modified"]
    assert client.get(ITEMS, headers={"If-None-Match": etag}).status_code == 304
    # Parameter order does not make another resource; another representation another tag.
    reordered = client.get("/ogc/collections/regions/items?f=json&limit=1")
    assert client.get(ITEMS + "&f=json").headers["etag"] == reordered.headers["etag"]
    assert client.get(ITEMS + "&f=csv").headers["etag"] != etag
    assert client.get(ITEMS + "&f=html").headers["etag"] != etag


@pytest.mark.parametrize(
    "path",
    [
        "/ogc",
        "/ogc/collections/regions",
        "/ogc/collections/accessibility/items?limit=5",
        "/ogc/collections/regions/items/KZ-11",
        "/downloads?f=json",
        "/tiles/accessibility.json",
    ],
)
def test_304_on_if_none_match_and_if_modified_since(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    again = client.get(path, headers={"If-None-Match": f'"other", {etag}'})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    if "last-modified" in first.headers:
        since = {"If-Modified-Since": first.headers["last-modified"]}
        assert client.get(path, headers=since).status_code == 304
        old = {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
        assert client.get(path, headers=old).status_code == 200


def test_download_files_answer_304_and_byte_ranges(client: TestClient) -> None:
    item = download_names(client)["regions.gpkg"]
    url, size = item["href"], item["bytes"]
    whole = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert whole.status_code == 200 and whole.headers["accept-ranges"] == "bytes"
    assert "content-encoding" not in whole.headers  # the published bytes, as listed
    assert int(whole.headers["content-length"]) == size == len(whole.content)
    assert hashlib.sha256(whole.content).hexdigest() == item["sha256"]
    etag = whole.headers["etag"]
    assert not etag.startswith("W/")  # strong: ranges of one version may be combined
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    head = client.head(url, headers={"Accept-Encoding": "gzip"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(size) and head.headers["etag"] == etag
    part = client.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{size}"
    assert part.content == whole.content[100:200]
    tail = client.get(url, headers={"Range": "bytes=-16"})
    assert tail.status_code == 206 and tail.content == whole.content[-16:]
    beyond = client.get(url, headers={"Range": f"bytes={size}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
    current = client.get(url, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert current.status_code == 206
    stale = client.get(url, headers={"Range": "bytes=0-9", "If-Range": '"an-old-version"'})
    assert stale.status_code == 200 and len(stale.content) == size


def test_gdal_opens_a_geopackage_download_by_url(db: Database) -> None:
    if shutil.which("ogrinfo") is None:
        if IN_CI:
            pytest.fail("ogrinfo (Debian gdal-bin) missing under CI")
        pytest.skip("ogrinfo (Debian gdal-bin) missing")
    with serve_app(create_app(db.settings)) as base:
        with TestClient(create_app(db.settings)) as local:
            name = download_names(local)["regions.gpkg"]["name"]
        result = subprocess.run(
            ["ogrinfo", "-ro", "-so", f"/vsicurl/{base}/downloads/{name}", "regions"],
            capture_output=True,
            text=True,
            timeout=120,
            env={**system_gdal_env(), "CPL_VSIL_CURL_USE_HEAD": "YES"},
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert "Range downloading not supported" not in result.stderr
    assert re.search(r"Feature Count: 20\b", result.stdout), result.stdout


def get_routes(client: TestClient) -> list[str]:
    document = client.get("/openapi.json").json()
    routes = []
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        filled = re.sub(r"\{(\w+)\}", lambda m: SAMPLE_PATH_VALUES[m.group(1)], path)
        routes.append(filled)
    return routes


def test_head_answers_every_get_route_like_get_without_a_body(client: TestClient) -> None:
    routes = get_routes(client)
    downloads = download_names(client)
    routes.append(downloads["regions.csv"]["href"])
    assert len(routes) > 15 and "/ogc/collections/regions/items/KZ-11" in routes
    identity = {"Accept-Encoding": "identity"}
    for route in routes:
        get = client.get(route, headers=identity)
        head = client.head(route, headers=identity)
        assert head.status_code == get.status_code != 405, route
        assert head.content == b"", route
        compared = ["content-type", "etag", "last-modified", "cache-control", "vary"]
        for header in compared:
            assert head.headers.get(header) == get.headers.get(header), (route, header)
        if "content-length" in get.headers and get.status_code == 200:
            assert head.headers.get("content-length") == get.headers["content-length"], route


def test_vary_is_complete_and_unrepeated_per_kind(client: TestClient) -> None:
    gzip = {"Accept-Encoding": "gzip", "Origin": "https://example.org"}
    items = client.get("/ogc/collections/regions/items?limit=100", headers=gzip)
    assert items.headers["content-encoding"] == "gzip"
    assert names(items.headers["vary"]) == ["accept", "accept-encoding", "origin"]
    tilejson = client.get("/tiles/accessibility.json", headers=gzip)
    assert set(names(tilejson.headers["vary"])) >= {"accept-language", "origin"}
    mvt = client.get("/tiles/accessibility/3/5/2.mvt?year=2025", headers=gzip)
    assert {"accept-language", "origin"} <= set(names(mvt.headers["vary"]))
    png = client.get("/tiles/centres/3/5/2.png", headers=gzip)
    assert {"accept-language", "origin"} <= set(names(png.headers["vary"]))
    assert "content-encoding" not in png.headers
    for response in (items, tilejson, mvt, png):
        listed = names(response.headers["vary"])
        assert len(listed) == len(set(listed)), response.headers["vary"]
        assert len(response.headers.get_list("vary")) == 1


def test_cors_preflight_allows_revalidation_headers(client: TestClient) -> None:
    response = client.options(
        "/ogc/collections/regions/items",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match, if-modified-since, range",
        },
    )
    assert response.status_code == 200, response.text
    allowed = names(response.headers["access-control-allow-headers"])
    assert {"if-none-match", "if-modified-since", "range"} <= set(allowed)
    exposed = names(
        client.get(ITEMS, headers={"Origin": "https://example.org"}).headers[
            "access-control-expose-headers"
        ]
    )
    assert {"etag", "last-modified", "content-range"} <= set(exposed)


@pytest.fixture(scope="module", params=BACKENDS)
def private(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, str]]:
    """A database of its own: the upload below must not change the shared one."""
    url = fresh_postgis_database(POSTGIS_URL + "_http") if request.param == "postgis" else None
    settings = Settings(
        database_url=url,
        data_dir=tmp_path_factory.mktemp(f"http-{request.param}"),
        seed_dir=PROJECT_ROOT / "seed",
    )
    engine = prepare_database(settings)
    token = create_token(engine, "editor-http", "editor")
    engine.dispose()
    with TestClient(create_app(settings)) as client:
        yield client, token


def test_an_upload_changes_every_validator(private: tuple[TestClient, str]) -> None:
    client, token = private
    urls = [ITEMS, "/ogc/collections/regions", "/downloads?f=json"]
    before = {url: client.get(url).headers for url in urls}
    file_before = download_names(client)["regions.gpkg"]
    # A synthetic test figure (named so) that never leaves this database.
    body = (
        "region,as_of,objects_adapted,objects_total,source_url\n"
        f"Ulytau,2026-03-04,145,290,{SYNTHETIC_SOURCE}\n"
    )
    response = client.post(
        "/admin/uploads",
        content=body.encode(),
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    for url in urls:
        old = before[url]
        revalidated = client.get(url, headers={"If-None-Match": old["etag"]})
        assert revalidated.status_code == 200, url  # not a 304 of the old data
        assert revalidated.headers["etag"] != old["etag"], url
    file_after = download_names(client)["regions.gpkg"]
    assert file_after["sha256"] != file_before["sha256"]
    # A range of the old file must not be spliced onto the new one.
    old_tag = f'"{file_before["sha256"][:32]}"'
    spliced = client.get(file_after["href"], headers={"Range": "bytes=0-9", "If-Range": old_tag})
    assert spliced.status_code == 200 and len(spliced.content) == file_after["bytes"]


def _first_difference(first: bytes, second: bytes, tmp_path: Path) -> str:
    """Where two files that should be equal differ: the first differing value (compared exactly,
    where a SQL dump would round REALs to 15 digits) of two GeoPackages, else the first byte."""
    at = [i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b][:16]
    if not first.startswith(b"SQLite format 3"):
        return f"{len(first)} vs {len(second)} bytes, differing at {at}"
    tables = []
    for index, body in enumerate((first, second)):
        path = tmp_path / f"compared-{index}.gpkg"
        path.write_bytes(body)
        with closing(sqlite3.connect(path)) as connection:
            names = [
                n for (n,) in connection.execute("SELECT name FROM sqlite_master ORDER BY rowid")
            ]
            tables.append(
                {
                    name: connection.execute(f'SELECT * FROM "{name}"').fetchall()
                    for (name,) in connection.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND sql NOT LIKE 'CREATE VIRTUAL%'"
                    )
                }
                | {"(schema order)": names}
            )
    for name, rows in tables[0].items():
        if rows != tables[1].get(name):
            row = next(
                ((a, b) for a, b in zip(rows, tables[1].get(name, []), strict=False) if a != b),
                None,
            )
            return f"{name} differs: {row}"
    return f"layout only: {len(first)} vs {len(second)} bytes, differing at {at}"


def test_a_published_file_is_never_rewritten(tmp_path: Path) -> None:
    """Every process serves the bytes published first for a name, never a rebuild of its own."""
    bodies = iter([b"first"])  # a second build would raise StopIteration
    path = tmp_path / "version" / "file.gpkg"
    assert publish_once(path, lambda: next(bodies)) == b"first"
    assert publish_once(path, lambda: next(bodies)) == b"first"
    assert path.read_bytes() == b"first"

    raced = tmp_path / "version" / "raced.gpkg"

    def build_while_another_publishes() -> bytes:
        raced.write_bytes(b"theirs")  # another process finished first
        return b"ours"

    assert publish_once(raced, build_while_another_publishes) == b"theirs"
    assert raced.read_bytes() == b"theirs"
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.gpkg", "raced.gpkg"]


def test_files_carry_the_data_time_so_the_same_data_make_the_same_bytes(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    """A file's own timestamps are the data's (Last-Modified), never the time it was written;
    another process on the same data serves the same bytes."""
    files = download_names(client)
    # OWSLib (imported by other tests) renames the Dublin Core prefix in lxml's global
    # registry, which changes how openpyxl writes the core properties: build under that too.
    lxml_etree.register_namespace("dct", "http://purl.org/dc/terms/")
    with TestClient(create_app(db.settings)) as other:
        again = download_names(other)
        gpkg = other.get(again["regions.gpkg"]["href"])
        xlsx = other.get(again["regions.xlsx"]["href"]).content
        # Another process with the same data lists (and serves) the same checksums.
        differing = [name for name in files if again[name]["sha256"] != files[name]["sha256"]]
        explained = {
            name: _first_difference(
                client.get(files[name]["href"]).content,
                other.get(again[name]["href"]).content,
                tmp_path,
            )
            for name in differing
        }
    assert not differing, explained
    modified = parsedate_to_datetime(gpkg.headers["last-modified"])
    path = tmp_path / "regions.gpkg"
    path.write_bytes(gpkg.content)
    with closing(sqlite3.connect(path)) as connection:
        stamps = connection.execute(
            "SELECT last_change FROM gpkg_contents UNION SELECT timestamp FROM "
            "gpkg_metadata_reference"
        ).fetchall()
    assert {datetime.fromisoformat(s) for (s,) in stamps} == {modified}
    properties = openpyxl.load_workbook(io.BytesIO(xlsx)).properties
    assert properties.modified == properties.created == modified.replace(tzinfo=None)
    entries = zipfile.ZipFile(io.BytesIO(xlsx)).infolist()
    zip_time = (*modified.timetuple()[:5], modified.second // 2 * 2)  # zip counts in 2 s steps
    assert {entry.date_time for entry in entries} == {zip_time}
