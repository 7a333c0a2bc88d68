"""ACCESSMAP_TEMPLATES_DIR: a deployment's template replaces the packaged one of the same name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from render.templating import TEMPLATES, use_templates_dir
from tests.conftest import Database

MARKER = '<p id="site-own">Our own footer</p>'


@pytest.fixture
def packaged_templates_after() -> Iterator[None]:
    yield
    use_templates_dir(None)  # the setting is per process: later apps get the package's again


def test_an_override_changes_every_page_built_on_it(
    db: Database, tmp_path: Path, packaged_templates_after: None
) -> None:
    base = (TEMPLATES / "site_base.html").read_text(encoding="utf-8")
    assert MARKER not in base
    (tmp_path / "site_base.html").write_text(
        base.replace("</body>", f"{MARKER}</body>"), encoding="utf-8"
    )
    own = db.settings.model_copy(update={"templates_dir": tmp_path})
    with TestClient(create_app(own)) as client:
        landing = client.get("/ogc?f=html&lang=en")
        form = client.get("/admin/upload?lang=en")
        map_page = client.get("/map?lang=en")
    assert landing.status_code == form.status_code == map_page.status_code == 200
    # The OGC landing page and the upload form extend site_base.html: they get the site's own.
    assert MARKER in landing.text and MARKER in form.text
    # ... and what the directory does not have still comes from the package.
    assert "OGC API" in landing.text
    assert MARKER not in map_page.text  # the map page has a template of its own

    with TestClient(create_app(db.settings)) as client:
        assert MARKER not in client.get("/ogc?f=html&lang=en").text
