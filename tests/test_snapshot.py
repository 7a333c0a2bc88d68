"""One snapshot per data version: concurrent first requests wait for one build, and with the
cache off every request reads and builds afresh (the honest cold path) with the same answers."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import api.ogc.store
from api.app import create_app
from tests.admin_client import HEADER, SYNTHETIC_SOURCE, Admin, admin_client
from tests.chromium import serve_app
from tests.conftest import BACKENDS

ITEMS = "/ogc/collections/regions/items?limit=100"


@pytest.fixture(scope="module", params=BACKENDS)
def admin(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Admin]:
    with admin_client(request.param, tmp_path_factory, "snapshot") as client:
        yield client


def test_concurrent_first_requests_wait_for_one_build(
    admin: Admin, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[int] = []
    # Set once the server has started (and warmed its snapshot): a second build running at the
    # same time as the first would meet it here.
    overlap: list[threading.Barrier] = []
    real = api.ogc.store.features.regions_collection

    def counted(*args: Any, **kwargs: Any) -> Any:
        if overlap:
            builds.append(1)
            with contextlib.suppress(threading.BrokenBarrierError):
                overlap[0].wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(api.ogc.store.features, "regions_collection", counted)
    with serve_app(create_app(admin.settings)) as base:
        overlap.append(threading.Barrier(2, timeout=3))
        results: list[int] = []

        def fetch() -> None:
            # Full resolution: not among what a new snapshot builds before it serves.
            url = f"{base}{ITEMS}&f=json&resolution=full"
            results.append(httpx.get(url, timeout=120).status_code)

        threads = [threading.Thread(target=fetch) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    assert results == [200] * 6
    assert len(builds) == 1


def test_with_the_cache_off_every_request_sees_the_database(admin: Admin) -> None:
    cold_settings = admin.settings.model_copy(update={"cache": False})
    with TestClient(create_app(cold_settings)) as cold:
        before = cold.get(ITEMS).json()
        warm = admin.client.get(ITEMS).json()
        assert [f["properties"] for f in before["features"]] == [
            f["properties"] for f in warm["features"]
        ]
        body = HEADER + f"Ulytau,2026-03-04,145,290,{SYNTHETIC_SOURCE}-cold\n"
        uploaded = admin.upload(body, token=admin.editor)  # through the other, cached app
        assert uploaded.status_code == 200  # type: ignore[attr-defined]
        # No refresh, no poller: the cold app reads the new version on the next request.
        after = cold.get(ITEMS).json()
        ulytau = next(f for f in after["features"] if f["id"] == "KZ-62")
        assert ulytau["properties"]["adapted_share"] == 50.0
        assert cold.get("/map?lang=en&year=2026").status_code == 200
        assert cold.get("/tiles/accessibility/4/11/5.mvt").status_code == 200


def test_a_long_history_is_summarised_never_cut_silently(admin: Admin) -> None:
    """30 dated counts of one region: the page lists the latest 24 (the latest among them),
    and the chart and its table both say that 6 earlier points exist and where they all are."""
    rows = [
        f"Akmola,{2023 + m // 12}-{m % 12 + 1:02d}-15,{200 + m},1000,{SYNTHETIC_SOURCE}-long-{m}"
        for m in range(30)
    ]
    body = HEADER + "\n".join(reversed(rows)) + "\n"  # newest first: row order must not matter
    assert admin.upload(body, token=admin.editor).status_code == 200  # type: ignore[attr-defined]
    html = admin.client.get("/map?lang=en").text
    count_table = html[
        html.index('data-chart="count"') : html.index("</table>", html.index('data-chart="count"'))
    ]
    akmola = re.findall(r'<tr data-area="KZ-11">(.*?)</tr>', count_table)
    assert len(akmola) == 24
    assert "2023-07-15" in akmola[0] and "2025-06-15" in akmola[-1] and "229" in akmola[-1]
    assert "2023-06-15" not in count_table
    said = "6 earlier points of 1 series (from 2023-01-15) are not shown here."
    caption = re.search(r'<caption class="chart-earlier">(.*?)</caption>', count_table)
    assert caption is not None and said in caption.group(1)
    assert 'href="/ogc/collections/accessibility/items"' in caption.group(1)
    figure = re.search(
        r'<figcaption class="chart-earlier" data-chart="count">(.*?)</figcaption>', html
    )
    assert figure is not None and said in figure.group(1)
    chart = html[
        html.index('<svg id="chart-count"') : html.index(
            "</svg>", html.index('<svg id="chart-count"')
        )
    ]
    assert chart.count('<circle class="point" data-area="KZ-11"') == 24
    assert "Akmola Region: 229 (2025-06-15)" in chart and said in chart
    # Every point is still served: the OGC items hold all 30.
    items = admin.client.get(
        "/ogc/collections/accessibility/items?iso_code=KZ-11&limit=100&f=json"
    ).json()
    dated = {
        f["properties"]["as_of"] for f in items["features"] if f["properties"]["objects_adapted"]
    }
    assert {f"{2023 + m // 12}-{m % 12 + 1:02d}-15" for m in range(30)} <= dated


def test_readers_get_the_interpreter_sooner_only_while_a_version_builds(admin: Admin) -> None:
    import sys
    from typing import cast

    from fastapi import FastAPI

    from api.snapshot import BUILD_SWITCH_INTERVAL_S, SnapshotStore

    before = sys.getswitchinterval()
    seen: list[float] = []
    store = SnapshotStore()
    store.on_warm(lambda snapshot: seen.append(sys.getswitchinterval()))
    store.start(cast(FastAPI, admin.client.app).state.engine, poll=False)
    assert seen == [BUILD_SWITCH_INTERVAL_S] and before > BUILD_SWITCH_INTERVAL_S
    assert sys.getswitchinterval() == before
