"""Uploads by officials: access control, validation, history, and new data shown at once.

These tests change data, so they get their own database per backend (not the shared one).
Figures uploaded here are synthetic test values, named so, and never leave the test database.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from api.app import create_app
from api.db import models, queries
from geo.classify import CLASSES
from render.upload_form import field_names
from tests.admin_client import HEADER, SYNTHETIC_SOURCE, Admin, admin_client
from tests.conftest import BACKENDS
from tests.test_tiles import hex_colour, pixel_of

# A commit also builds and warms the new data snapshot before it answers; a slow machine takes
# longer, which is no failure (only a commit that never answers is).
COMMIT_WAIT_MS = 120_000


@pytest.fixture(scope="module", params=BACKENDS)
def admin(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Admin]:
    with admin_client(request.param, tmp_path_factory, "admin") as client:
        yield client


def test_writes_need_a_token_of_the_right_role(admin: Admin) -> None:
    before = admin.counts()
    row = HEADER + f"Ulytau,2026-03-04,145,290,{SYNTHETIC_SOURCE}\n"
    assert admin.upload(row).status_code == 401
    assert admin.upload(row, token="amkz_not-a-token").status_code == 401
    assert (
        admin.client.get(
            "/admin/audit", headers={"Authorization": f"Bearer {admin.editor}"}
        ).status_code
        == 403
    )
    assert admin.counts() == before
    assert admin.client.get("/admin/history").status_code == 200  # reading stays public


@pytest.mark.parametrize(
    ("body", "row", "column", "reason"),
    [
        (
            "region,as_of,objects_adapted,source_url\nЗКО,2026-01-01,5,https://x.kz\n",
            0,
            "objects_total",
            "missing column",
        ),
        (HEADER + "Атлантида,2026-01-01,5,10,https://x.kz\n", 1, "region", "Атлантида"),
        (HEADER + "Алматы,2026-01-01,5,10,https://x.kz\n", 1, "region", "ambiguous"),
        (
            HEADER + "ЗКО,2026-01-01,five,10,https://x.kz\n",
            1,
            "objects_adapted",
            "not a non-negative",
        ),
        (HEADER + "ЗКО,2026-01-01,11,10,https://x.kz\n", 1, "objects_adapted", "more than 10"),
        (
            HEADER + "ЗКО,2026-01-01,-1,10,https://x.kz\n",
            1,
            "objects_adapted",
            "not a non-negative",
        ),
        (HEADER + "ЗКО,2099-01-01,5,10,https://x.kz\n", 1, "as_of", "in the future"),
        (HEADER + "ЗКО,2026-01-01,5,10,\n", 1, "source_url", "source URL"),
        (
            HEADER
            + "ЗКО,2026-01-01,5,10,https://x.kz\nЗападно-Казахстанская обл.,2026-01-01,6,10,https://x.kz\n",
            2,
            "region",
            "duplicate of row 1",
        ),
    ],
)
def test_bad_uploads_are_422_with_row_and_column_and_write_nothing(
    admin: Admin, body: str, row: int, column: str, reason: str
) -> None:
    before = admin.counts()
    response = admin.upload(body, token=admin.editor)
    assert response.status_code == 422, response.text  # type: ignore[attr-defined]
    problems = response.json()["problems"]  # type: ignore[attr-defined]
    assert any(
        p["row"] == row and p["column"] == column and reason in p["reason"] for p in problems
    ), problems
    assert admin.counts() == before


def test_bad_encoding_and_rate_limit(admin: Admin) -> None:
    # Windows-1251 is read (see test_upload_tables); bytes that are no text are refused.
    binary = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    response = admin.client.post(
        "/admin/uploads",
        content=binary,
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {admin.editor}"},
    )
    assert response.status_code == 422
    assert "not UTF-8 or Windows-1251 text" in response.json()["problems"][0]["reason"]
    # Failures are counted per address in the database: an address of its own for this test.
    with TestClient(create_app(admin.settings), client=("198.51.100.7", 50000)) as fresh:
        statuses = [
            fresh.post(
                "/admin/uploads", content=b"x", headers={"Authorization": "Bearer wrong"}
            ).status_code
            for _ in range(12)
        ]
    assert statuses[:10] == [401] * 10 and statuses[10:] == [429, 429]


def test_dry_run_shows_the_diff_and_writes_nothing(admin: Admin) -> None:
    before = admin.counts()
    body = HEADER + f"Ulytau,2026-03-04,145,290,{SYNTHETIC_SOURCE}\n"
    result = admin.upload(body, token=admin.editor, dry_run="true").json()  # type: ignore[attr-defined]
    assert result["revision_id"] is None and result["dry_run"] is True
    assert {(i["indicator"], i["value"]) for i in result["new"]} == {
        ("objects_adapted", 145),
        ("objects_total", 290),
    }
    assert admin.counts() == before


def test_an_upload_changes_the_map_a_download_and_a_tile(admin: Admin) -> None:
    engine = admin.client.app.state.engine  # type: ignore[attr-defined]
    point = (
        queries.regions_frame(engine, "web")
        .set_index("iso_code")
        .geometry["KZ-62"]
        .representative_point()
    )
    tile, column, row = pixel_of(point.x, point.y, 6)
    tile_url = f"/tiles/accessibility/{tile.z}/{tile.x}/{tile.y}.png?year=2026"
    old_tile = admin.client.get(tile_url).content
    body = HEADER + f"Улытауская область,2026-03-04,145,290,{SYNTHETIC_SOURCE}\n"
    result = admin.upload(body, token=admin.editor, description="synthetic test figure").json()  # type: ignore[attr-defined]
    assert result["revision_id"] is not None
    page = admin.client.get("/map?lang=en&year=2026").text
    assert 'data-iso="KZ-62"' in page and "50.0" in page  # 145 of 290 is 50%
    regions = admin.client.get("/ogc/collections/regions/items?limit=100").json()
    ulytau = next(f for f in regions["features"] if f["id"] == "KZ-62")["properties"]
    assert ulytau["adapted_share"] == 50.0 and ulytau["objects_total_source"] == SYNTHETIC_SOURCE
    # Downloads can be read as of a revision: before the upload Ulytau had no share.
    before = admin.client.get(
        f"/ogc/collections/regions/items?revision={result['revision_id'] - 1}"
    ).json()
    assert (
        next(f for f in before["features"] if f["id"] == "KZ-62")["properties"]["adapted_share"]
        is None
    )
    for query, status in (
        ("regions/items?revision=0", 400),
        ("regions/items?revision=999", 404),
        ("rehab-centers/items?revision=1", 400),
    ):
        assert admin.client.get(f"/ogc/collections/{query}").status_code == status, query
    new_tile = admin.client.get(tile_url).content
    assert new_tile != old_tile
    colour = Image.open(io.BytesIO(new_tile)).convert("RGBA").getpixel((column, row))
    assert hex_colour(colour) == CLASSES[1].colour
    # A correction keeps the old value as history, and the as-of revision still shows it.
    fixed = HEADER + f"Ulytau,2026-03-04,150,290,{SYNTHETIC_SOURCE}\n"
    correction = admin.upload(fixed, token=admin.editor, description="correction").json()  # type: ignore[attr-defined]
    assert correction["changed"][0]["previous"] == 145
    history = admin.client.get("/admin/history").json()
    assert [h["author"] for h in history[:2]] == ["editor-1", "editor-1"]
    assert queries.observations_frame(engine, revision=result["revision_id"]).query(
        "area_code == 'KZ-62' and source == @SYNTHETIC_SOURCE and indicator == 'objects_adapted'"
    )["value"].tolist() == [145.0]
    audit = admin.client.get(
        "/admin/audit", headers={"Authorization": f"Bearer {admin.admin}"}
    ).json()
    assert {"committed", "rejected", "dry-run"} <= {entry["outcome"] for entry in audit}


def test_concurrent_uploads_land_as_separate_revisions(admin: Admin) -> None:
    bodies = [
        HEADER + f"Abai,2026-0{m}-01,{700 + m},{1000},{SYNTHETIC_SOURCE}-{m}\n" for m in (5, 6)
    ]
    results: list[object] = []

    def send(body: str) -> None:
        results.append(admin.upload(body, token=admin.editor))

    threads = [threading.Thread(target=send, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    statuses = sorted(r.status_code for r in results)  # type: ignore[attr-defined]
    # Writers queue (PostgreSQL row locks, SpatiaLite's BEGIN IMMEDIATE): both land.
    assert statuses == [200, 200]
    revisions = [r.json()["revision_id"] for r in results if r.status_code == 200]  # type: ignore[attr-defined]
    assert len(set(revisions)) == len(revisions)
    engine = admin.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        for revision in revisions:
            rows = (
                connection.execute(
                    select(models.Observation.source).where(
                        models.Observation.revision_id == revision
                    )
                )
                .scalars()
                .all()
            )
            assert len(rows) == 2 and len(set(rows)) == 1  # one upload's rows, never a mix


def test_upload_form_checks_then_commits_in_a_browser(admin: Admin) -> None:
    from playwright.sync_api import expect

    from tests.chromium import launch_browser, open_page, run_axe, serious_violations, serve_app

    body = HEADER + f"Павлодарская область,2025-06-30,850,2000,{SYNTHETIC_SOURCE}-form\n"
    before = admin.counts()
    with serve_app(create_app(admin.settings)) as base, launch_browser() as browser:
        page, report = open_page(browser, f"{base}/admin/upload?lang=ru")
        assert page.locator("html").get_attribute("lang") == "ru"
        assert serious_violations(run_axe(page)) == []
        page.locator("#token").fill(admin.editor)
        page.locator("#file").set_input_files(
            files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": body.encode()}]
        )
        page.get_by_role("button", name="Проверить").click()
        expect(page.locator("#diff")).to_contain_text("Павлодарская область (KZ-55)")
        assert admin.counts() == before  # the check wrote nothing
        page.get_by_role("button", name="Сохранить").click()
        # No wait_for_function: its string is eval'd, which the page's CSP rightly forbids.
        expect(page.locator("#message")).to_have_text(
            re.compile(r"^Сохранено: ревизия \d+"), timeout=COMMIT_WAIT_MS
        )
        # A corrected figure: the diff names the region and the indicator, never their codes.
        corrected = body.replace(",850,", ",860,")
        page.locator("#file").set_input_files(
            files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": corrected.encode()}]
        )
        page.get_by_role("button", name="Проверить").click()
        changed = page.locator("#diff table").nth(1)
        expect(changed.locator("tbody tr")).to_have_count(1)
        cells = changed.locator("tbody td").all_inner_texts()
        assert cells[:2] == ["Павлодарская область", field_names("ru")["objects_adapted"]]
        assert cells[1] != "objects_adapted" and "KZ-55" not in cells[0]
        assert report.console_errors == [] and report.external_requests == []
    assert admin.counts()[0] == before[0] + 2 and admin.counts()[1] == before[1] + 1


def test_centres_are_added_corrected_and_closed_with_history(admin: Admin) -> None:
    headers = {"Authorization": f"Bearer {admin.editor}"}
    record = {
        "name": "Synthetic test centre (Atyrau)",
        "kind": "rehab_center",
        "region": "Атырауская обл.",
        "settlement": "Atyrau",
        "capacity": "150",
        "status": "operating",
        "source_url": SYNTHETIC_SOURCE,
        "source_date": "2026-05-20",
    }
    assert admin.client.post("/admin/centres", json=record).status_code == 401
    bad = admin.client.post("/admin/centres", json={**record, "region": "Алматы"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["problems"][0]["column"] == "region"
    added = admin.client.post("/admin/centres", json=record, headers=headers)
    assert added.status_code == 201, added.text
    first = added.json()["id"]
    items = admin.client.get("/ogc/collections/rehab-centers/items?iso_code=KZ-23&limit=100").json()
    mine = [f for f in items["features"] if f["id"] == str(first)]
    assert mine and mine[0]["properties"]["location_precision"] == "settlement"  # placed at Atyrau
    no_reason = admin.client.patch(
        f"/admin/centres/{first}", json={"capacity": 160}, headers=headers
    )
    assert no_reason.status_code == 422
    fixed = admin.client.patch(
        f"/admin/centres/{first}", json={"capacity": 160, "reason": "typo"}, headers=headers
    ).json()
    closed = admin.client.post(
        f"/admin/centres/{fixed['id']}/close",
        headers=headers,
        json={"reason": "moved", "source_url": SYNTHETIC_SOURCE},
    ).json()
    history = admin.client.get(f"/admin/centres/{first}/history").json()
    assert [(h["capacity"], h["status"], h["reason"]) for h in history] == [
        (150, "operating", None),
        (160, "operating", "typo"),
        (160, "closed", "moved"),
    ]
    stale = admin.client.patch(
        f"/admin/centres/{first}", json={"capacity": 1, "reason": "x"}, headers=headers
    )
    assert stale.status_code == 409
    current = admin.client.get("/ogc/collections/rehab-centers/items?limit=1000").json()["features"]
    ids = {f["id"] for f in current}
    assert str(closed["id"]) in ids and str(first) not in ids and str(fixed["id"]) not in ids
