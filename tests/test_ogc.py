"""OGC API - Features read by independent clients (OWSLib, GDAL), downloads parsed back."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from fastapi.testclient import TestClient

from api.app import create_app
from geo.features import COLLECTIONS
from tests.conftest import IN_CI, Database
from tests.test_tiles import system_gdal_env

COLLECTION_IDS = list(COLLECTIONS)
ACCESSIBILITY = "/ogc/collections/accessibility/items"


@pytest.fixture(scope="module")
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings)) as client:
        yield client


def all_items(client: TestClient, collection: str, **params: str) -> dict[str, Any]:
    response = client.get(
        f"/ogc/collections/{collection}/items", params={"limit": "1000", **params}
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def test_landing_conformance_and_collections(client: TestClient) -> None:
    landing = client.get("/ogc").json()
    rels = {link["rel"] for link in landing["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= rels
    conformance = client.get("/ogc/conformance").json()["conformsTo"]
    assert any(c.endswith("/conf/core") for c in conformance)
    assert any(c.endswith("/conf/geojson") for c in conformance)
    collections = client.get("/ogc/collections").json()["collections"]
    assert [c["id"] for c in collections] == COLLECTION_IDS
    regions = client.get("/ogc/collections/regions").json()
    assert set(regions["titles"]) == {"kk", "ru", "en"} and set(regions["descriptions"]) == {
        "kk",
        "ru",
        "en",
    }
    assert regions["license"] if "license" in regions else regions["licence"] == "ODbL-1.0"
    assert "OpenStreetMap contributors" in regions["attribution"]
    assert set(regions["definitions"]) == {"objects_adapted", "objects_total", "adapted_share"}
    minx, miny, maxx, maxy = regions["extent"]["spatial"]["bbox"][0]
    assert 46 < minx < 47 and 87 < maxx < 88 and 40 < miny < 41 and 55 < maxy < 56
    interval = client.get("/ogc/collections/accessibility").json()["extent"]["temporal"]
    assert interval["interval"][0][0].startswith("2017") and interval["interval"][0][1] >= "2026"
    assert client.get("/ogc?f=html").headers["content-type"].startswith("text/html")


def test_owslib_lists_collections_and_pages_through_items(base_url: str) -> None:
    from owslib.ogcapi.features import Features

    service = Features(f"{base_url}/ogc")
    ids = [c["id"] for c in service.collections()["collections"]]
    assert ids == COLLECTION_IDS
    for collection in ids:
        first = service.collection_items(collection, limit=5)
        matched, seen, offset = first["numberMatched"], [], 0
        while True:
            page = service.collection_items(collection, limit=5, offset=offset)
            seen += [feature["id"] for feature in page["features"]]
            if not any(link["rel"] == "next" for link in page["links"]):
                break
            offset += 5
        assert len(seen) == len(set(seen)) == matched > 0


def test_gdal_opens_the_service_and_counts_every_collection(
    base_url: str, client: TestClient
) -> None:
    if shutil.which("ogrinfo") is None:
        if IN_CI:
            pytest.fail("ogrinfo (Debian gdal-bin) missing under CI")
        pytest.skip("ogrinfo (Debian gdal-bin) missing")
    command = ["ogrinfo", "-ro", "-so", f"OAPIF:{base_url}/ogc"]
    listing = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    for collection in COLLECTION_IDS:
        assert f": {collection} (" in listing.stdout
        summary = subprocess.run(
            ["ogrinfo", "-ro", "-so", f"OAPIF:{base_url}/ogc", collection],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        count = int(re.search(r"Feature Count: (\d+)", summary).group(1))  # type: ignore[union-attr]
        assert count == all_items(client, collection)["numberMatched"]


@pytest.mark.parametrize("collection", COLLECTION_IDS)
def test_downloads_read_back_with_the_same_rows_and_values(
    client: TestClient, collection: str, tmp_path: Path
) -> None:
    geojson = all_items(client, collection)
    expected = {f["id"]: f["properties"] for f in geojson["features"]}
    assert geojson["numberReturned"] == geojson["numberMatched"] == len(expected)
    for fmt, ext in (("json", "geojson"), ("gpkg", "gpkg")):
        response = client.get(f"/ogc/collections/{collection}/items?limit=1000&f={fmt}")
        disposition = response.headers["content-disposition"]
        assert re.search(rf'kz-accessibility-{collection}-\d{{4}}[-\d]*\.{ext}"$', disposition)
        path = tmp_path / f"download.{ext}"
        path.write_bytes(response.content)
        frame = gpd.read_file(path, layer=collection if fmt == "gpkg" else None)
        assert sorted(frame["id"].astype(str)) == sorted(expected)
        compare_values(frame, expected)
    csv = client.get(f"/ogc/collections/{collection}/items?limit=1000&f=csv")
    assert csv.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads Cyrillic as UTF-8
    table = pd.read_csv(io.BytesIO(csv.content), encoding="utf-8-sig", dtype={"id": str})
    assert sorted(table["id"]) == sorted(expected)
    compare_values(table, expected)
    for definition in COLLECTIONS[collection].indicators:
        assert table[f"{definition}_definition"].notna().all()
    if collection == "regions":
        layers = {name for name, _ in gpd.list_layers(path).values}  # the last written gpkg
        assert {"regions", "definitions", "metadata"} <= layers


def compare_values(frame: pd.DataFrame, expected: dict[str, dict[str, Any]]) -> None:
    numeric = ("objects_adapted", "objects_total", "adapted_share", "capacity")
    by_id = frame.assign(id=frame["id"].astype(str)).set_index("id")
    for feature_id, properties in expected.items():
        for column in numeric:
            if column in properties:
                value = by_id.loc[feature_id, column]
                want = properties[column]
                assert (pd.isna(value) and want is None) or float(value) == want, (
                    feature_id,
                    column,
                )
        for column in ("iso_code", "name_ru", "source", "adapted_share_source"):
            if column in properties and properties[column] is not None:
                assert by_id.loc[feature_id, column] == properties[column]


@pytest.mark.parametrize("resolution", ["web", "full"])
def test_geojson_follows_rfc_7946(client: TestClient, resolution: str) -> None:
    collection = "regions"
    data = all_items(client, collection, resolution=resolution)
    vertices = 0
    for feature in data["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.is_valid
        for polygon in shapely.get_parts(shape):
            assert polygon.exterior.is_ccw  # right-hand rule: exteriors counter-clockwise
            assert all(not ring.is_ccw for ring in polygon.interiors)
        coordinates = shapely.get_coordinates(shape)
        vertices += len(coordinates)
        assert ((coordinates[:, 0] > 46) & (coordinates[:, 0] < 88)).all()
        assert ((coordinates[:, 1] > 40) & (coordinates[:, 1] < 56)).all()
        assert (abs(coordinates * 1e6 - (coordinates * 1e6).round()) < 1e-6).all()
    assert (vertices > 60_000) == (resolution == "full")


def test_accessibility_points_lie_in_their_region(client: TestClient) -> None:
    shapes = {
        f["id"]: shapely.geometry.shape(f["geometry"])
        for f in all_items(client, "regions")["features"]
    }
    rows = all_items(client, "accessibility")["features"]
    assert {f["geometry"]["type"] for f in rows} == {"Point"}
    for feature in rows:
        code = feature["properties"]["iso_code"]
        if code != "KZ":
            assert shapes[code].contains(shapely.geometry.shape(feature["geometry"]))


def test_query_options(client: TestClient) -> None:
    astana = all_items(client, "regions", bbox="71.2,51.0,71.6,51.3")
    assert {f["id"] for f in astana["features"]} >= {"KZ-71", "KZ-11"}
    assert len(astana["features"]) < 5
    dated = all_items(client, "accessibility", datetime="2025-01-01/2025-12-31")
    assert dated["features"] and all(
        f["properties"]["as_of"].startswith("2025") for f in dated["features"]
    )
    open_end = all_items(client, "accessibility", datetime="../2019-12-31")
    assert {f["properties"]["iso_code"] for f in open_end["features"]} == {"KZ-19", "KZ-71"}
    assert all_items(client, "accessibility", year="2024")["numberMatched"] >= 4
    wko = all_items(client, "accessibility", iso_code="ЗКО")
    assert {f["properties"]["iso_code"] for f in wko["features"]} == {"KZ-27"}
    cities = all_items(client, "regions", kind="city")
    assert sorted(f["id"] for f in cities["features"]) == ["KZ-71", "KZ-75", "KZ-79"]
    planned = all_items(client, "rehab-centers", status="planned")
    assert planned["features"] and all(
        f["properties"]["status"] == "planned" for f in planned["features"]
    )
    slim = all_items(client, "regions", properties="name_en,adapted_share")
    assert set(slim["features"][0]["properties"]) == {"name_en", "adapted_share"}
    page = client.get("/ogc/collections/accessibility/items?limit=10&offset=10").json()
    rels = {link["rel"] for link in page["links"]}
    assert {"next", "prev", "self"} <= rels and page["numberReturned"] == 10


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("/ogc/collections/roads", 404, "unknown collection 'roads'"),
        ("/ogc/collections/roads/items", 404, "unknown collection"),
        ("/ogc/collections/regions/items/KZ-99", 404, "no feature 'KZ-99'"),
        ("/ogc/collections/regions/items?bbox=1,2,3", 400, "bbox"),
        ("/ogc/collections/regions/items?bbox=a,b,c,d", 400, "bbox"),
        ("/ogc/collections/regions/items?bbox=80,40,50,55", 400, "minimum above maximum"),
        ("/ogc/collections/regions/items?bbox=0,0,200,10", 400, "WGS84"),
        ("/ogc/collections/accessibility/items?datetime=yesterday", 400, "datetime"),
        (f"{ACCESSIBILITY}?datetime=2025-12-31/2025-01-01", 400, "start after end"),
        ("/ogc/collections/regions/items?limit=0", 400, "limit"),
        ("/ogc/collections/regions/items?limit=5000", 400, "limit"),
        ("/ogc/collections/regions/items?limit=ten", 400, "limit"),
        ("/ogc/collections/regions/items?offset=-1", 400, "offset"),
        ("/ogc/collections/regions/items?f=shp", 400, "unknown f='shp'"),
        ("/ogc/collections/regions/items?resolution=ultra", 400, "resolution"),
        ("/ogc/collections/regions/items?properties=colour", 400, "unknown properties: colour"),
        ("/ogc/collections/regions/items?iso_code=Atlantis", 400, "Atlantis"),
        ("/ogc/collections/regions/items?iso_code=Алматы", 400, "ambiguous"),
        ("/ogc/collections/regions/items?year=20x5", 400, "year"),
        ("/ogc/collections/rehab-centers/items?year=2025", 400, "no property 'year'"),
        ("/ogc/collections/regions/items?view=strict", 400, "view='strict'"),
        (f"{ACCESSIBILITY}?view=year", 400, "view applies to the regions collection"),
    ],
)
def test_bad_input_is_a_named_4xx(
    client: TestClient, query: str, status: int, message: str
) -> None:
    response = client.get(query)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"code", "description"}
    assert message in body["description"]


def test_http_caching_compression_and_cors(client: TestClient) -> None:
    url = "/ogc/collections/regions/items?limit=1000"
    first = client.get(url, headers={"Accept-Encoding": "gzip", "Origin": "https://example.org"})
    assert first.headers["content-encoding"] == "gzip"
    assert first.headers["access-control-allow-origin"] == "*"
    assert "max-age" in first.headers["cache-control"]
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
    csv = client.get("/ogc/collections/regions/items?f=csv")
    assert csv.headers["etag"] != etag
    raw = client.get(url, headers={"Accept-Encoding": "identity"})
    assert len(gzip.compress(raw.content)) < len(raw.content) / 2
    assert (
        client.get(url, headers={"Accept": "text/csv"})
        .headers["content-type"]
        .startswith("text/csv")
    )


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("text/html;q=0.1, application/geo+json", "application/geo+json"),
        ("application/geo+json;q=0.5, text/html", "text/html"),
        ("text/csv;q=0.9, application/json", "application/geo+json"),
        ("text/html;q=0, */*;q=0.1", "application/geo+json"),
        ("text/*", "text/html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("nonsense, text/csv;q=0.5", "text/csv"),
        ("image/png", "application/geo+json"),
    ],
)
def test_accept_is_weighed_by_quality(client: TestClient, accept: str, media: str) -> None:
    response = client.get("/ogc/collections/regions/items?limit=1", headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize(
    ("accept_language", "lang"),
    [
        ("en;q=0.1, kk", "kk"),
        ("kk;q=0.2, en;q=0.9, ru;q=0.5", "en"),
        ("kk-KZ, ru;q=0.8", "kk"),
        ("de, en;q=0.3", "en"),
        ("ru;q=0, en;q=0.01", "en"),
        ("de", "ru"),
    ],
)
def test_accept_language_is_weighed_by_quality(
    client: TestClient, accept_language: str, lang: str
) -> None:
    response = client.get("/tiles/accessibility.json", headers={"Accept-Language": accept_language})
    assert response.status_code == 200, response.text
    assert response.json()["lang"] == lang


def test_downloads_page_lists_complete_files_with_checksums(
    client: TestClient, tmp_path: Path
) -> None:
    listing = client.get("/downloads?f=json").json()["files"]
    assert {(item["collection"], item["format"]) for item in listing} == {
        (collection, fmt)
        for collection in COLLECTION_IDS
        for fmt in ("json", "csv", "xlsx", "gpkg")
    }
    page = client.get("/downloads")
    assert page.headers["content-type"].startswith("text/html")
    for item in listing:
        response = client.get(item["href"])
        assert response.status_code == 200
        assert len(response.content) == item["bytes"]
        assert hashlib.sha256(response.content).hexdigest() == item["sha256"]
        assert item["sha256"] in page.text and item["name"] in page.text
        assert item["name"] in response.headers["content-disposition"]
        path = tmp_path / item["name"]
        path.write_bytes(response.content)
        expected = all_items(client, item["collection"], resolution="full")["numberMatched"]
        if item["format"] == "csv":
            assert len(pd.read_csv(path, encoding="utf-8-sig")) == expected
        elif item["format"] == "xlsx":
            assert len(pd.read_excel(path, sheet_name="data")) == expected
        else:
            assert len(gpd.read_file(path, layer=item["collection"])) == expected
    assert client.get("/downloads/kz-roads.geojson").status_code == 404


def ogrinfo_summary(base_url: str, collection: str) -> str:
    if shutil.which("ogrinfo") is None:
        if IN_CI:
            pytest.fail("ogrinfo (Debian gdal-bin) missing under CI")
        pytest.skip("ogrinfo (Debian gdal-bin) missing")
    command = ["ogrinfo", "-ro", "-so", f"OAPIF:{base_url}/ogc", collection]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


GDAL_TYPES = {
    "regions": {
        "adapted_share": "Real",
        "objects_adapted": "Integer",
        "objects_total": "Integer",
        "objects_adapted_as_of": "Date",
        "adapted_share_as_of": "Date",
        "objects_adapted_as_of_precision": "String",
    },
    "accessibility": {
        "adapted_share": "Real",
        "objects_remaining_planned": "Integer",
        "as_of": "Date",
        "source_date": "Date",
        "year": "Integer",
    },
    "rehab-centers": {"capacity": "Integer", "source_date": "Date"},
}


@pytest.mark.parametrize(("collection", "expected"), GDAL_TYPES.items())
def test_gdal_types_every_field_from_the_schema(
    base_url: str, collection: str, expected: dict[str, str]
) -> None:
    """GDAL's OAPIF driver, no open options: types from rel=describedby, not from page one."""
    summary = ogrinfo_summary(base_url, collection)
    fields = dict(re.findall(r"^(\w+): (\w+) \(", summary, flags=re.MULTILINE))
    for name, kind in expected.items():
        assert fields.get(name) == kind, (name, fields)


