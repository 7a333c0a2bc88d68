"""SpatiaLite and PostGIS, seeded from the same files, serve exactly the same features.

Both databases are made here, fresh, in one test: other tests write to the shared ones, and a
comparison spread over two parametrized runs would assert nothing with one backend or under xdist.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.db.setup import prepare_database
from geo.features import COLLECTIONS
from tests.conftest import BACKENDS, make_settings


@pytest.fixture(scope="module")
def clients(
    tmp_path_factory: pytest.TempPathFactory, shared_boundaries_dir: Path
) -> Iterator[dict[str, TestClient]]:
    opened = {}
    for backend in BACKENDS:
        data_dir = tmp_path_factory.mktemp(f"agree-{backend}")
        shutil.copytree(shared_boundaries_dir, data_dir / "boundaries")
        settings = make_settings(backend, data_dir)
        prepare_database(settings).dispose()
        opened[backend] = TestClient(create_app(settings)).__enter__()
    yield opened
    for client in opened.values():
        client.__exit__(None, None, None)


def features_of(client: TestClient, collection: str) -> dict[str, Any]:
    response = client.get(f"/ogc/collections/{collection}/items", params={"limit": "1000"})
    assert response.status_code == 200, response.text
    data = response.json()
    return {"numberMatched": data["numberMatched"], "features": data["features"]}


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_backends_serve_identical_features(clients: dict[str, TestClient], collection: str) -> None:
    served = {backend: features_of(client, collection) for backend, client in clients.items()}
    assert set(served) == set(BACKENDS)
    first, second = (json.dumps(served[b], sort_keys=True) for b in BACKENDS)
    assert served[BACKENDS[0]]["numberMatched"] > 0
    assert first == second
