"""The `accessmap` console script, run as a user would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "seed"
ACCESSMAP = Path(sys.executable).with_name("accessmap")


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ACCESSMAP), *args],
        env={**os.environ, "COLUMNS": "200", **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_boundaries_build_reports_each_level(tmp_path: Path) -> None:
    result = run("boundaries", "build", "--out", str(tmp_path), env={})
    assert result.returncode == 0, result.stderr
    for level in ("full", "web", "lite"):
        assert level in result.stdout
        assert (tmp_path / f"kz-adm1-{level}.geojson").stat().st_size > 0


def test_seed_twice_then_a_broken_file(tmp_path: Path) -> None:
    env = {"ACCESSMAP_DATA_DIR": str(tmp_path / "data")}
    first = run("seed", env=env)
    assert first.returncode == 0, first.stderr
    assert "data revision: 1" in first.stderr
    assert "observations" in first.stdout
    second = run("seed", env=env)
    assert second.returncode == 0, second.stderr
    assert "no changes" in second.stderr

    broken = tmp_path / "seed"
    shutil.copytree(SEED, broken)
    path = broken / "accessibility_by_region.csv"
    path.write_text(path.read_text("utf-8").replace(",1578,", ",1.5k,", 1), "utf-8")
    third = run("seed", env={**env, "ACCESSMAP_SEED_DIR": str(broken)})
    assert third.returncode == 1
    assert "accessibility_by_region.csv:" in third.stderr
    assert "'1.5k' is not a number" in third.stderr
    assert "no changes" not in third.stderr
    fourth = run("seed", env=env)
    assert "no changes" in fourth.stderr  # the failed run left the data as it was


def test_render_writes_a_standalone_page_that_works_offline(tmp_path: Path) -> None:
    from tests.chromium import launch_browser, open_page

    out = tmp_path / "map.html"
    env = {"ACCESSMAP_DATA_DIR": str(tmp_path / "data")}
    result = run("render", "--out", str(out), "--lang", "kk", env=env)
    assert result.returncode == 0, result.stderr
    html = out.read_text("utf-8")
    assert 'src="/static' not in html and 'href="/static' not in html  # assets are inlined
    with launch_browser() as browser:
        page, report = open_page(browser, out.as_uri())
        assert report.console_errors == [] and report.page_errors == []
        assert report.external_requests == []
        assert page.locator("path.region").count() == 20
        assert page.locator("html").get_attribute("lang") == "kk"
    bad = run("render", "--out", str(out), "--year", "1990", env=env)
    assert bad.returncode == 1 and "no data for 1990" in bad.stderr


def test_report_has_the_map_the_ranking_and_the_gaps(tmp_path: Path) -> None:
    import base64
    import io
    import re

    from PIL import Image

    out = tmp_path / "report.html"
    env = {"ACCESSMAP_DATA_DIR": str(tmp_path / "data")}
    result = run("report", "--year", "2026", "--lang", "en", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    html = out.read_text("utf-8")
    ranking = html[
        html.index('<table id="ranking">') : html.index("</table>", html.index('id="ranking"'))
    ]
    # 66.7% ranks above 43.5%
    assert ranking.index("Kyzylorda Region") < ranking.index("Almaty city")
    gaps = html[html.index('<table id="gaps">') :]
    assert "Kazakhstan (national)" in gaps and "5,900" in gaps and "315" in gaps
    encoded = re.search(r'id="country-map" src="data:image/png;base64,([^"]+)"', html)
    assert encoded is not None
    image = Image.open(io.BytesIO(base64.b64decode(encoded.group(1))))
    assert image.format == "PNG" and image.width > 800
    assert "OpenStreetMap contributors" in html
    bad = run("report", "--year", "2031", "--out", str(out), env=env)
    assert bad.returncode == 2 and "2023 to 2027" in bad.stderr


def _foreign_database(path: Path) -> None:
    import sqlite3

    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")


@pytest.mark.parametrize(
    ("prepare", "problem"),
    [
        (lambda path: path.write_bytes(b""), "the file is empty (0 bytes)"),
        (lambda path: path.write_bytes(b"PK\x03\x04 not a database"), "not an SQLite database"),
        (
            lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000),
            "cannot be read",
        ),
        (_foreign_database, "another application's tables"),
    ],
    ids=["empty", "foreign-format", "damaged", "foreign-tables"],
)
def test_an_unusable_database_file_is_refused_in_one_line(
    tmp_path: Path, prepare: Callable[[Path], object], problem: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = data / "accessmap.sqlite"
    prepare(database)
    before = database.read_bytes()
    result = run("tokens", "list", env={"ACCESSMAP_DATA_DIR": str(data)})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(database) in lines[0] and problem in lines[0]
    assert database.read_bytes() == before  # refused, never reseeded
