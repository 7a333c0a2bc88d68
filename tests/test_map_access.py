"""The map for everyone, in real Chromium: keyboard and screen-reader names, phones and 320 px,
permalinks through language and year switches, axe on /map and /embed, and no English left in
the kk and ru pages."""

from __future__ import annotations

import csv
import re
from itertools import combinations
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from api.settings import PROJECT_ROOT
from geo.catalogue import messages
from geo.definitions import Lang
from geo.i18n import t
from geo.name_language import written_in
from geo.regions import REGIONS
from tests.chromium import ARTIFACTS, open_page, run_axe
from tests.conftest import Database
from tests.seed_values import seed_citations
from tests.test_map_page import MINISTRY, location, number, table_rows

LANGS: tuple[Lang, ...] = ("kk", "ru", "en")
CODES = {region.iso_code for region in REGIONS}
DESKTOP = {"width": 1400, "height": 1000}
# The map's Leaflet instance: Folium declares it as a global `map_<id>`.
LEAFLET_MAP = (
    "Object.keys(window).map(k => window[k]).find(v => v instanceof L.Map && v.getContainer)"
)


def active(page: Page) -> dict[str, Any]:
    """What has focus: its tag, id, classes, region code, accessible name attribute and link
    target (two skip links differ only by it)."""
    found: dict[str, Any] = page.evaluate(
        """() => { const e = document.activeElement;
        return { tag: e.tagName, id: e.id, cls: String(e.getAttribute('class') || ''),
                 iso: e.dataset ? e.dataset.iso || null : null,
                 label: e.getAttribute('aria-label') || '',
                 href: e.getAttribute('href') }; }"""
    )
    return found


def tab_until_region(page: Page, limit: int = 40) -> int:
    for stops in range(1, limit + 1):
        page.keyboard.press("Tab")
        if "region" in active(page)["cls"].split():
            return stops
    raise AssertionError(f"no region reached in {limit} Tab stops")


def expected_data_standing(cells: list[str], lang: Lang, name: str, label: str) -> None:
    """The data's standing, with its basis, or why there is none."""
    standing = cells[11]
    if standing != "—":
        assert standing.split(" (")[0] and name in label
        basis = standing[standing.index("(") :]
        assert basis.strip("()") in label, (name, label)
    elif number(cells[2], lang) is not None:
        assert t("a11y_data_neither", lang, n="")[:12] in label, label
    else:
        assert t("a11y_data_unranked", lang) in label, label


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_reaches_every_region_and_hears_figure_date_and_standing(
    browser: Browser, base_url: str, lang: Lang
) -> None:
    page, report = open_page(browser, f"{base_url}/map?lang={lang}", viewport=DESKTOP)
    assert report.console_errors == [] and report.page_errors == []
    rows = table_rows(page)
    # The map is reached early: header controls, then the map (one stop for all regions).
    assert tab_until_region(page) <= 12
    names: dict[str, str] = {}
    for _ in range(len(CODES)):
        now = active(page)
        names[now["iso"]] = now["label"]
        page.keyboard.press("ArrowRight")
    assert set(names) == CODES
    # After the regions come the centres (test below); ArrowLeft comes back to the last region.
    assert "centre-focus" in active(page)["cls"].split()
    page.keyboard.press("ArrowLeft")
    assert active(page)["iso"] == list(names)[-1]
    page.keyboard.press("Home")
    when = t("season_inferred", lang, season=t("season_spring", lang, year=2026))
    for code, label in names.items():
        cells = rows[code]
        name = cells[0]
        assert label.startswith(f"{name}. "), label
        share, adapted, registered = (number(cells[i], lang) for i in (2, 3, 4))
        if share is not None:
            assert cells[2].split("\n")[0] + " %" in label, label
        elif adapted is not None:
            assert cells[3] in label and t("a11y_count_adapted", lang, count="", date="")[:8] in (
                label
            )
        elif registered is not None:
            assert cells[4] in label, label
        else:
            assert t("no_data", lang) in label, label
        # The date as the table prints it: inferred, month- and year-only dates say so.
        if cells[7] != "—":
            assert cells[7] in label, (code, cells[7], label)
        expected_data_standing(cells, lang, name, label)
        if code in MINISTRY:
            symbol = "▲" if MINISTRY[code] == "leader" else "▼"
            named = f"{symbol} {t('ministry_' + MINISTRY[code], lang)}"
            assert t("ministry_mark", lang, standing=named, when=when) in label
        else:
            assert t("not_named_by_ministry", lang) in label
    # Enter opens the region's panel, which takes focus; Escape closes it and returns focus.
    first = active(page)["iso"]
    page.keyboard.press("Enter")
    panel = page.locator("#region-panel")
    expect(panel).to_be_visible()
    assert active(page)["id"] == "region-panel"
    assert page.locator("#region-panel-title").inner_text() == rows[first][0]
    assert f"region={first}" in location(page)
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert active(page)["iso"] == first
    assert "region=" not in location(page)
    # Tab leaves the map: markers and the other regions are no Tab stops.
    page.keyboard.press("Tab")
    after = active(page)
    assert "region" not in after["cls"].split() and "leaflet-marker-icon" not in after["cls"]
    page.context.close()