def test_schema_and_queryables_describe_what_items_send(client: TestClient) -> None:
    json_types = {str: "string", bool: "boolean", int: "integer", float: "number"}
    for collection in COLLECTION_IDS:
        links = client.get(f"/ogc/collections/{collection}").json()["links"]
        described = [link for link in links if link["rel"].lower() == "describedby"]
        assert [link["type"] for link in described] == ["application/schema+json"]
        response = client.get(described[0]["href"])
        assert response.headers["content-type"] == "application/schema+json"
        declared = response.json()["properties"]["properties"]["properties"]
        for feature in all_items(client, collection)["features"]:
            assert set(feature["properties"]) == set(declared), collection
            for name, value in feature["properties"].items():
                if value is not None:
                    assert json_types[type(value)] == declared[name]["type"], (name, value)
        queryables_url = next(link["href"] for link in links if link["rel"].endswith("queryables"))
        queryables = client.get(queryables_url).json()["properties"]
        assert "iso_code" in queryables and "geometry" in queryables
        for name in set(queryables) - {"geometry"}:
            sample = next(
                f["properties"][name]
                for f in all_items(client, collection)["features"]
                if f["properties"][name] is not None
            )
            filtered = all_items(client, collection, **{name: str(sample)})
            assert filtered["features"], (collection, name)
            assert all(f["properties"][name] == sample for f in filtered["features"])
    assert client.get("/ogc/collections/roads/queryables").status_code == 404


