"""The site's plain pages (downloads, the data API's HTML, progress, history, error pages) in real
Chromium, in kk, ru and en: no axe-core violation of any impact, no sideways scroll at 320 px, no
English interface string in the Kazakh and Russian pages, and browsers' error pages."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Page, expect

from api.app import create_app
from geo.catalogue import messages
from geo.definitions import LANGS, Lang
from geo.features import COLLECTIONS
from geo.i18n_site import field_name, ts
from geo.upload_text import FORM_TEXT
from tests.chromium import ARTIFACTS, open_page, run_axe
from tests.conftest import Database

# Reached as a browser reaches them: no f=html, the HTML comes from the browser's Accept header.
PAGES = [
    "/downloads",
    "/ogc",
    "/ogc/conformance",
    "/ogc/collections",
    "/ogc/collections/regions",
    "/ogc/collections/rehab-centers/items?limit=5&offset=5",
    "/ogc/collections/rehab-centers/items/23",
    "/stats/progress",
    "/stats/progress?year=2025",
    "/admin/history",
    "/map?year=2030",
    "/no/such/page",
]
# Checked for axe and reflow too, though its strings and layout are the upload form's own.
OTHER_PAGES = ["/admin/upload"]


def with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def artifact_name(path: str, lang: str, width: int) -> str:
    return re.sub(r"[^a-z0-9]+", "-", f"site{path}-{lang}-{width}".lower()).strip("-") + ".png"


@pytest.mark.parametrize("lang", LANGS)
def test_pages_pass_axe_and_reflow_at_320_px(
    db: Database, browser: Browser, base_url: str, lang: Lang
) -> None:
    problems: dict[str, object] = {}
    for path in PAGES + OTHER_PAGES:
        url = f"{base_url}{with_lang(path, lang)}"
        page, report = open_page(browser, url)
        assert page.locator("html").get_attribute("lang") == lang, path
        violations = [
            f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}"
            for v in run_axe(page)
        ]
        if violations or report.page_errors or report.external_requests:
            problems[f"axe {path}"] = (violations, report.page_errors, report.external_requests)
        page.context.close()
        narrow, _ = open_page(browser, url, viewport={"width": 320, "height": 700})
        width = narrow.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems[f"320 px {path}"] = width
        if db.backend == "spatialite":
            ARTIFACTS.mkdir(exist_ok=True)
            narrow.screenshot(path=str(ARTIFACTS / artifact_name(path, lang, 320)), full_page=True)
        narrow.context.close()
    assert problems == {}


# The interface text of a page: every text node and accessible label, except data shown
# verbatim from the sources (.datum), code, and text marked as another language (lang=…).
INTERFACE_TEXT = """() => {
  const skip = (el) => el.closest('.datum, code, script, style, [lang]:not(html)');
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!skip(node.parentElement) && node.textContent.trim()) out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    if (skip(el)) continue;
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      if (el.hasAttribute(name)) out.push(el.getAttribute(name));
    }
  }
  return out;
}"""


# The catalogue's namespaces these pages draw on: the map's (ui, claims, map) and the site's. The
# upload checker's are not shown here, and some would match a parameter quoted in a text (its
# "revision {id}" matches the history page's "revision parameter").
PAGE_NAMESPACES = ("ui", "claims", "map", "site", "field")


def english_patterns() -> dict[str, re.Pattern[str]]:
    """Each English message of the catalogue that its Russian or Kazakh translation changes, as a
    whole-word pattern keyed by msgctxt; {placeholders} match anything."""
    patterns = {}
    for context, texts in messages().items():
        english = texts["en"]
        parts = [re.escape(part) for part in re.split(r"\{[^}]*\}", english)]
        if (
            context.partition(":")[0] not in PAGE_NAMESPACES
            or english in (texts["ru"], texts["kk"])
            or not re.search("[A-Za-z]", "".join(parts))  # nothing but placeholders
        ):
            continue
        patterns[context] = re.compile(r"(?<!\w)" + ".+?".join(parts) + r"(?!\w)")
    return patterns


def english_in(page: Page, patterns: dict[str, re.Pattern[str]]) -> dict[str, str]:
    found = {}
    for text in page.evaluate(INTERFACE_TEXT):
        for key, pattern in patterns.items():
            if pattern.search(text):
                found[key] = text[:80]
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_interface_string_in_kazakh_and_russian(
    browser: Browser, base_url: str, lang: str
) -> None:
    patterns = english_patterns()
    found = {}
    for path in PAGES:
        page, _ = open_page(browser, f"{base_url}{with_lang(path, lang)}")
        found.update({f"{path}: {key}": text for key, text in english_in(page, patterns).items()})
        page.context.close()
    assert found == {}


def test_the_english_check_finds_english(browser: Browser) -> None:
    """The check above is not blind: the English page trips it on its own strings."""
    # The module's browser, not a second Playwright: two sync Playwrights in one thread fail
    # ("Sync API inside the asyncio loop") whenever the fixture's is already running.
    page = browser.new_page()
    page.set_content(
        f"<html lang='ru'><body><h1>{ts('next_page', 'en')}</h1>"
        f"<p class='datum'>{ts('previous_page', 'en')}</p></body></html>"
    )
    found = english_in(page, english_patterns())
    page.close()
    assert set(found) == {"site:next_page"}


def test_a_browser_gets_an_error_page_with_a_way_back(browser: Browser, base_url: str) -> None:
    page, _report = open_page(
        browser, f"{base_url}/map?year=2030", extra_http_headers={"Accept-Language": "kk"}
    )
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("h1").inner_text() == ts("error_title_404", "kk")
    main = page.locator("main").inner_text()
    assert "2030" in main and "2026" in main  # the year asked for and the years with data
    with page.expect_navigation():
        page.get_by_role("link", name=ts("back_to_map", "kk")).click()
    assert "/map?lang=kk" in page.url and page.locator("path.region").count() == 20
    page.context.close()
    page, _ = open_page(
        browser, f"{base_url}/map?lang=de", extra_http_headers={"Accept-Language": "ru"}
    )
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "«de»" in page.locator("main").inner_text()
    page.context.close()


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/map?year=2030", 404, ["2030", "2023"]),
        ("/map?lang=de", 400, ["de", "kk, ru, en"]),
        ("/map?region=XYZ", 400, ["XYZ"]),
        ("/nowhere", 404, ["/nowhere"]),
        ("/ogc/collections/regions/items?limit=0", 400, ["limit", "0"]),
    ],
)
def test_error_pages_for_browsers_json_for_clients(
    db: Database, url: str, status: int, words: list[str]
) -> None:
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    with TestClient(create_app(db.settings)) as client:
        page = client.get(url, headers={"Accept": browser_accept, "Accept-Language": "ru"})
        assert page.status_code == status
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["content-language"] == "ru"
        assert ts("back_to_map", "ru") in page.text
        main = page.text.split("<main", 1)[1]
        assert all(word in main for word in words), main[:600]
        for accept in ("*/*", "application/json", "application/json, text/html;q=0.5"):
            answer = client.get(url, headers={"Accept": accept})
            assert answer.status_code == status
            assert set(answer.json()) == {"code", "description"}


def test_items_pages_link_through_every_record(db: Database) -> None:
    """Following 'next' from the first page reaches every record once; 'previous' goes back."""
    with TestClient(create_app(db.settings)) as client:
        matched = client.get("/ogc/collections/rehab-centers/items?limit=1").json()
        total = matched["numberMatched"]
        url: str | None = "/ogc/collections/rehab-centers/items?f=html&limit=7&lang=en"
        seen: list[str] = []
        pages = 0
        while url is not None:
            html = client.get(url).text
            pages += 1
            seen += re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html)
            links = re.findall(r'<a href="([^"]+)" rel="next">', html)
            if pages > 1:
                assert 'rel="prev"' in html
            url = links[0].replace("&amp;", "&") if links else None
        assert len(seen) == len(set(seen)) == total and pages == -(-total // 7)


def test_language_switch_keeps_the_other_parameters(db: Database) -> None:
    with TestClient(create_app(db.settings)) as client:
        html = client.get(
            "/ogc/collections/accessibility/items?f=html&limit=3&offset=3&iso_code=KZ-75&lang=en"
        ).text
    switch = html.split(f'aria-label="{ts("language_switch", "en")}"', 1)[1].split("</nav>")[0]
    hrefs = re.findall(r'href="([^"]+)" lang="(\w+)"', switch)
    assert [lang for _, lang in hrefs] == list(LANGS)
    for href, lang in hrefs:
        assert href.replace("&amp;", "&") == (
            "/ogc/collections/accessibility/items?f=html&limit=3&offset=3&iso_code=KZ-75"
            f"&lang={lang}"
        )


def test_downloads_show_sizes_as_people_read_them(db: Database) -> None:
    with TestClient(create_app(db.settings)) as client:
        listing = client.get("/downloads?f=json").json()["files"]
        pages = {lang: client.get(f"/downloads?lang={lang}").text for lang in LANGS}
    largest = max(listing, key=lambda item: item["bytes"])
    assert largest["bytes"] > 1_000_000  # the full-resolution boundaries
    megabytes = f"{largest['bytes'] / 1_000_000:.1f}"
    assert f"{megabytes}\u00a0MB" in pages["en"]
    assert f"{megabytes.replace('.', ',')}\u00a0МБ" in pages["ru"]
    assert all(f">{largest['bytes']:,}<" not in page for page in pages.values())
    assert "OpenStreetMap contributors" in pages["kk"]


def test_every_field_of_every_collection_has_a_heading_in_each_language(db: Database) -> None:
    """Table headings never fall back to the raw field code (objects_total_as_of_precision)."""
    fields: set[str] = set()
    with TestClient(create_app(db.settings)) as client:
        for collection in COLLECTIONS:
            schema = client.get(f"/ogc/collections/{collection}/schema").json()
            # A feature's schema: its "properties" member is itself an object of properties.
            fields |= set(schema["properties"]["properties"]["properties"])
    assert {"objects_total_as_of_precision", "as_of_quality"} <= fields
    for lang in LANGS:
        unnamed = sorted(name for name in fields if field_name(name, lang) == name)
        assert unnamed == [], lang


@pytest.mark.parametrize("lang", LANGS)
def test_upload_page_has_the_site_header_and_answers_in_its_language(
    browser: Browser, base_url: str, lang: Lang
) -> None:
    """/admin/upload in the site's layout (navigation, language switch), and a refused check
    (a wrong token) told in the page language, not the API's English."""
    page, report = open_page(browser, f"{base_url}/admin/upload?lang={lang}")
    assert report.page_errors == []
    current = page.locator('header nav a[aria-current="page"]')
    assert current.inner_text() == ts("nav_upload", lang)
    assert page.locator('header nav a[hreflang][aria-current="true"]').get_attribute("lang") == lang
    assert page.locator("h1").count() == 1
    page.locator("#token").fill("not-a-token")
    page.locator("#file").set_input_files(
        files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": b"region\nKZ-55\n"}]
    )
    page.locator("#check").click()
    expect(page.locator("#message")).to_have_text(FORM_TEXT["error_401"][lang])
    if lang != "en":
        patterns = english_patterns()
        for key, text in FORM_TEXT.items():
            if text["en"] != text[lang]:
                parts = [re.escape(part) for part in re.split(r"\{[^}]*\}", text["en"])]
                patterns[f"form.{key}"] = re.compile(r"(?<!\w)" + ".+?".join(parts) + r"(?!\w)")
        assert english_in(page, patterns) == {}
    page.context.close()
