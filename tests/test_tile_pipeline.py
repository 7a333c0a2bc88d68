"""One tile pipeline: a cached tile and a freshly made one are the same answer, and vector tiles
come from the snapshot's view on both databases (a corrected centre appears once)."""

from __future__ import annotations

from collections.abc import Iterator

import mapbox_vector_tile
import morecantile
import pytest

from tests.admin_client import SYNTHETIC_SOURCE, Admin, admin_client
from tests.conftest import BACKENDS

TMS = morecantile.tms.get("WebMercatorQuad")


@pytest.fixture(scope="module", params=BACKENDS)
def admin(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Admin]:
    with admin_client(request.param, tmp_path_factory, "pipeline") as client:
        yield client


def answer_of(admin: Admin, url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    response = admin.client.get(url, headers=headers)
    return response.status_code, dict(response.headers), response.content


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/tiles/accessibility/5/21/11.mvt?lang=ru", {"Accept-Encoding": "gzip"}),
        ("/tiles/accessibility/5/21/11.mvt?lang=kk", {"Accept-Encoding": "br, gzip;q=0.5"}),
        ("/tiles/accessibility/5/21/11.mvt?lang=en", {"Accept-Encoding": "identity"}),
        ("/tiles/centres/5/21/11.mvt?year=2023&year=2025", {"Accept-Language": "kk"}),
        ("/tiles/accessibility/4/11/5.png", {"Accept-Encoding": "gzip"}),
        ("/tiles/accessibility/5/21/11.mvt?view=year&year=2024", {"Accept-Encoding": "gzip"}),
        ("/tiles/accessibility/4/10/5.png?view=year&view=latest&year=2026", {}),
        ("/tiles/accessibility/4/10/5@2x.png?view=year&year=2026&lang=kk", {}),
    ],
)
def test_a_cached_tile_is_the_same_answer_as_a_fresh_one(
    admin: Admin, url: str, headers: dict[str, str]
) -> None:
    snapshot = admin.client.app.state.snapshots.refresh()  # type: ignore[attr-defined]
    before = len(snapshot._bounded)
    fresh = answer_of(admin, url, **headers)  # made by the route
    assert len(snapshot._bounded) == before + 1, "the first request should have been a miss"
    cached = answer_of(admin, url, **headers)  # answered from memory by the fast path
    assert fresh == cached
    assert fresh[0] == 200
    etag = fresh[1]["etag"]
    for condition in (etag, "*", f'W/{etag}, "other"'):
        assert answer_of(admin, url, **headers, **{"If-None-Match": condition})[0] == 304


def test_compressed_tiles_carry_their_own_etag(admin: Admin) -> None:
    url = "/tiles/accessibility/5/21/11.mvt?lang=en"
    plain = admin.client.get(url, headers={"Accept-Encoding": "identity"})
    gzipped = admin.client.get(url, headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert plain.headers["etag"] != gzipped.headers["etag"]
    assert (
        "Accept-Encoding" in gzipped.headers["vary"] and "Accept-Language" in plain.headers["vary"]
    )
    assert gzipped.content == plain.content  # httpx decoded it: the same tile


def test_a_corrected_centre_appears_once_in_the_vector_tile(admin: Admin) -> None:
    headers = {"Authorization": f"Bearer {admin.editor}"}
    record = {
        "name": "Synthetic test centre (tile)",
        "kind": "rehab_center",
        "region": "Карагандинская область",
        "status": "operating",
        "source_url": SYNTHETIC_SOURCE,
        "lon": "73.1",
        "lat": "49.8",
    }
    added = admin.client.post("/admin/centres", json=record, headers=headers)
    assert added.status_code == 201, added.text
    corrected = admin.client.patch(
        f"/admin/centres/{added.json()['id']}",
        json={"capacity": 40, "reason": "synthetic correction"},
        headers=headers,
    )
    assert corrected.status_code == 200, corrected.text
    tile = TMS.tile(73.1, 49.8, 7)
    body = admin.client.get(f"/tiles/centres/{tile.z}/{tile.x}/{tile.y}.mvt").content
    decoded = mapbox_vector_tile.decode(body)
    names = [f["properties"].get("name") for f in decoded["centres"]["features"]]
    assert names.count(record["name"]) == 1


def test_a_repeated_year_means_the_same_on_a_hit_and_a_miss(admin: Admin) -> None:
    base = "/tiles/accessibility/4/11/5.mvt?lang=en"
    older = admin.client.get(f"{base}&year=2023").content  # both years now in memory
    newer = admin.client.get(f"{base}&year=2025").content
    assert older != newer
    for _ in range(2):  # a miss or a hit, the last value counts, as in the route
        assert admin.client.get(f"{base}&year=2023&year=2025").content == newer


def test_a_tile_pinned_to_its_data_version_is_immutable(admin: Admin) -> None:
    key = admin.client.app.state.snapshots.refresh().version.key  # type: ignore[attr-defined]
    url = "/tiles/accessibility/4/11/5.png"
    for _ in range(2):  # a miss, then a hit
        assert admin.client.get(f"{url}?v={key}").headers["cache-control"].endswith("immutable")
    for other in (f"{url}?v=1-0000000000", url):
        assert "immutable" not in admin.client.get(other).headers["cache-control"]
    assert admin.client.get(f"{url}?v={'9' * 41}").status_code == 400


def test_the_view_is_part_of_the_tile_on_a_hit_and_a_miss(admin: Admin) -> None:
    # Kyzylorda's share is dated 2025: the latest-known view of 2026 shows it, the strict one not.
    tile = TMS.tile(65.5, 44.8, 4)
    base = f"/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}.mvt?year=2026&lang=en"
    for _ in range(2):  # a miss, then a hit from the fast path
        latest = mapbox_vector_tile.decode(admin.client.get(f"{base}&view=latest").content)
        strict = mapbox_vector_tile.decode(admin.client.get(f"{base}&view=year").content)
        default = mapbox_vector_tile.decode(admin.client.get(base).content)
        by_view = {
            name: {
                f["properties"]["iso_code"]: f["properties"]
                for f in tile_["accessibility"]["features"]
            }
            for name, tile_ in (("latest", latest), ("year", strict), ("default", default))
        }
        assert by_view["latest"]["KZ-43"]["share"] == 66.7
        assert by_view["latest"]["KZ-43"]["view"] == "latest"
        assert (
            "share" not in by_view["year"]["KZ-43"] and by_view["year"]["KZ-43"]["view"] == "year"
        )
        assert by_view["default"] == by_view["latest"]  # the page's default view


@pytest.mark.parametrize(
    ("query", "status"),
    [("view=", 400), ("view=strict", 400), ("view=Latest", 400), ("year=", 400), ("lang=", 400)],
)
def test_a_bad_view_is_refused_alike_on_a_hit_and_a_miss(
    admin: Admin, query: str, status: int
) -> None:
    url = "/tiles/accessibility/4/11/5.mvt"
    assert admin.client.get(url).status_code == 200  # the default view's tile is now in memory
    for _ in range(2):  # the fast path must not answer what the route refuses
        assert admin.client.get(f"{url}?{query}").status_code == status
