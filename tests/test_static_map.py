"""The report image hides nothing: legend, notes and labels leave every region visible."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib import pyplot as plt
from matplotlib.text import Text
from PIL import Image

from api.db import queries
from geo.definitions import Lang
from geo.mapview import build_map_view
from render.static_map import LABEL_AIR, country_map_png, draw_country_map
from tests.chromium import ARTIFACTS
from tests.conftest import Database

MIN_VISIBLE = 0.5  # share of a region's own pixels that labels may not cover


def unique_fills(codes: list[str]) -> dict[str, str]:
    # Colours used by nothing else on the image (no grey, no white, no class colour).
    return {
        code: f"#{40 + 9 * i:02x}{230 - 7 * i:02x}{120 + 5 * i:02x}" for i, code in enumerate(codes)
    }


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def count(image: np.ndarray, colour: str) -> int:
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return int(np.all(image == rgb, axis=-1).sum())


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_no_region_is_covered_by_legend_labels_or_notes(db: Database, lang: Lang) -> None:
    shapes = queries.regions_frame(db.engine, "lite")
    view = build_map_view(
        shapes, queries.observations_frame(db.engine), queries.centres_frame(db.engine), lang=lang
    )
    fills = unique_fills([r.iso_code for r in view.regions])
    size = {"width_px": 1600, "height_px": 1000, "dpi": 150}
    bare = pixels(country_map_png(view, shapes, decorations=False, fills=fills, **size))
    full = pixels(country_map_png(view, shapes, fills=fills, **size))
    visible = {}
    for code, colour in fills.items():
        own = count(bare, colour)
        assert own > 10, code  # every region, the cities too, is drawn
        visible[code] = count(full, colour) / own
    assert min(visible.values()) >= MIN_VISIBLE, sorted(visible.items(), key=lambda kv: kv[1])[:3]
    ARTIFACTS.mkdir(exist_ok=True)
    png = country_map_png(view, shapes, **size)
    (ARTIFACTS / f"report-image-{lang}-{db.backend}.png").write_bytes(png)


def test_the_coverage_check_sees_a_label_on_a_city(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check can fail: without callouts, the cities' labels sit on their small shapes."""
    from render import static_map

    shapes = queries.regions_frame(db.engine, "lite")
    view = build_map_view(
        shapes, queries.observations_frame(db.engine), queries.centres_frame(db.engine), lang="en"
    )
    fills = unique_fills([r.iso_code for r in view.regions])
    bare = pixels(country_map_png(view, shapes, decorations=False, fills=fills))
    monkeypatch.setattr(static_map, "CALLOUTS", {})
    full = pixels(country_map_png(view, shapes, fills=fills))
    assert count(full, fills["KZ-71"]) / count(bare, fills["KZ-71"]) < MIN_VISIBLE


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_no_label_covers_another(db: Database, lang: Lang) -> None:
    """Jetisu and Almaty oblast, Akmola and Kostanay sit close: their labels must not collide."""
    shapes = queries.regions_frame(db.engine, "lite")
    view = build_map_view(
        shapes, queries.observations_frame(db.engine), queries.centres_frame(db.engine), lang=lang
    )
    # The route's default size, where Jetisu's and Almaty oblast's labels once collided.
    figure = draw_country_map(
        view, shapes, width_px=1200, height_px=750, dpi=120, decorations=True, fills=None
    )
    try:
        figure.canvas.draw()  # where each text ends up is known once drawn
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        labels = figure.axes[0].texts
        assert len(labels) == len(view.regions) == 20
        # A little air around each text: labels that touch read as one.
        boxes = [Text.get_window_extent(label, renderer).expanded(*LABEL_AIR) for label in labels]
    finally:
        plt.close(figure)
    touching = [
        (labels[i].get_text().splitlines()[0], labels[j].get_text().splitlines()[0])
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]
    assert touching == []