CENTRE_KINDS = {"rehab": "a11y_centre_rehab", "autism": "a11y_centre_autism"}


def plural_form(lang: Lang, n: int) -> str:
    """CLDR's cardinal category for whole numbers (one, few, many; "other" counts as many)."""
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        return "few" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "many"
    return "one" if n == 1 else "many"


def centre_names(page: Page) -> list[str]:
    """Every centre on the map, by the accessible name the page script was given."""
    names: list[str] = page.evaluate(
        """() => Object.keys(window).map(k => window[k])
             .filter(v => v && v.centreRows).flatMap(v => v.centreRows.map(r => r[12]))"""
    )
    return names


@pytest.mark.parametrize("lang", LANGS)
def test_arrow_keys_reach_every_centre_and_hear_name_kind_status_and_region(
    browser: Browser, base_url: str, lang: Lang
) -> None:
    page, report = open_page(browser, f"{base_url}/map?lang={lang}", viewport=DESKTOP)
    assert report.console_errors == [] and report.page_errors == []
    expected = centre_names(page)
    assert len(expected) > 5
    tab_until_region(page)
    page.keyboard.press("End")  # the ring's last stop is the last centre
    heard: list[str] = []
    for _ in range(len(expected)):
        now = active(page)
        assert "centre-focus" in now["cls"].split() and now["iso"] is None, now
        heard.append(now["label"])
        page.keyboard.press("ArrowLeft")
    assert active(page)["iso"] is not None  # past the first centre: back among the regions
    assert sorted(heard) == sorted(expected)
    region_names = set(table_rows(page)[code][0] for code in CODES)
    statuses = {t(f"status_{s}", lang) for s in ("operating", "under_construction", "planned")}
    kinds = [
        t(key, lang, name="", status="", region="").split(";")[0] for key in CENTRE_KINDS.values()
    ]
    for label in heard:
        name_kind, status, region = label.rsplit("; ", 2)
        assert any(name_kind.endswith(kind) and name_kind != kind for kind in kinds), label
        assert status in statuses and region in region_names, label
    # Enter opens the centre's details in the panel, which takes focus; Escape returns.
    page.keyboard.press("End")
    last = active(page)["label"]
    page.keyboard.press("Enter")
    panel = page.locator("#region-panel")
    expect(panel).to_be_visible()
    assert active(page)["id"] == "region-panel"
    assert last.startswith(page.locator("#region-panel-title").inner_text() + " — ")
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    assert active(page)["label"] == last
    # Clusters are named by count and kind, in the page language's plural.
    cluster_names = page.locator(".centre-cluster span[role=img]").evaluate_all(
        "spans => spans.map(s => s.getAttribute('aria-label'))"
    )
    assert cluster_names
    for name in cluster_names:
        count = int(name.split(" ")[0])
        form = plural_form(lang, count)
        assert any(name == t(f"cluster_{kind}_{form}", lang, n=count) for kind in CENTRE_KINDS)
    page.context.close()


