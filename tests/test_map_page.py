"""The planners' map in real headless Chromium, on both database backends."""

from __future__ import annotations

import csv

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, expect

from api.app import create_app
from api.db import queries
from api.settings import PROJECT_ROOT
from geo.definitions import Lang
from geo.i18n import t
from geo.indicators import years_with_data
from geo.regions import REGIONS, get_region
from geo.themes import THEMES
from tests.chromium import ARTIFACTS, open_page, run_axe, serious_violations
from tests.conftest import Database

LANGS = ("kk", "ru", "en")


def table_rows(page: Page) -> dict[str, list[str]]:
    rows = page.locator("#data-table tbody tr")
    return {
        rows.nth(i).get_attribute("data-iso") or "": [
            cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()
        ]
        for i in range(rows.count())
    }


def location(page: Page) -> str:
    """The page's own URL, read in the page: replaceState is seen there at once, while
    Playwright's page.url follows it by an event that may still be on its way."""
    return str(page.evaluate("() => window.location.href"))


def number(text: str, lang: str) -> float | None:
    """Parse a table number as the page writes it: 1,080.5 in English, 1 080,5 otherwise."""
    first = text.split("\n")[0].replace("\u00a0", "").replace(" ", "")
    if first == "—":
        return None
    return float(first.replace(",", "") if lang == "en" else first.replace(",", "."))


def figures_in_seed(year: int) -> dict[str, tuple[float | None, float | None]]:
    """Each region's (share, adapted count) for `year` read straight from the seed file, not
    through the code under test: the latest row dated in that year, its stated share or the
    share of its own count and total; rows the file marks FLOW or HISTORICAL (another basis,
    seed/SOURCES.md) are not figures of the roadmap."""
    with (PROJECT_ROOT / "seed" / "accessibility_by_region.csv").open(encoding="utf-8") as file:
        rows = [
            row
            for row in csv.DictReader(file)
            if row["as_of"][:4] == str(year)
            and not row["note"].upper().startswith(("FLOW", "HISTORICAL"))
        ]
    found: dict[str, tuple[float | None, float | None]] = {}
    for row in sorted(rows, key=lambda row: row["as_of"]):
        adapted = float(row["objects_adapted"]) if row["objects_adapted"] else None
        share = float(row["pct_adapted"]) if row["pct_adapted"] else None
        if share is None and adapted is not None and row["objects_total"]:
            share = round(100 * adapted / float(row["objects_total"]), 1)
        found[row["iso_code"]] = (share, adapted)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_and_year_renders_the_data(
    db: Database, browser: Browser, base_url: str, lang: str
) -> None:
    observations = queries.observations_frame(db.engine)
    codes = [region.iso_code for region in REGIONS]
    for year in years_with_data(observations):
        page, report = open_page(browser, f"{base_url}/map?lang={lang}&view=year&year={year}")
        assert report.console_errors == [] and report.page_errors == []
        assert report.external_requests == [] and report.failed_requests == []
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("path.region").count() == 20
        expected = figures_in_seed(year)
        rows = table_rows(page)
        assert set(rows) == set(codes)
        for code, cells in rows.items():
            assert cells[0] == get_region(code).name(lang)  # type: ignore[arg-type]
            share, adapted = expected.get(code, (None, None))
            assert number(cells[2], lang) == share, (year, code)
            assert number(cells[3], lang) == adapted, (year, code)
        # Standings as the documented rule gives them from those shares.
        shares = {code: pair[0] for code, pair in expected.items() if pair[0] is not None}
        labels = page.locator(".standing-label").all_inner_texts()
        if len(shares) >= 2:
            top, bottom = max(shares, key=shares.__getitem__), min(shares, key=shares.__getitem__)
            for standing, code in (("leader", top), ("laggard", bottom)):
                label = t(
                    "ranked_label",
                    lang,  # type: ignore[arg-type]
                    standing=t(standing, lang),  # type: ignore[arg-type]
                    region=get_region(code).name(lang),  # type: ignore[arg-type]
                    n=len(shares),
                )
                assert label in labels, (year, label)
        else:
            assert labels == [], year
        # The briefing's list is shown as reported, beside the data.
        comparisons = page.locator("#comparisons li").all_inner_texts()
        assert len(comparisons) >= 5
        assert page.locator("#summary").inner_text().strip()
        page.context.close()