def test_counts_are_integers_and_dates_are_dates_with_their_precision(
    client: TestClient,
) -> None:
    text = client.get(f"{ACCESSIBILITY}?limit=1000").text
    assert not re.search(r'"(objects_\w+|capacity)":\d+\.0\b', text)
    features = json.loads(text)["features"]
    rows = [f["properties"] for f in features]
    assert any(isinstance(row["objects_total"], int) for row in rows)
    precisions = {row["as_of"]: row["as_of_precision"] for row in rows if row["as_of"]}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) for date in precisions)
    assert set(precisions.values()) == {"day", "year"}
    year_only = [row for row in rows if row["as_of_precision"] == "year"]
    assert year_only and all(row["as_of"].endswith("-01-01") for row in year_only)
    # A figure dated only "2024" overlaps any interval inside 2024, not only 1 January.
    june = all_items(client, "accessibility", datetime="2024-06-01/2024-06-30")["features"]
    of_2024 = {
        f["id"]
        for f in features
        if f["properties"]["as_of_precision"] == "year" and f["properties"]["year"] == 2024
    }
    assert of_2024 and of_2024 <= {f["id"] for f in june}


def test_every_date_says_how_it_is_known(client: TestClient) -> None:
    """An inferred date is marked as such in the data, not only on the map (issue 11)."""
    rows = [f["properties"] for f in all_items(client, "accessibility")["features"]]
    national = {row["as_of"]: row["as_of_quality"] for row in rows if row["iso_code"] == "KZ"}
    # The 2026 national figure's date is the briefing's, inferred (seed/SOURCES.md).
    assert national["2026-04-30"] == "inferred"
    assert {row["as_of_quality"] for row in rows} >= {"exact", "year", "inferred", "undated"}
    assert all(row["as_of_quality"] == "undated" for row in rows if row["as_of"] is None)
    regions = {f["id"]: f["properties"] for f in all_items(client, "regions")["features"]}
    kyzylorda = regions["KZ-43"]
    assert kyzylorda["adapted_share_as_of_quality"] == "exact"
    assert all(
        row[f"{figure}_as_of_quality"] is None
        for row in regions.values()
        for figure in ("objects_adapted", "objects_total", "adapted_share")
        if row[f"{figure}_as_of"] is None
    )


