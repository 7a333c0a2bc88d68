"""HTML pages reflow at 320 px (WCAG 1.4.10): nothing makes the page scroll sideways; wide tables
scroll inside their own box."""

from __future__ import annotations

import pytest

from api.app import create_app
from tests.chromium import launch_browser, open_page, serve_app
from tests.conftest import Database

PAGES = ["/admin/upload?lang=kk", "/admin/upload?lang=ru", "/admin/upload?lang=en"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_reflow_at_320_px(db: Database, path: str) -> None:
    with serve_app(create_app(db.settings)) as base, launch_browser() as browser:
        page, report = open_page(browser, f"{base}{path}", viewport={"width": 320, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert report.page_errors == []


@pytest.mark.parametrize("path", ["/map?lang=kk", "/embed?lang=ru"])
def test_the_map_may_be_pinch_zoomed(db: Database, path: str) -> None:
    from fastapi.testclient import TestClient

    with TestClient(create_app(db.settings)) as client:
        page = client.get(path).text
    assert page.count('name="viewport"') == 1
    assert "user-scalable=no" not in page and "maximum-scale" not in page


def test_region_buttons_are_big_enough_to_hit(db: Database) -> None:
    """WCAG 2.5.8: a pointer target is at least 24 by 24 CSS pixels."""
    with serve_app(create_app(db.settings)) as base, launch_browser() as browser:
        page, _report = open_page(browser, f"{base}/map?lang=ru")
        sizes = page.evaluate(
            "() => [...document.querySelectorAll('.region-button')]"
            ".map(b => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])"
        )
    assert len(sizes) == 20
    assert all(width >= 24 and height >= 24 for width, height in sizes), sizes