def test_default_view_shows_leader_and_laggard_and_screenshot(
    db: Database, browser: Browser, base_url: str
) -> None:
    page, report = open_page(
        browser, f"{base_url}/map?lang=en&view=year", viewport={"width": 1400, "height": 1000}
    )
    assert report.console_errors == [] and report.external_requests == []
    # The seeded data: in 2025 only Kyzylorda (66.7%) and Almaty city (43.5%) have a share.
    assert page.locator("#leaders li").all_inner_texts() == ["Kyzylorda Region — 66.7 %"]
    assert page.locator("#laggards li").all_inner_texts() == ["Almaty city — 43.5 %"]
    comparisons = " ".join(page.locator("#comparisons li").all_inner_texts())
    for name in (
        "Jetisu Region",
        "West Kazakhstan Region",
        "Almaty Region",
        "Mangystau Region",
        "Ulytau Region",
    ):
        assert f"{name}: named" in comparisons
    assert "neither confirm nor contradict" in comparisons
    assert "OpenStreetMap contributors" in page.locator(".leaflet-control-attribution").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-{db.backend}.png"), full_page=True)
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_violations(browser: Browser, base_url: str, lang: str) -> None:
    page, _ = open_page(browser, f"{base_url}/map?lang={lang}")
    assert serious_violations(run_axe(page)) == []
    page.context.close()


def test_permalink_layers_region_and_keyboard(browser: Browser, base_url: str) -> None:
    page, report = open_page(browser, f"{base_url}/map?lang=en&layers=regions&region=KZ-43")
    assert report.console_errors == []
    assert page.locator(".centre-marker, .marker-cluster").count() == 0  # centres layers off
    # The region's panel (not a Leaflet popup): named by the region, over the map.
    expect(page.locator("#region-panel")).to_be_visible()
    assert page.locator("#region-panel-title").inner_text() == "Kyzylorda Region"
    popup = page.locator("#region-panel-body").inner_text()
    # The region's panel: its dated series (from the chart) and its 2023 plan group.
    assert "Share adapted (%)" in popup and "2025-12-05: 66.7 %" in popup
    assert "plan met (100%)" in popup or "above 90%" in popup or "below 90%" in popup
    # Keyboard: tab to a region button, press Enter; the URL keeps the selection.
    button = page.locator('.region-button[data-iso="KZ-75"]')
    button.focus()
    outline = button.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Enter")
    assert "region=KZ-75" in page.url
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator("#region-panel-title").inner_text() == "Almaty city"
    assert page.evaluate("() => document.activeElement.id") == "region-panel"
    # Toggling a layer updates the permalink.
    page.get_by_label("Rehabilitation centres").check()
    assert "rehab" in page.url.split("layers=")[1]
    page.context.close()


def test_table_sorts_by_share_with_missing_last(browser: Browser, base_url: str) -> None:
    page, _ = open_page(browser, f"{base_url}/map?lang=en&view=year&year=2025")
    page.locator("#data-table thead .sort").nth(2).click()
    first = page.locator("#data-table tbody tr").first.get_attribute("data-iso")
    assert first == "KZ-75"  # 43.5% is the lowest share
    page.locator("#data-table thead .sort").nth(2).click()
    rows = page.locator("#data-table tbody tr")
    assert rows.first.get_attribute("data-iso") == "KZ-43"
    assert page.locator("#data-table thead th").nth(2).get_attribute("aria-sort") == "descending"
    page.context.close()


def test_language_negotiation_and_bad_input(db: Database) -> None:
    with TestClient(create_app(db.settings)) as client:
        assert client.get("/", follow_redirects=False).headers["location"] == "/map"
        kazakh = client.get("/map", headers={"Accept-Language": "kk-KZ,kk;q=0.9,en;q=0.5"})
        assert '<html lang="kk">' in kazakh.text
        assert '<html lang="ru">' in client.get("/map", headers={"Accept-Language": "de"}).text
        english = client.get("/map", headers={"Accept-Language": "de, en;q=0.8"})
        assert '<html lang="en">' in english.text
        for query, status, message in (
            ("lang=de", 400, "unknown language"),
            ("layers=regions,roads", 400, "unknown layer"),
            ("layers=plan2023", 400, "use theme=plan2023"),
            ("theme=rainbow", 400, "unknown theme"),
            ("region=KZ-99", 400, "KZ-99"),
            ("year=2019", 404, "no data for 2019"),
            ("year=abc", 400, "year"),
            ("view=best", 400, "unknown view"),
        ):
            response = client.get(f"/map?{query}")
            assert response.status_code == status, query
            assert message in response.text, query
        # A region by any name the data API accepts: West Kazakhstan by its Russian initials.
        by_name = client.get("/map", params={"region": "ЗКО", "lang": "en"})
        assert by_name.status_code == 200
        assert by_name.text == client.get("/map?region=KZ-27&lang=en").text


