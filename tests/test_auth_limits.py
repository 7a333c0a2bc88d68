"""The failed-login limit: per address and per token, shared through the database by every
process, expiring, never refusing a valid token, and not fooled by a forged X-Forwarded-For."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.auth import FAILURE_WINDOW_S, FAILURES_ALLOWED, FailureLimiter
from api.db import models
from api.server import RedactSecrets, uvicorn_options
from tests.admin_client import HEADER, SYNTHETIC_SOURCE, Admin, admin_client
from tests.chromium import serve_app
from tests.conftest import BACKENDS

ROW = HEADER + f"Abai,2026-02-01,701,1000,{SYNTHETIC_SOURCE}-limits\n"


@pytest.fixture(scope="module", params=BACKENDS)
def admin(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Admin]:
    with admin_client(request.param, tmp_path_factory, "limits") as client:
        yield client


def post(client: TestClient, token: str) -> int:
    return client.post(
        "/admin/uploads",
        params={"dry_run": "true"},
        content=ROW.encode(),
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
    ).status_code


def test_a_valid_token_is_never_refused_for_its_address(admin: Admin) -> None:
    address = ("203.0.113.10", 50000)
    with TestClient(create_app(admin.settings), client=address) as client:
        failures = [post(client, f"amkz_wrong-{n}") for n in range(FAILURES_ALLOWED + 1)]
        assert failures == [401] * FAILURES_ALLOWED + [429]
        assert post(client, admin.editor) == 200  # the editor behind the same proxy still works
        assert post(client, "amkz_wrong-again") == 429


def test_failures_count_across_processes_sharing_the_database(admin: Admin) -> None:
    token = "amkz_one-wrong-token-from-everywhere"
    with (
        TestClient(create_app(admin.settings), client=("203.0.113.20", 1)) as first,
        TestClient(create_app(admin.settings), client=("203.0.113.21", 1)) as second,
    ):
        # Two apps, two addresses, one wrong token: the token's own count blocks it in both.
        statuses = [post(first if n % 2 else second, token) for n in range(FAILURES_ALLOWED)]
        assert statuses == [401] * FAILURES_ALLOWED
        assert post(first, token) == 429 and post(second, token) == 429


def test_failures_expire(admin: Admin) -> None:
    now = [1_000_000.0]
    limiter = FailureLimiter(admin.client.app.state.engine, clock=lambda: now[0])  # type: ignore[attr-defined]
    keys = ["address:203.0.113.30"]
    for _ in range(FAILURES_ALLOWED):
        limiter.fail(keys)
    assert limiter.blocked(keys)
    now[0] += FAILURE_WINDOW_S + 1
    assert not limiter.blocked(keys)
    limiter.fail(keys)  # a new failure clears what left the window
    engine = admin.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        kept = connection.scalar(
            select(func.count())
            .select_from(models.AuthFailure)
            .where(models.AuthFailure.key == keys[0])
        )
    assert kept == 1


def test_a_forged_forwarded_for_does_not_reset_the_count(admin: Admin) -> None:
    # Served with the options `accessmap serve` uses; uvicorn alone would trust 127.0.0.1.
    with serve_app(create_app(admin.settings), **uvicorn_options(admin.settings)) as base:
        statuses = [
            httpx.post(
                f"{base}/admin/uploads",
                content=ROW.encode(),
                headers={
                    "Authorization": f"Bearer amkz_forged-{n}",
                    "X-Forwarded-For": f"192.0.2.{n}",
                },
            ).status_code
            for n in range(FAILURES_ALLOWED + 1)
        ]
    assert statuses == [401] * FAILURES_ALLOWED + [429]


def test_tokens_in_urls_never_reach_the_access_log() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", "/admin/uploads?token=amkz_secret&dry_run=1", "1.1", 401),
        None,
    )
    assert RedactSecrets().filter(record)
    line = record.getMessage()
    assert "amkz_secret" not in line and "token=[redacted]&dry_run=1" in line