def tab_cycle(page: Page) -> list[dict[str, Any]]:
    stops: list[dict[str, Any]] = []
    for _ in range(300):
        page.keyboard.press("Tab")
        now = active(page)
        if now["tag"] == "BODY":
            continue
        if stops and now == stops[0]:
            return stops
        stops.append(now)
    raise AssertionError("the Tab cycle never came round")


def test_the_map_is_one_tab_stop(browser: Browser, base_url: str) -> None:
    page, _ = open_page(browser, f"{base_url}/map?lang=en", viewport=DESKTOP)
    stops = tab_cycle(page)
    regions = [s for s in stops if "region" in s["cls"].split()]
    markers = [s for s in stops if "leaflet-marker-icon" in s["cls"]]
    assert len(regions) == 1 and markers == []
    # The table's sort headings are one stop too (they were 14).
    assert len([s for s in stops if "sort" in s["cls"].split()]) == 1
    region_list = next(i for i, s in enumerate(stops) if "region-button" in s["cls"])
    assert region_list < 25  # the region list within 25 stops of the top (it was stop 61)
    assert len(stops) <= 60  # one full cycle was 112 stops before, 71 with 14 sort stops
    # Clusters drawn anew after zooming stay out of the Tab order too.
    page.evaluate(f"() => ({LEAFLET_MAP}).setZoom(7, {{animate: false}})")
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-marker-icon').length > 0"
        " && document.querySelectorAll('.leaflet-marker-icon[tabindex=\"0\"]').length === 0"
        f" && ({LEAFLET_MAP}).getZoom() === 7",
        timeout=10_000,
    )
    (ARTIFACTS / "tab-stops.txt").parent.mkdir(exist_ok=True)
    (ARTIFACTS / "tab-stops.txt").write_text(
        "\n".join(
            f"{i + 1}: {s['tag']} {s['cls'][:40]} {s['label'][:60]}" for i, s in enumerate(stops)
        )
    )
    page.context.close()


def tabs_after_skip_link(page: Page, position: int, limit: int) -> list[dict[str, Any]]:
    """Tab to the skip link at `position` (1-based), follow it, then the stops that come next."""
    for _ in range(position):
        page.keyboard.press("Tab")
    target = active(page)["href"]
    page.keyboard.press("Enter")
    # Following a link is a navigation, done after the key event: Tab only once it has moved.
    page.wait_for_function("(target) => window.location.hash === target", arg=target)
    after: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        after.append(active(page))
    return after


def test_every_control_within_25_tab_stops_by_the_skip_links(
    browser: Browser, base_url: str
) -> None:
    """From the top of /map every control is at most 25 Tab stops away, counting a skip link's
    Tab stops plus those after following it (the region list and the table's sort buttons)."""
    page, _ = open_page(browser, f"{base_url}/map?lang=en", viewport=DESKTOP)
    stops = tab_cycle(page)
    page.context.close()
    farthest = {str(stop): i + 1 for i, stop in enumerate(stops)}
    skips = [i + 1 for i, stop in enumerate(stops) if "skip-link" in stop["cls"].split()]
    assert len(skips) == 2 and skips[-1] <= 2  # the region list's and the table's, first
    for position in skips:
        page, _ = open_page(browser, f"{base_url}/map?lang=en", viewport=DESKTOP)
        for n, stop in enumerate(tabs_after_skip_link(page, position, 25 - position), 1):
            if stop["tag"] != "BODY":  # past the page's last control, before the cycle restarts
                farthest[str(stop)] = min(farthest[str(stop)], position + n)
        page.context.close()
    beyond = [stop for stop, distance in farthest.items() if distance > 25]
    assert beyond == [], beyond
    assert any("region-button" in s["cls"] for s in stops) and any(
        "sort" in s["cls"] for s in stops
    )


