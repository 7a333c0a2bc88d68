"""The map's labels at first glance, in real Chromium (issue 11): the ministry's leaders and
laggards and the data's standing never cover each other or a centre icon or cluster, on the
desktop page, in an 800×500 embed and on a phone, after zooming and resizing too; a label with no
room is a mark named by its full text, or hidden with its word still in the region's accessible
name and the side lists."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from geo.definitions import Lang
from tests.chromium import ARTIFACTS, open_page
from tests.test_map_access import LEAFLET_MAP
from tests.test_map_page import MINISTRY

LANGS: tuple[Lang, ...] = ("kk", "ru", "en")
DESKTOP = {"width": 1280, "height": 800}
EMBED = {"width": 800, "height": 500}
PHONE = {"width": 390, "height": 844}
CASES = [
    *((f"map?lang={lang}", DESKTOP) for lang in LANGS),
    *((f"embed?lang={lang}", EMBED) for lang in LANGS),
    *((f"map?lang={lang}", PHONE) for lang in LANGS),
]
# What the page shows on its map, read in the page: each label with its state and rectangles,
# every centre icon and cluster (the icon and its badge), the map's frame, the regions' accessible
# names, the side lists' entries and the data's standing from the table.
SNAPSHOT = """() => {
  const rect = e => { const r = e.getBoundingClientRect();
                      return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const seen = e => e.checkVisibility({visibilityProperty: true}) && e.getClientRects().length > 0;
  const frame = document.querySelector('.folium-map');
  return {
    frame: rect(frame),
    labels: Array.from(document.querySelectorAll('.label-box')).map(box => {
      const full = box.querySelector('.standing-label, .ministry-label');
      const mark = box.querySelector('.label-mark');
      return {iso: box.dataset.iso, kind: box.dataset.kind, text: full.textContent,
              full: seen(full) ? rect(full) : null, mark: seen(mark) ? rect(mark) : null,
              name: mark.getAttribute('aria-label'), title: mark.getAttribute('title'),
              role: mark.getAttribute('role')};
    }),
    icons: Array.from(document.querySelectorAll('.leaflet-marker-icon.centre-cluster,'
        + ' .centre-cluster > span, .leaflet-marker-icon.centre-marker')).filter(seen).map(rect),
    regions: Object.fromEntries(Array.from(document.querySelectorAll('path.region[data-iso]'))
      .map(e => [e.dataset.iso, e.getAttribute('aria-label') || ''])),
    listed: Array.from(document.querySelectorAll(
        '#ministry-marks li[data-iso], #leaders li[data-iso], #laggards li[data-iso]'))
      .map(e => e.closest('ul').id + ':' + e.dataset.iso),
    standings: Object.fromEntries(Array.from(document.querySelectorAll('#data-table tbody tr'))
      .map(row => [row.dataset.iso, row.cells[11].dataset.value])),
  };
}"""


def settle(page: Page) -> None:
    """Wait until the labels have been laid out among settled clusters at the present zoom."""
    page.wait_for_function(
        f"() => {{ const map = {LEAFLET_MAP};"
        " return map.getContainer().dataset.labelsZoom === String(map.getZoom()); }",
        timeout=10_000,
    )


def forget_layout(page: Page) -> None:
    """Clear the record of the last layout, so that `settle` waits for the next one."""
    page.evaluate(f"() => {{ delete ({LEAFLET_MAP}).getContainer().dataset.labelsZoom; }}")


def zoom_by(page: Page, step: int) -> None:
    forget_layout(page)
    page.evaluate(
        f"() => {{ const map = {LEAFLET_MAP};"
        f" map.setZoom(map.getZoom() + {step}, {{animate: false}}); }}"
    )
    settle(page)


def intersect(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def check_labels(page: Page, where: str) -> dict[str, int]:
    """Assert the labels' layout on the page as it stands; return how many are in each state."""
    shot: dict[str, Any] = page.evaluate(SNAPSHOT)
    labels = shot["labels"]
    visible = [
        (f"{label['iso']} {label['kind']} {'label' if label['full'] else 'mark'}", box)
        for label in labels
        for box in (label["full"], label["mark"])
        if box is not None
    ]
    frame = shot["frame"]
    for name, box in visible:
        assert not any(intersect(box, icon) for icon in shot["icons"]), (where, name, box)
        inside = box["left"] >= frame["left"] and box["right"] <= frame["right"]
        assert inside and box["top"] >= frame["top"] and box["bottom"] <= frame["bottom"], (
            where,
            name,
        )
    for (name_a, a), (name_b, b) in combinations(visible, 2):
        assert not intersect(a, b), (where, name_a, a, name_b, b)
    # Every region named by the ministry and every standing by the data has its label.
    expected = {(code, "ministry") for code in MINISTRY} | {
        (code, "standing") for code, standing in shot["standings"].items() if standing
    }
    assert {(label["iso"], label["kind"]) for label in labels} == expected, where
    states = {"label": 0, "mark": 0, "hidden": 0}
    for label in labels:
        assert not (label["full"] and label["mark"]), (where, label)  # one form at a time
        # The word stays reachable whatever the room: the region's accessible name says it (the
        # ministry's mark after the region's name line), and so does the page's side list.
        said = label["text"].split("\n", 1)[-1]
        assert said in shot["regions"][label["iso"]], (where, label["iso"], said)
        if where.startswith("map"):
            lists = ("ministry-marks",) if label["kind"] == "ministry" else ("leaders", "laggards")
            assert any(f"{ul}:{label['iso']}" in shot["listed"] for ul in lists), (where, label)
        if label["full"]:
            states["label"] += 1
        elif label["mark"]:
            # A mark is named and titled by the full text.
            full_name = ". ".join(line.strip() for line in label["text"].split("\n"))
            assert label["role"] == "img", (where, label)
            assert label["name"] == label["title"] == full_name, (where, label)
            states["mark"] += 1
        else:
            states["hidden"] += 1
    return states


@pytest.mark.parametrize(
    ("path", "viewport"),
    CASES,
    ids=[f"{path.split('?')[0]}-{path[-2:]}-{v['width']}x{v['height']}" for path, v in CASES],
)
def test_labels_cover_no_label_and_no_centre_icon(
    browser: Browser, base_url: str, path: str, viewport: dict[str, int]
) -> None:
    small = viewport["width"] < 700
    page, report = open_page(
        browser, f"{base_url}/{path}", viewport=viewport, is_mobile=small, has_touch=small
    )
    assert report.page_errors == [] and report.console_errors == []
    settle(page)
    where = f"{path} {viewport['width']}x{viewport['height']}"
    states = check_labels(page, where)
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"labels-{path.replace('?lang=', '-')}-{viewport['width']}x{viewport['height']}"
    page.locator(".map-section").screenshot(path=str(ARTIFACTS / f"{name}.png"))
    (ARTIFACTS / f"{name}.txt").write_text(f"{where}: {states}\n")
    # Laid out again at each zoom, and when the map's size changes.
    zoom_by(page, 1)
    check_labels(page, where + " zoomed in")
    zoom_by(page, -2)
    check_labels(page, where + " zoomed out")
    # The window narrows: Leaflet reports the map's new size, and the labels are laid out again.
    forget_layout(page)
    page.set_viewport_size({"width": viewport["width"] - 200, "height": viewport["height"]})
    settle(page)
    check_labels(page, where + " narrower")
    page.context.close()


def test_a_mark_opens_its_regions_panel(browser: Browser, base_url: str) -> None:
    """On a phone the labels are marks: a click on one opens its region's panel."""
    page, _ = open_page(
        browser, f"{base_url}/map?lang=en", viewport=PHONE, is_mobile=True, has_touch=True
    )
    settle(page)
    mark = page.locator(".label-box[data-kind='ministry'] .label-mark:visible").first
    iso = mark.evaluate("e => e.parentElement.dataset.iso")
    mark.click()
    assert page.locator("#region-panel").is_visible()
    assert page.locator(".region-button[aria-pressed='true']").get_attribute("data-iso") == iso
    page.context.close()


# Each kind's badge or marker (the kind's letter first), as drawn.
KIND_ICONS = """() => Array.from(document.querySelectorAll(
    '.centre-cluster > span, .leaflet-marker-icon.centre-marker'))
  .filter(e => e.getClientRects().length > 0).map(e => {
    const r = e.getBoundingClientRect();
    return {kind: e.textContent.trim().charAt(0),
            left: r.left, top: r.top, right: r.right, bottom: r.bottom}; })"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_two_kinds_of_centre_never_cover_each_other(
    browser: Browser, base_url: str, lang: Lang
) -> None:
    """Rehabilitation and autism centres gather in the same cities: one kind is drawn above its
    point and the other below, so neither hides the other's count (they were drawn on top of
    each other: 2 pairs at this size before)."""
    page, _ = open_page(browser, f"{base_url}/map?lang={lang}", viewport=DESKTOP)
    settle(page)
    icons = page.evaluate(KIND_ICONS)
    assert {icon["kind"] for icon in icons} == {"R", "A"}
    covered = [
        (a, b) for a, b in combinations(icons, 2) if a["kind"] != b["kind"] and intersect(a, b)
    ]
    assert covered == []
    page.context.close()
