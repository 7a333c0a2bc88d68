"""Hostile or malformed requests get a 4xx that names the problem, never a 500.

The list holds what an adversarial run once answered with 500: non-ASCII digits ("²", "٣"),
numbers longer than Python converts (over 4,300 digits), property lists naming the id or the
geometry or a property twice in the file formats, and the like, on every route that parses them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.conftest import Database

HUGE = "9" * 5000
NOT_NUMBERS = ("²", "٣", HUGE, "-1", "1e3")


def bad_urls() -> list[str]:
    urls = [
        f"/ogc/collections/regions/items?{name}={value}"
        for name in ("limit", "offset", "revision", "year")
        for value in NOT_NUMBERS
    ]
    for value in NOT_NUMBERS:
        urls += [
            f"/tiles/accessibility/{value}/1/1.png",
            f"/tiles/accessibility/3/{value}/1.png",
            f"/tiles/accessibility/3/1/{value}.png",
            f"/tiles/accessibility/3/5/3.mvt?year={value}",
            f"/tiles/accessibility.json?year={value}",
            f"/map?year={value}",
            f"/maps/accessibility.png?width={value}",
        ]
    urls += [
        "/downloads?f=xml",
        "/ogc/collections/regions/items?bbox=nan,nan,nan,nan",
        "/ogc/collections/regions/items?datetime=2025-13-45",
        "/ogc/collections/regions/items?f=json&properties=no_such_property",
    ]
    return urls


# Not errors at all: the id and the geometry come with every feature, a repeated name once.
TOLERATED = [
    f"/ogc/collections/{collection}/items?f={fmt}&properties={names}"
    for collection, names in (
        ("regions", "id"),
        ("regions", "geometry"),
        ("regions", "name_en,name_en"),
        ("rehab-centers", "iso_code,iso_code"),
    )
    for fmt in ("json", "csv", "gpkg")
]


@pytest.fixture(scope="module")
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings), raise_server_exceptions=False) as client:
        yield client


def test_bad_requests_are_4xx(client: TestClient) -> None:
    answers = {url[:90]: client.get(url).status_code for url in bad_urls()}
    wrong = {url: status for url, status in answers.items() if not 400 <= status < 500}
    assert wrong == {}


@pytest.mark.parametrize("url", TOLERATED)
def test_id_geometry_and_repeated_properties_are_tolerated(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:200]
