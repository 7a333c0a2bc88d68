"""Generated requests against the app's own OpenAPI: no 5xx and responses match the schema.

Bounded: a fixed number of examples per operation keeps the suite fast; every operation runs.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.app import create_app
from tests.chromium import serve_app
from tests.conftest import Database

EXAMPLES_PER_OPERATION = 60
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


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
                case.call_and_validate(base_url=base_url, checks=CHECKS)

            try:
                run()
            except Exception as error:
                pytest.fail(f"{operation.label}: {error}")
    assert calls >= 200