def test_the_table_sorts_by_keyboard_from_its_one_heading_stop(
    browser: Browser, base_url: str
) -> None:
    """From the table's skip link: one Tab reaches the headings, arrows move between them (each
    described by the keys), Enter sorts; the sorted heading keeps the stop after a reload."""
    page, _ = open_page(browser, f"{base_url}/map?lang=ru&view=year&year=2025", viewport=DESKTOP)
    stops = tab_cycle(page)
    position = next(i + 1 for i, s in enumerate(stops) if s["href"] == "#data-table")
    page.reload()
    heading = tabs_after_skip_link(page, position, 1)[0]
    assert heading["cls"] == "sort"
    described = page.evaluate(
        "() => document.getElementById(document.activeElement.getAttribute('aria-describedby'))"
        ".textContent"
    )
    assert described == t("sort_keys", "ru")
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "End", "Home", "ArrowRight", "ArrowRight"):
        page.keyboard.press(key)
    assert page.evaluate("() => document.activeElement.dataset.key") == "share_adapted"
    page.keyboard.press("Enter")
    share = page.locator("#data-table thead th").nth(2)
    expect(share).to_have_attribute("aria-sort", "ascending")
    assert page.locator("#data-table tbody tr").first.get_attribute("data-iso") == "KZ-75"
    tabbable = "#data-table thead .sort[tabindex='0']"
    assert page.locator(tabbable).count() == 1
    assert page.locator(tabbable).get_attribute("data-key") == "share_adapted"
    page.goto(location(page))
    assert page.locator(tabbable).get_attribute("data-key") == "share_adapted"
    page.context.close()


CONTROLS = (
    ".leaflet-control-zoom-in, .leaflet-control-zoom-out, .leaflet-control-layers, "
    ".leaflet-control-scale, .leaflet-control-attribution, .leaflet-popup-close-button"
)