@pytest.mark.parametrize("lang", LANGS)
def test_choosing_a_theme_replaces_the_legend_and_the_colours(
    db: Database, browser: Browser, base_url: str, lang: Lang
) -> None:
    page, report = open_page(
        browser, f"{base_url}/map?lang={lang}", viewport={"width": 1400, "height": 1000}
    )
    assert report.console_errors == [] and report.page_errors == []
    assert "theme=share" in location(page)
    seen_legends = []
    for theme in THEMES:
        if theme != "share":
            with page.expect_navigation():
                page.get_by_role("radio", name=t(f"theme_{theme}", lang), exact=True).check()
        assert f"theme={theme}" in location(page)
        title = page.locator("#legend-title").inner_text()
        assert t(f"theme_{theme}_title", lang, when="")[:20] in title
        legend = page.locator("#legend li[data-colour]")
        colours = [legend.nth(i).get_attribute("data-colour") for i in range(legend.count())]
        seen_legends.append(colours)
        # Every region is painted in a colour its theme's legend explains (or its cue pattern).
        fills = set(
            page.locator("path.region").evaluate_all("els => els.map(e => e.getAttribute('fill'))")
        )
        assert fills <= {*colours, "url(#cue-hatch)", "url(#cue-dots)"}, (theme, fills)
        assert len(fills) >= (1 if theme == "adapted" else 2)
        if theme == "adapted":
            counted = [c for c in table_rows(page).values() if number(c[3], lang) is not None]
            assert page.locator("path.count-symbol").count() == len(counted) > 0
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"theme-{theme}-{lang}-{db.backend}.png"))
    # Themes never share a legend: each replaces the previous one.
    assert len({tuple(colours) for colours in seen_legends}) == len(THEMES)
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_centres_by_status_operating_columns_and_centres_not_on_the_map(
    db: Database, browser: Browser, base_url: str, lang: Lang
) -> None:
    centres = queries.centres_frame(db.engine)
    page, report = open_page(browser, f"{base_url}/map?lang={lang}")
    assert report.console_errors == [] and report.page_errors == []
    rows = table_rows(page)
    for code, cells in rows.items():
        mine = centres[(centres["iso_code"] == code) & (centres["status"] == "operating")]
        rehab = int((mine["kind"] == "rehab_center").sum())
        autism = int((mine["kind"] == "autism_center").sum())
        assert number(cells[9], lang) == rehab and number(cells[10], lang) == autism, code
    # Akmola has only an unbuilt rehabilitation centre: it is not counted as served.
    akmola = rows["KZ-11"][9]
    assert number(akmola, lang) == 0 and t("status_under_construction", lang) in akmola
    without = page.locator('#without-operating li[data-kind="rehab_center"]').inner_text()
    assert get_region("KZ-11").name(lang) in without
    unplaced = centres[centres.geometry.isna() | centres.geometry.is_empty]
    listed = page.locator("#unplaced-centres").inner_text()
    assert len(unplaced) > 0
    for name in unplaced["name"]:
        assert str(name) in listed
    assert page.locator("#centre-legend li[data-status]").count() == 6
    page.context.close()


def test_embed_is_chrome_less_and_the_map_offers_embed_codes(
    browser: Browser, base_url: str
) -> None:
    page, report = open_page(browser, f"{base_url}/embed?lang=en&year=2025&layers=regions")
    assert report.console_errors == [] and report.external_requests == []
    assert page.locator("path.region").count() == 20
    assert page.locator(".page-header, aside, #data-table:visible").count() == 0
    assert page.locator("h1").count() == 1  # the embed's own title
    assert "OpenStreetMap contributors" in page.locator(".leaflet-control-attribution").inner_text()
    page.context.close()
    page, _ = open_page(browser, f"{base_url}/map?lang=ru&year=2025")
    iframe = page.locator("#embed-iframe").input_value()
    assert iframe.startswith(
        f'<iframe src="{base_url}/embed?view=latest&year=2025&lang=ru&theme=share&layers='
    )
    tiles = page.locator("#embed-tiles").input_value()
    assert tiles == (
        f"{base_url}/tiles/accessibility/{{z}}/{{x}}/{{y}}.png?view=latest&year=2025&lang=ru"
    )
    image_url = page.locator("#embed-image").input_value()
    response = page.request.get(image_url)
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    page.context.close()


def test_html_pages_send_security_headers(db: Database) -> None:
    with TestClient(create_app(db.settings)) as client:
        page = client.get("/map")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy and "unsafe-eval" not in policy
        assert "frame-ancestors 'self'" in policy
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors *" in client.get("/embed").headers["content-security-policy"]
        assert "content-security-policy" not in client.get("/ogc/collections").headers