@pytest.mark.parametrize("collection", COLLECTION_IDS)
def test_geopackage_is_1_2_with_metadata_where_readers_look(
    client: TestClient, collection: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{collection}.gpkg"
    path.write_bytes(client.get(f"/ogc/collections/{collection}/items?f=gpkg&limit=1000").content)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] in (10200, 10300)
        title, abstract = connection.execute(
            "SELECT identifier, description FROM gpkg_contents WHERE table_name = ?",
            (collection,),
        ).fetchone()
        documents = dict(
            connection.execute(
                "SELECT md_standard_uri, metadata FROM gpkg_metadata m "
                "JOIN gpkg_metadata_reference r ON r.md_file_id = m.id "
                "WHERE r.reference_scope = 'table' AND r.table_name = ?",
                (collection,),
            ).fetchall()
        )
        for (table,) in connection.execute(
            "SELECT table_name FROM gpkg_contents WHERE data_type = 'attributes'"
        ).fetchall():
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            values = [c for c in columns if c != "fid"]
            empty = connection.execute(
                f'SELECT count(*) FROM "{table}" WHERE '
                + " AND ".join(f"coalesce(\"{c}\", '') = ''" for c in values)
            ).fetchone()[0]
            assert empty == 0, table
    assert title == COLLECTIONS[collection].title["en"] and abstract
    qgis = ET.fromstring(documents["http://mrcc.com/qgis.dtd"])
    assert qgis.findtext("title") == title
    assert "ODbL" in (qgis.findtext("licenses/license") or "")
    info = pyogrio.read_info(path, layer=collection)["layer_metadata"]
    sources = json.loads(info["sources"])
    assert sources and all(s.strip() for s in sources)
    assert {link.get("url") for link in qgis.iter("link")} == {
        s for s in sources if s.startswith("http")
    }
    assert [h.text for h in qgis.iter("history")] == [f"Source: {s}" for s in sources]
    assert "OpenStreetMap contributors" in info["attribution"]
    if shutil.which("ogrinfo") is not None:  # Debian's GDAL 3.6, as officials have it
        command = ["ogrinfo", "-ro", "-so", str(path), collection]
        opened = subprocess.run(
            command, capture_output=True, text=True, timeout=60, env=system_gdal_env(), check=True
        )
        assert "Warning" not in opened.stderr, opened.stderr