def boxes(page: Page, selector: str) -> list[tuple[str, dict[str, float]]]:
    found: list[tuple[str, dict[str, float]]] = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
          .filter(e => e.offsetParent !== null)
          .map(e => { const r = e.getBoundingClientRect();
                      return [e.className, {x: r.left, y: r.top, w: r.width, h: r.height}]; })""",
        selector,
    )
    return found


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def assert_nothing_covers(page: Page, selector: str) -> None:
    found = boxes(page, selector)
    for (name_a, a), (name_b, b) in combinations(found, 2):
        nested = name_a.startswith("leaflet-control-zoom-") and "zoom" in name_b
        if not nested:
            assert not overlaps(a, b), (name_a, a, name_b, b)


def assert_no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths


SMALL_SCREENS = pytest.mark.parametrize(
    ("width", "height"), [(390, 844), (320, 700)], ids=["phone", "320px"]
)


def open_small(browser: Browser, url: str, width: int, height: int) -> Page:
    """The page on a touch phone of this size."""
    page, _ = open_page(
        browser, url, viewport={"width": width, "height": height}, is_mobile=True, has_touch=True
    )
    return page


@SMALL_SCREENS
def test_region_names_stay_in_view_when_the_table_scrolls_sideways(
    browser: Browser, base_url: str, width: int, height: int
) -> None:
    page = open_small(browser, f"{base_url}/map?lang=ru", width, height)
    assert_no_horizontal_scroll(page)  # the table scrolls in its own box, not the page
    seen = page.evaluate(
        """() => {
          const box = document.querySelector('.table-section');
          const wide = box.scrollWidth > box.clientWidth;
          box.scrollIntoView();
          box.scrollLeft = box.scrollWidth;
          const left = box.getBoundingClientRect().left;
          return { wide, scrolled: box.scrollLeft,
            cells: Array.from(document.querySelectorAll('#data-table tr > :first-child'))
              .slice(0, 4).map(cell => { const r = cell.getBoundingClientRect();
                const top = document.elementFromPoint(r.left + 4, r.top + r.height / 2);
                return { offset: r.left - left, shown: cell.contains(top) }; }) };
        }"""
    )
    assert seen["wide"] and seen["scrolled"] > 100, seen
    for cell in seen["cells"]:  # the heading and the first rows: at the box's left, on top
        assert 0 <= cell["offset"] <= 20 and cell["shown"], seen
    assert_no_horizontal_scroll(page)
    page.context.close()


# What covers the focused control at its centre, if anything (SVG shapes are left out: the map's
# one stop is a region's outline, whose middle may be another region).
FOCUS_COVERED = """() => { const e = document.activeElement;
  if (!(e instanceof HTMLElement) || e === document.body) return null;
  const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight)
    return 'out of view: ' + e.outerHTML.slice(0, 90);
  const top = document.elementFromPoint(x, y);
  return e.contains(top) || (top && top.contains(e)) ? null
    : (top ? top.outerHTML.slice(0, 90) : 'nothing') + ' covers ' + e.outerHTML.slice(0, 90); }"""


@SMALL_SCREENS
def test_focus_is_never_hidden_under_another_element(
    browser: Browser, base_url: str, width: int, height: int
) -> None:
    """WCAG 2.4.11: a Tab cycle forwards and back, and the sort headings by their arrow keys
    (the table scrolls sideways under its sticky first column), never leave focus covered."""
    page = open_small(browser, f"{base_url}/map?lang=ru", width, height)
    cycle = len(tab_cycle(page))
    page.keyboard.press("Shift+Tab")  # back to the last stop of the cycle
    covered = []
    for key in ["Tab"] * cycle + ["Shift+Tab"] * cycle:
        page.keyboard.press(key)
        covered.append(page.evaluate(FOCUS_COVERED))
    page.locator("#data-table thead .sort").first.focus()
    for key in ["End"] + ["ArrowLeft"] * (page.locator("#data-table thead .sort").count() - 1):
        page.keyboard.press(key)
        covered.append(page.evaluate(FOCUS_COVERED))
    assert [c for c in covered if c] == []
    page.context.close()


@pytest.mark.parametrize(
    ("width", "height"), [(390, 844), (320, 700), (1024, 768)], ids=["phone", "320px", "desktop"]
)
def test_no_control_covers_another_and_the_region_panel_comes_into_view(
    db: Database, browser: Browser, base_url: str, width: int, height: int
) -> None:
    small = width < 700
    page, report = open_page(
        browser,
        f"{base_url}/map?lang=ru",
        viewport={"width": width, "height": height},
        is_mobile=small,
        has_touch=small,
    )
    assert report.page_errors == []
    assert_no_horizontal_scroll(page)
    layers = page.locator(".leaflet-control-layers")
    expanded = "leaflet-control-layers-expanded" in (layers.get_attribute("class") or "")
    assert expanded is not small  # collapsed on small maps, open on wide ones
    assert_nothing_covers(page, CONTROLS)
    # "Show region" brings the region's panel into view and gives it focus.
    button = page.locator('.region-button[data-iso="KZ-43"]')
    button.scroll_into_view_if_needed()
    button.click()
    panel = page.locator("#region-panel")
    expect(panel).to_be_visible()
    assert active(page)["id"] == "region-panel"
    box = panel.bounding_box()
    assert box is not None and -1 <= box["y"] <= height - 96 and box["x"] >= 0
    assert box["x"] + box["width"] <= width
    # Nothing in it runs off its right edge (long derivations wrap).
    assert page.evaluate(
        "() => { const p = document.getElementById('region-panel');"
        " return p.scrollWidth <= p.clientWidth + 1; }"
    )
    assert_nothing_covers(page, CONTROLS + ", #region-panel")
    assert_no_horizontal_scroll(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"map-{width}-panel-{db.backend}.png"))
    if small:
        # Opened, the layer control still covers no other control.
        page.evaluate("() => window.scrollTo(0, 0)")
        page.locator(".leaflet-control-layers-toggle").click()
        expect(layers).to_have_class(re.compile("leaflet-control-layers-expanded"))
        assert_nothing_covers(page, CONTROLS)
        assert_no_horizontal_scroll(page)
        page.locator(".map-section").screenshot(
            path=str(ARTIFACTS / f"map-{width}-layers-{db.backend}.png")
        )
    page.context.close()


def view_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        f"""() => {{ const map = {LEAFLET_MAP}; const c = map.getCenter();
        const sorted = document.querySelector('#data-table thead th:not([aria-sort="none"])');
        return {{ zoom: map.getZoom(), lat: +c.lat.toFixed(3), lon: +c.lng.toFixed(3),
          theme: document.querySelector('input[name="theme"]:checked').value,
          view: document.getElementById('view-select').value,
          year: document.getElementById('year-select').value,
          region: document.getElementById('region-panel').hidden ? null
            : document.querySelector('.region-button[aria-pressed="true"]').dataset.iso,
          sort: sorted ? sorted.querySelector('.sort').dataset.key + ':' +
            sorted.getAttribute('aria-sort') : null,
          first: document.querySelector('#data-table tbody tr').dataset.iso }}; }}"""
    )
    return state


def test_a_shared_link_keeps_the_view_through_a_language_and_a_year_switch(
    browser: Browser, base_url: str
) -> None:
    page, report = open_page(
        browser, f"{base_url}/map?lang=en&view=year&year=2025&theme=adapted", viewport=DESKTOP
    )
    assert report.page_errors == []
    page.locator('.region-button[data-iso="KZ-43"]').click()
    share = page.locator('#data-table .sort[data-key="share_adapted"]')
    share.click()
    share.click()  # descending
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function(
        "() => new URL(location.href).searchParams.get('zoom')"
        f" === String(({LEAFLET_MAP}).getZoom())"
    )
    before = view_state(page)
    assert before["region"] == "KZ-43" and before["sort"] == "share_adapted:descending"
    shared = location(page)
    page.context.close()

    page, _ = open_page(browser, shared, viewport=DESKTOP)
    assert view_state(page) == before
    # The language switch keeps the whole view.
    with page.expect_navigation():
        page.locator('a.lang-link[hreflang="ru"]').click()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert view_state(page) == before
    # So does a year switch (only the year changes).
    page.locator("#year-select").select_option("2024")
    with page.expect_navigation():
        page.locator("#view-form button[type=submit]").click()
    after = view_state(page)
    assert after["year"] == "2024"
    for key in ("zoom", "lat", "lon", "theme", "view", "region", "sort"):
        assert after[key] == before[key], key
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_violation_of_any_impact(browser: Browser, base_url: str, lang: Lang) -> None:
    for path, viewport in (
        (f"map?lang={lang}", DESKTOP),
        (f"map?lang={lang}&region=KZ-27", {"width": 390, "height": 844}),
        (f"embed?lang={lang}", {"width": 800, "height": 500}),
        (f"embed?lang={lang}&region=KZ-43", {"width": 800, "height": 500}),
    ):
        page, report = open_page(browser, f"{base_url}/{path}", viewport=viewport)
        assert report.page_errors == [] and report.console_errors == []
        violations = run_axe(page)
        assert [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
        ] == [], path
        page.context.close()


def test_the_embed_has_a_title_legend_dates_and_fits_the_country(
    db: Database, browser: Browser, base_url: str
) -> None:
    page, report = open_page(
        browser, f"{base_url}/embed?lang=ru&layers=regions", viewport={"width": 800, "height": 500}
    )
    assert report.page_errors == [] and report.console_errors == []
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() == t("title", "ru")
    assert page.locator("#legend li").count() >= 3
    footer = page.locator("#embed-as-of").inner_text()
    assert "2025-12-05" in footer or " – " in footer
    assert page.locator("#embed-as-of a").get_attribute("href", timeout=1000) is not None
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "OpenStreetMap" in attribution and "Границы" in attribution
    # The whole country inside the map, above the attribution line.
    frame = page.locator(".folium-map").bounding_box()
    credit = page.locator(".leaflet-control-attribution").bounding_box()
    assert frame is not None and credit is not None
    shapes = boxes(page, "path.region")
    assert len(shapes) == 20
    for _, shape in shapes:
        assert (
            shape["x"] >= frame["x"] - 1
            and shape["x"] + shape["w"] <= frame["x"] + frame["width"] + 1
        )
        assert shape["y"] >= frame["y"] - 1 and shape["y"] + shape["h"] <= credit["y"] + 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"embed-800x500-{db.backend}.png"))
    page.context.close()


def english_fragments(lang: Lang) -> set[str]:
    """Pieces of the catalogue's English (between placeholders) that the page could show."""
    fragments = set()
    for strings in messages().values():
        english = strings["en"]
        if english == strings[lang]:
            continue
        for piece in re.split(r"\{[^}]*\}", english):
            piece = piece.strip(" .,:;()—-%")
            if len(piece) >= 6 and re.search(r"[A-Za-z]{3}", piece):
                fragments.add(piece)
    return fragments


