"""Generated requests against the app's own OpenAPI: no 5xx and responses match the schema.

Bounded: a fixed number of examples per operation keeps the suite fast; every operation runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.app import create_app
from api.settings import Settings
from geo.features import COLLECTIONS
from render.tiles import LAYERS
from tests.chromium import serve_app
from tests.conftest import Database

EXAMPLES_PER_OPERATION = 60
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# Generous: the first request for downloads builds every file (seconds on a loaded machine); no
# answer may fail for being slow, only for being wrong.
REQUEST_TIMEOUT_S = 300
# The GET operations that send no JSON at all (pages, images, tiles, templates): every other one
# must publish a schema for each JSON media type of its 200 answer, or schemathesis would have
# nothing to check it against and pass in silence.
NO_JSON = {
    "/map",
    "/embed",
    "/admin/upload",
    "/admin/upload/template.{kind}",
    "/tiles/{layer}/{z}/{x}/{name}",
    "/maps/{layer}.png",
}


def is_json(media_type: str) -> bool:
    kind = media_type.split(";")[0].strip().lower()
    return kind == "application/json" or kind.endswith("+json")


def unchecked_json_answers(document: dict[str, Any]) -> list[str]:
    """GET operations whose 200 answer is (or may be) JSON but declares no schema for it."""
    missing = []
    for path, operations in document["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        content = get["responses"].get("200", {}).get("content", {})
        json_types = [media for media in content if is_json(media)]
        if path in NO_JSON:
            if json_types:
                missing.append(f"GET {path}: listed as sending no JSON, yet declares {json_types}")
            continue
        if not json_types:
            missing.append(f"GET {path}: no JSON media type for its 200 answer")
        for media in json_types:
            schema = content[media].get("schema") or {}
            if not schema or schema == {"type": "object"}:
                missing.append(f"GET {path}: no schema for {media}")
    return missing


def test_every_json_answer_has_a_schema_to_check(tmp_path: Path) -> None:
    document = create_app(Settings(data_dir=tmp_path)).openapi()
    assert unchecked_json_answers(document) == []


# Answers no anonymous request can have: every other JSON GET must have been checked at least once.
NEEDS_A_TOKEN = {"/admin/audit"}


def known_good_cases(base_url: str) -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    """(path, path parameters, query) that name things that exist: random path values almost
    never do, and a 404 leaves the 200 answer's schema unchecked."""
    listing = requests.get(f"{base_url}/downloads?f=json", timeout=REQUEST_TIMEOUT_S).json()
    collection_paths = [
        "/ogc/collections/{collection_id}",
        "/ogc/collections/{collection_id}/schema",
        "/ogc/collections/{collection_id}/queryables",
        "/ogc/collections/{collection_id}/items",
    ]
    return [
        *(
            (path, {"collection_id": collection}, {})
            for path in collection_paths
            for collection in COLLECTIONS
        ),
        (
            "/ogc/collections/{collection_id}/items",
            {"collection_id": "accessibility"},
            {"limit": "5", "offset": "5", "f": "json"},
        ),
        (
            "/ogc/collections/{collection_id}/items/{feature_id}",
            {"collection_id": "regions", "feature_id": "KZ-11"},
            {},
        ),
        ("/downloads", {}, {"f": "json"}),
        *(
            ("/downloads/{name}", {"name": item["name"]}, {})
            for item in listing["files"]
            if item["format"] == "json"
        ),
        *(("/tiles/{layer}.json", {"layer": layer}, {}) for layer in LAYERS),
        *(("/tiles/raster/{layer}.json", {"layer": layer}, {}) for layer in LAYERS),
        ("/admin/centres/{centre_id}/history", {"centre_id": 1}, {}),
    ]


def test_api_never_errors_and_keeps_its_schema(db: Database) -> None:
    calls = 0
    checked: set[str] = set()  # GET operations whose JSON 200 answer was checked

    def call(case: schemathesis.Case) -> None:
        response = case.call_and_validate(
            base_url=base_url, checks=CHECKS, timeout=REQUEST_TIMEOUT_S
        )
        media = response.headers.get("content-type") or [""]  # each header: a list of values
        if response.status_code == 200 and is_json(media[0]):
            checked.add(case.operation.path)

    with serve_app(create_app(db.settings)) as base_url:
        schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: schemathesis.Case) -> None:
                nonlocal calls
                calls += 1
                call(case)

            try:
                run()
            except Exception as error:
                pytest.fail(f"{operation.label}: {error}")
        for path, parameters, query in known_good_cases(base_url):
            operation = schema[path]["GET"]
            case = operation.Case(path_parameters=parameters, query=query)
            try:
                call(case)
            except Exception as error:
                pytest.fail(f"GET {path} {parameters} {query}: {error}")
        document = requests.get(f"{base_url}/openapi.json", timeout=REQUEST_TIMEOUT_S).json()
    assert calls >= 200
    json_gets = {
        path
        for path, operations in document["paths"].items()
        if "get" in operations and path not in NO_JSON
    }
    assert json_gets - NEEDS_A_TOKEN - checked == set()
