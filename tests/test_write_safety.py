"""Writes under abuse: bodies refused before they are read, uploads off the event loop, edits that
cannot fork a record, and bad input answered with a 4xx.

Concurrency here is arranged with events and barriers, never with sleeps: a test fails by
waiting on its (generous) timeout only when the code under test is wrong.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import select

import api.writes
from api.app import create_app
from api.db import centre_edits, models
from api.writes import MAX_LISTED_PROBLEMS, MAX_UPLOAD_BYTES
from tests.admin_client import HEADER, SYNTHETIC_SOURCE, Admin, admin_client
from tests.chromium import serve_app
from tests.conftest import BACKENDS

# Only reached when the server waits for a body it should never read.
NO_ANSWER_S = 60


@pytest.fixture(scope="module", params=BACKENDS)
def admin(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Admin]:
    with admin_client(request.param, tmp_path_factory, "writes") as client:
        yield client


@pytest.fixture(scope="module")
def served(admin: Admin) -> Iterator[str]:
    with serve_app(create_app(admin.settings)) as base:
        yield base


def raw_request_status(base: str, method: str, path: str, headers: dict[str, str]) -> int:
    """Declare a 100 MB body, send 1 MB of it, and return the status the server answers with.

    A server that reads the body before answering never answers (it waits for 99 MB more)."""
    parts = urlsplit(base)
    head = f"{method} {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {100_000_000}\r\nConnection: close\r\n\r\n"
    with socket.create_connection((parts.hostname, parts.port), timeout=NO_ANSWER_S) as sock:
        sock.sendall(head.encode())
        # The server may already have answered and closed: that is the point.
        with contextlib.suppress(OSError):
            sock.sendall(b"{" + b" " * 1_000_000)
        answer = sock.recv(200)
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/admin/centres"),
        ("PATCH", "/admin/centres/1"),
        ("POST", "/admin/centres/1/close"),
        ("POST", "/admin/uploads"),
    ],
)
def test_a_large_body_is_refused_before_it_is_read(
    admin: Admin, served: str, method: str, path: str
) -> None:
    before = admin.counts()
    json_type = {"Content-Type": "application/json"}
    assert raw_request_status(served, method, path, json_type) == 401
    editor = {**json_type, "Authorization": f"Bearer {admin.editor}"}
    assert raw_request_status(served, method, path, editor) == 413
    assert admin.counts() == before


def test_a_body_without_length_is_cut_off_at_the_limit(admin: Admin) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_UPLOAD_BYTES // 100_000 + 2):
            yield b"x" * 100_000

    before = admin.counts()
    response = admin.client.post(
        "/admin/uploads",
        content=chunks(),  # sent chunked: no Content-Length to refuse it by
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {admin.editor}"},
    )
    assert response.status_code == 413, response.text
    assert admin.counts() == before


def test_reads_are_answered_while_an_upload_is_being_checked(
    admin: Admin, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    checking, read_answered = threading.Event(), threading.Event()
    real_parse = api.writes.parse_upload

    def slow_parse(data: bytes, media: str, *options: Any) -> Any:
        checking.set()
        # Holds the upload until a read has been answered; on the event loop it would hold
        # the whole server, the read would never be answered and this wait would time out.
        read_answered.wait(NO_ANSWER_S)
        return real_parse(data, media, *options)

    monkeypatch.setattr(api.writes, "parse_upload", slow_parse)
    result: dict[str, httpx.Response] = {}

    def upload() -> None:
        body = HEADER + f"Abai,2026-02-01,701,1000,{SYNTHETIC_SOURCE}-slow\n"
        result["upload"] = httpx.post(
            f"{served}/admin/uploads",
            params={"dry_run": "true"},
            content=body.encode(),
            headers={"Content-Type": "text/csv", "Authorization": f"Bearer {admin.editor}"},
            timeout=NO_ANSWER_S * 2,
        )

    uploader = threading.Thread(target=upload)
    uploader.start()
    assert checking.wait(NO_ANSWER_S)
    read = httpx.get(f"{served}/ogc/collections?f=json", timeout=NO_ANSWER_S)
    read_answered.set()
    uploader.join(NO_ANSWER_S * 2)
    assert read.status_code == 200
    assert result["upload"].status_code == 200 and result["upload"].json()["dry_run"] is True


def test_concurrent_corrections_give_one_winner(
    admin: Admin, monkeypatch: pytest.MonkeyPatch
) -> None:
    editors = 10
    headers = {"Authorization": f"Bearer {admin.editor}"}
    record = {
        "name": "Synthetic test centre (race)",
        "kind": "autism_center",
        "region": "Павлодарская область",
        "settlement": "Pavlodar",
        "status": "operating",
        "source_url": SYNTHETIC_SOURCE,
    }
    first = admin.client.post("/admin/centres", json=record, headers=headers)
    assert first.status_code == 201, first.text
    centre_id = first.json()["id"]
    # Every editor reads the record before any of them writes (PostGIS). On SpatiaLite the
    # writers queue at BEGIN IMMEDIATE, so the barrier breaks after its timeout and each goes on.
    everyone_read = threading.Barrier(editors, timeout=5)
    real_current = centre_edits.current_record

    def current_then_wait(session: Any, wanted: int) -> Any:
        found = real_current(session, wanted)
        with contextlib.suppress(threading.BrokenBarrierError):
            everyone_read.wait()
        return found

    monkeypatch.setattr(centre_edits, "current_record", current_then_wait)
    statuses: list[int] = []

    def correct(capacity: int) -> None:
        response = admin.client.patch(
            f"/admin/centres/{centre_id}",
            json={"capacity": capacity, "reason": f"synthetic race {capacity}"},
            headers=headers,
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=correct, args=(10 + n,)) for n in range(editors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(NO_ANSWER_S)
    assert sorted(statuses) == [200] + [409] * (editors - 1)
    engine = admin.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        current = connection.scalars(
            select(models.Centre.id).where(
                models.Centre.name == record["name"], models.Centre.superseded_by.is_(None)
            )
        ).all()
    assert len(current) == 1
    history = admin.client.get(f"/admin/centres/{centre_id}/history").json()
    assert [h["id"] for h in history] == [centre_id, current[0]]


DEEP_JSON = "[" * 100_000 + "]" * 100_000
BAD_UPLOADS = [
    ("application/json", DEEP_JSON, "nested deeper"),
    ("application/json", '[{"objects_adapted": ' + "9" * 5000 + "}]", "not valid JSON"),
    ("text/csv", HEADER + "ЗКО,2026-01-01," + "9" * 400 + ",10,https://x.kz\n", "whole number"),
    ("text/csv", HEADER + "ЗКО,2026-01-01,²,10,https://x.kz\n", "whole number"),
    ("text/csv", "region" + "x" * 200_000 + ",as_of\n", "malformed CSV (line 1)"),
    ("text/csv", HEADER + "ЗКО,2026-01-01,20000000,30000000,https://x.kz\n", "more than"),
    # The BOM is read past: the answer is about the columns, not "not valid JSON".
    ("application/json", "\ufeff" + json.dumps([{"region": "ЗКО"}]), "missing column"),
]


@pytest.mark.parametrize(("media", "body", "reason"), BAD_UPLOADS)
def test_hostile_uploads_are_422_naming_the_problem(
    admin: Admin, media: str, body: str, reason: str
) -> None:
    before = admin.counts()
    response = admin.client.post(
        "/admin/uploads",
        content=body.encode(),
        headers={"Content-Type": media, "Authorization": f"Bearer {admin.editor}"},
    )
    assert response.status_code == 422, response.text[:300]
    assert any(reason in p["reason"] for p in response.json()["problems"]), response.text[:300]
    assert admin.counts() == before


def test_a_file_of_bad_rows_lists_the_first_problems_and_the_total(admin: Admin) -> None:
    rows = 3 * MAX_LISTED_PROBLEMS
    # Empty rows are skipped as in any table; these have a wrong value in every column.
    body = HEADER + "x,y,z,w,v\n" * rows
    response = admin.upload(body, token=admin.editor)
    assert response.status_code == 422  # type: ignore[attr-defined]
    answer = response.json()  # type: ignore[attr-defined]
    assert len(answer["problems"]) == MAX_LISTED_PROBLEMS
    assert answer["problems_total"] == 5 * rows  # five wrong values on every row
    assert f"the first {MAX_LISTED_PROBLEMS} listed" in answer["description"]


@pytest.mark.parametrize(
    ("record", "column"),
    [
        ({"capacity": 2**31}, "capacity"),
        ({"capacity": "٣"}, "capacity"),
        ({"lon": "nan", "lat": "50"}, "lon"),
    ],
)
def test_hostile_centre_fields_are_422(admin: Admin, record: dict[str, Any], column: str) -> None:
    valid = {
        "name": "Synthetic test centre (hostile)",
        "kind": "rehab_center",
        "region": "Атырауская обл.",
        "status": "operating",
        "source_url": SYNTHETIC_SOURCE,
    }
    before = admin.counts()
    response = admin.client.post(
        "/admin/centres",
        json={**valid, **record},
        headers={"Authorization": f"Bearer {admin.editor}"},
    )
    assert response.status_code == 422, response.text
    assert [p["column"] for p in response.json()["problems"]] == [column]
    assert admin.counts() == before
