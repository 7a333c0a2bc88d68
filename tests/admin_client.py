"""A served app with its own writable database and two tokens, for tests that change data.

Figures uploaded through it are synthetic test values, named so, and never leave the test
database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.auth import create_token
from api.db import models
from api.db.setup import prepare_database
from api.settings import PROJECT_ROOT, Settings
from tests.conftest import POSTGIS_URL, fresh_postgis_database

SYNTHETIC_SOURCE = "https://example.org/synthetic-test-upload"
HEADER = "region,as_of,objects_adapted,objects_total,source_url\n"


@dataclass
class Admin:
    client: TestClient
    editor: str
    admin: str
    settings: Settings

    def counts(self) -> tuple[int, int, int]:
        engine = self.client.app.state.engine  # type: ignore[attr-defined]
        with engine.connect() as connection:
            return tuple(  # type: ignore[return-value]
                connection.scalar(select(func.count()).select_from(m)) or 0
                for m in (models.Observation, models.DataRevision, models.Centre)
            )

    def upload(self, csv: str, token: str | None = None, **params: str) -> object:
        headers = {"Content-Type": "text/csv"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.post(
            "/admin/uploads", content=csv.encode(), headers=headers, params=params
        )


@contextmanager
def admin_client(
    backend: str, tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[Admin]:
    """A fresh seeded database of `backend` (its own, named after `name`) and a client."""
    data_dir = tmp_path_factory.mktemp(f"{name}-{backend}")
    url = None
    if backend == "postgis":
        url = fresh_postgis_database(f"{POSTGIS_URL}_{name}")
    settings = Settings(database_url=url, data_dir=data_dir, seed_dir=PROJECT_ROOT / "seed")
    engine = prepare_database(settings)
    editor, boss = (
        create_token(engine, "editor-1", "editor"),
        create_token(engine, "admin-1", "admin"),
    )
    engine.dispose()
    with TestClient(create_app(settings)) as client:
        yield Admin(client, editor, boss, settings)