def page_text(page: Page) -> str:
    text: str = page.evaluate(
        """() => [document.title, document.body.innerText].concat(
          Array.from(document.querySelectorAll('[title], [aria-label], [alt], [placeholder]'))
            .flatMap(e => ['title', 'aria-label', 'alt', 'placeholder']
              .map(a => e.getAttribute(a)).filter(Boolean))).join('\\n')"""
    )
    return text


with (PROJECT_ROOT / "seed" / "centers.csv").open(encoding="utf-8") as _seed:
    CENTRE_NAMES = sorted((row["name"] for row in csv.DictReader(_seed)), key=len, reverse=True)


CITATIONS = seed_citations()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_catalogue_string_in_the_kk_and_ru_pages(
    browser: Browser, base_url: str, lang: Lang
) -> None:
    fragments = english_fragments(lang)
    assert {"Zoom in", "Layers", "Close popup"} <= fragments
    for path in (f"map?lang={lang}&region=KZ-27", f"embed?lang={lang}&region=KZ-43"):
        page, _ = open_page(browser, f"{base_url}/{path}", viewport=DESKTOP)
        page.locator(".leaflet-control-layers-toggle").focus()
        text = page_text(page)
        # Centre names and whole citations are data, as their sources wrote them (some in
        # English): not UI strings. A citation's short label is the page's, and still checked.
        for name in (*CENTRE_NAMES, *CITATIONS):
            text = text.replace(name, "")
        words = set(re.findall(r"[^\W\d_]+", text))
        found = sorted(
            f for f in fragments if (f in text if " " in f else f in words and f[0].isupper())
        )
        assert found == [], (path, found)
        page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_centre_names_carry_the_language_they_are_written_in(
    browser: Browser, base_url: str, lang: Lang
) -> None:
    """Names the sources wrote in another language than the page's are marked with `lang`, in
    the region details, the list of centres not on the map and a centre's details."""
    page, _ = open_page(browser, f"{base_url}/map?lang={lang}", viewport=DESKTOP)
    marked = page.evaluate(
        """() => Array.from(document.querySelectorAll(
              '#region-extras .region-centres li, #unplaced-centres li'))
            .map(li => [li.textContent, Array.from(li.querySelectorAll('[lang]'))
              .map(e => [e.getAttribute('lang'), e.textContent])])"""
    )
    seen = 0
    for text, spans in marked:
        for name in CENTRE_NAMES:
            if name not in text:
                continue
            text = text.replace(name, "")
            written = written_in(name)
            if written is not None and written != lang:
                assert [written, name] in spans, (name, spans)
                seen += 1
        assert all(language != lang for language, _ in spans), spans
    assert seen > 0
    # A centre's details (its popup, and the panel the keyboard opens) mark its name the same.
    titles = page.evaluate(
        """() => Object.values(window).filter(v => v instanceof L.MarkerClusterGroup)
            .flatMap(c => c.centreRows.map(row => {
              const title = c.centreDetails(row).querySelector('h3');
              return [title.textContent, title.getAttribute('lang')]; }))"""
    )
    assert titles and all(language == written_in(name) for name, language in titles), titles
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_region_panel_gives_the_pace_on_one_base_only(
    browser: Browser, base_url: str, lang: Lang
) -> None:
    page, _ = open_page(browser, f"{base_url}/map?lang={lang}&region=KZ-27", viewport=DESKTOP)
    panel = page.locator("#region-panel")
    expect(panel).to_be_visible()
    paces = panel.locator(".region-pace li").all_inner_texts()
    # West Kazakhstan: 2023-05-15 to 2023-07-01 is one base; 2023-07-01 to 2025-08-04 joins the
    # earlier lists to the map's count and is never given as a pace.
    assert any("2023-05-15" in p and "2023-07-01" in p for p in paces), paces
    assert not any("2025-08-04" in p for p in paces), paces
    page.context.close()
    page, _ = open_page(browser, f"{base_url}/map?lang={lang}&region=KZ-59", viewport=DESKTOP)
    paces = page.locator("#region-panel .region-pace li").all_inner_texts()
    assert paces[0] == t("pace_unknown", lang)
    page.context.close()


