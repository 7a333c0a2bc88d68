"""Generated requests against the app's own OpenAPI: no 5xx and responses match the schema.

Bounded: a fixed number of examples per operation keeps the suite fast; every operation runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.app import create_app
from api.settings import Settings
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


def test_api_never_errors_and_keeps_its_schema(db: Database) -> None:
    calls = 0
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
                case.call_and_validate(base_url=base_url, checks=CHECKS, timeout=REQUEST_TIMEOUT_S)

            try:
                run()
            except Exception as error:
                pytest.fail(f"{operation.label}: {error}")
    assert calls >= 200
