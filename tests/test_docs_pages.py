"""The API explorers work offline: /docs and /redoc render the API from vendored assets, with no
request leaving this host."""

from __future__ import annotations

import pytest

from api.app import create_app
from tests.chromium import launch_browser, open_page, serve_app
from tests.conftest import Database


@pytest.mark.parametrize(
    ("path", "selector"), [("/docs", ".opblock"), ("/redoc", "[role=menuitem]")]
)
def test_api_explorers_render_offline(db: Database, path: str, selector: str) -> None:
    with serve_app(create_app(db.settings)) as base, launch_browser() as browser:
        page, report = open_page(browser, f"{base}{path}")
        page.wait_for_selector(selector, timeout=60_000)
        assert "/ogc/collections" in page.locator("body").inner_text()
        assert report.external_requests == [] and report.page_errors == []