def test_reduced_motion_is_honoured(browser: Browser, base_url: str) -> None:
    animated = (
        f"() => {{ const o = ({LEAFLET_MAP}).options;"
        " return [o.zoomAnimation, o.fadeAnimation, o.markerZoomAnimation]; }"
    )
    page, _ = open_page(browser, f"{base_url}/map?lang=en", reduced_motion="reduce")
    assert page.evaluate(animated) == [False, False, False]
    clusters = (
        "() => Object.values(window).filter(v => v instanceof L.MarkerClusterGroup)"
        ".map(c => c.options.animate)"
    )
    assert page.evaluate(clusters) == [False, False]
    page.context.close()
    page, _ = open_page(browser, f"{base_url}/map?lang=en", reduced_motion="no-preference")
    assert page.evaluate(animated) == [True, True, True]
    page.context.close()


@pytest.mark.parametrize("view", ["latest", "year"])
def test_the_ways_out_answer(browser: Browser, base_url: str, view: str) -> None:
    """Share, downloads of this view, the downloads page, the report image and the embed code."""
    page, _ = open_page(browser, f"{base_url}/map?lang=ru&view={view}&year=2025", viewport=DESKTOP)
    expected = {
        "json": "application/geo+json",
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "gpkg": "application/geopackage+sqlite3",
    }
    links = page.locator("a.download")
    assert links.count() == len(expected)
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href") or ""
        # The regions as this view shows them, not every year's rows.
        assert href.startswith(f"/ogc/collections/regions/items?view={view}&year=2025&"), href
        response = page.request.get(base_url + href)
        fmt = links.nth(i).get_attribute("data-format") or ""
        assert response.status == 200, href
        assert response.headers["content-type"].startswith(expected[fmt]), href
    assert page.request.get(base_url + "/downloads").status == 200
    image = page.request.get(base_url + (page.locator("#report-image").get_attribute("href") or ""))
    assert image.status == 200 and image.headers["content-type"] == "image/png"
    page.locator("#embed-menu summary").click()
    assert page.locator("#permalink").input_value() == location(page)
    assert page.locator("#embed-iframe").input_value().startswith(f'<iframe src="{base_url}/embed?')
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#copy-link").click()
    expect(page.locator("#share-status")).to_have_text(t("link_copied", "ru"))
    assert page.evaluate("() => navigator.clipboard.readText()") == location(page)
    page.context.close()