def test_openapi_version_is_declared_as_served(client: TestClient) -> None:
    served = client.get("/openapi.json").json()["openapi"]
    conformance = client.get("/ogc/conformance").json()["conformsTo"]
    claims_oas30 = any(c.endswith("/conf/oas30") for c in conformance)
    assert claims_oas30 == served.startswith("3.0.")
    landing = client.get("/ogc").json()["links"]
    (service_desc,) = [link for link in landing if link["rel"] == "service-desc"]
    major_minor = ".".join(served.split(".")[:2])
    assert service_desc["type"].endswith(f";version={major_minor}")
    response = client.get(service_desc["href"])
    assert response.status_code == 200 and response.json()["openapi"] == served


def test_a_feature_has_one_point_in_every_output(client: TestClient) -> None:
    """Web and full resolution, GeoJSON and CSV, API and /downloads: the same coordinates."""
    outputs = {
        resolution: {
            f["id"]: tuple(f["geometry"]["coordinates"])
            for f in all_items(client, "accessibility", resolution=resolution)["features"]
        }
        for resolution in ("web", "full")
    }
    listing = client.get("/downloads?f=json").json()["files"]
    for item in listing:
        if item["collection"] != "accessibility" or item["format"] not in ("json", "csv"):
            continue
        content = client.get(item["href"]).content
        if item["format"] == "json":
            outputs["download"] = {
                f["id"]: tuple(f["geometry"]["coordinates"])
                for f in json.loads(content)["features"]
            }
        else:
            table = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype={"id": str})
            outputs["csv"] = {row.id: (row.lon, row.lat) for row in table.itertuples(index=False)}
    csv_points = pd.read_csv(
        io.BytesIO(client.get(f"{ACCESSIBILITY}?limit=1000&f=csv").content),
        encoding="utf-8-sig",
        dtype={"id": str},
    )
    outputs["api csv"] = {row.id: (row.lon, row.lat) for row in csv_points.itertuples(index=False)}
    reference = outputs["web"]
    assert len(reference) > 20
    for name, points in outputs.items():
        assert points.keys() == reference.keys(), name
        for feature_id, point in points.items():
            assert point == pytest.approx(reference[feature_id], abs=1e-6), (name, feature_id)