SUMMARY_2025 = {
    "en": "Of the 2 regions with a published share, none has reached 80%; for 18 the share is "
    "unknown",
    "ru": "Из 2 регионов с опубликованной долей ни один не достиг 80%; для 18 доля неизвестна",
    "kk": "Үлесі жарияланған 2 өңірдің ешқайсысы 80%-ға жетпеді; 18 өңірдің үлесі белгісіз",
}


@pytest.mark.parametrize("lang", LANGS)
def test_latest_known_view_is_the_default_and_claims_no_more_than_the_data(
    browser: Browser, base_url: str, lang: str
) -> None:
    page, report = open_page(browser, f"{base_url}/map?lang={lang}&year=2026")
    assert report.console_errors == [] and report.page_errors == []
    # The view is always in the URL (a link never drifts when new data arrive).
    assert "view=latest" in location(page) and "year=2026" in location(page)
    rows = table_rows(page)
    kyzylorda = rows["KZ-43"]
    assert number(kyzylorda[2], lang) == 66.7
    assert kyzylorda[7] == "2025-12-05"
    summary = page.locator("#summary").inner_text()
    with_share = sum(1 for cells in rows.values() if number(cells[2], lang) is not None)
    assert with_share == 2  # the seeded data: Kyzylorda and Almaty city
    assert SUMMARY_2025[lang] in summary
    assert t("national_latest", lang, figure="")[:-1].strip() in summary  # type: ignore[arg-type]
    # Dates that are only a year, or inferred, say so (Jambyl 2024; the ministry's 2026-04-30).
    assert rows["KZ-31"][7] == t("date_year", lang, date="2024")  # type: ignore[arg-type]
    ministry = t("date_inferred", lang, date="2026-04-30")  # type: ignore[arg-type]
    assert ministry in page.locator("#data-table thead").inner_text()
    # Changes say since when; a strict year has no figures from other years.
    assert t("since", lang, date="")[:3].strip() in " ".join(  # type: ignore[arg-type]
        cells[6] for cells in rows.values() if cells[6] != "—"
    )
    # The progress chart: accessible SVG in the page language, with a table of its points.
    for key in ("share", "count"):
        chart = page.locator(f"svg#chart-{key}")
        assert chart.get_attribute("role") == "img"
        assert chart.locator("title").first.text_content() == t(f"chart_{key}_title", lang)  # type: ignore[arg-type]
        points = chart.locator("circle.point").count()
        assert points > 0
        assert page.locator(f'table[data-chart="{key}"] tbody tr').count() == points
    assert "2026-" in page.locator("#pace-today").inner_text()
    page.context.close()
    strict, _ = open_page(browser, f"{base_url}/map?lang={lang}&view=year&year=2026")
    strict_rows = table_rows(strict)
    assert number(strict_rows["KZ-43"][2], lang) is None
    assert "view=year" in location(strict)
    strict.context.close()


MINISTRY = {
    "KZ-33": "leader",
    "KZ-27": "leader",
    "KZ-19": "leader",
    "KZ-47": "laggard",
    "KZ-62": "laggard",
}
WEST_KAZAKHSTAN_HELD = {
    "en": "1,182 adapted (2025-08-04)",
    "ru": "1 182 адаптировано (2025-08-04)",
    "kk": "1 182 бейімделген (2025-08-04)",
}


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize("lang", LANGS)
def test_the_ministrys_leaders_and_laggards_are_marked_on_the_map(
    db: Database, browser: Browser, base_url: str, lang: Lang
) -> None:
    when = t("season_inferred", lang, season=t("season_spring", lang, year=2026))
    for path in ("map", "embed"):
        page, report = open_page(
            browser, f"{base_url}/{path}?lang={lang}", viewport={"width": 1400, "height": 1000}
        )
        assert report.console_errors == [] and report.page_errors == []
        labels = page.locator(".ministry-label").all_inner_texts()
        assert len(labels) == 5
        assert page.locator("path.ministry-outline").count() == 5
        for code, standing in MINISTRY.items():
            symbol = "▲" if standing == "leader" else "▼"
            named = f"{symbol} {t('ministry_' + standing, lang)}"
            mark = t("ministry_mark", lang, standing=named, when=when)
            assert f"{get_region(code).name(lang)}\n{mark}" in labels
            # The accessible name of the region's shape carries the mark and the data beside it.
            accessible = page.locator(f"path.region-{code}").get_attribute("aria-label") or ""
            assert mark in accessible
            assert t("ministry_data", lang, held="") in accessible
        if path == "map":
            marks = plain(" ".join(page.locator("#ministry-marks li").all_inner_texts()))
            assert WEST_KAZAKHSTAN_HELD[lang] in marks
            button = page.locator('.region-button[data-iso="KZ-62"]')
            assert when in (button.get_attribute("aria-label") or "")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"ministry-{path}-{lang}-{db.backend}.png"))
        page.context.close()
