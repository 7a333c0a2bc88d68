"""Assemble the map page from the database: shared by the /map route and `accessmap render`."""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

from sqlalchemy import Engine

from api.encoded import EncodedBody
from api.snapshot import Snapshot, read_version
from geo.definitions import Lang
from geo.indicators import ViewMode
from geo.mapview import MapView, build_map_view
from geo.themes import DEFAULT_THEME, Theme
from render.page import PageOptions, render_page

STATIC_DIR = Path(__file__).with_name("static")


class UnknownYearError(LookupError):
    def __init__(self, year: int, years: list[int]) -> None:
        self.year, self.years = year, years
        listed = ", ".join(map(str, years)) or "none"
        super().__init__(f"no data for {year}: years with data are {listed}")


def map_view(
    engine: Engine,
    lang: Lang,
    year: int | None,
    mode: ViewMode = "latest",
    theme: Theme = DEFAULT_THEME,
) -> MapView:
    """The map view read straight from the database (the CLI's standalone files)."""
    return snapshot_view(_read_once(engine), lang, year, mode, theme)


def _read_once(engine: Engine) -> Snapshot:
    return Snapshot(engine, read_version(engine), memo=False)


def snapshot_view(
    snapshot: Snapshot,
    lang: Lang,
    year: int | None,
    mode: ViewMode = "latest",
    theme: Theme = DEFAULT_THEME,
) -> MapView:
    """The map view of `year` from the snapshot, built once per data version."""

    def build() -> MapView:
        view = build_map_view(
            snapshot.regions("lite"),
            snapshot.observations(),
            snapshot.centres(),
            lang=lang,
            year=year,
            mode=mode,
            theme=theme,
        )
        if year is not None and year not in view.years:
            raise UnknownYearError(year, view.years)
        return view

    return snapshot.product(("map-view", lang, year, mode, theme), build)


def snapshot_page(
    snapshot: Snapshot,
    lang: Lang,
    year: int | None,
    options: PageOptions,
    mode: ViewMode = "latest",
    theme: Theme = DEFAULT_THEME,
) -> EncodedBody:
    """The map page of the snapshot, rendered and compressed once per version and options."""

    def build() -> EncodedBody:
        view = snapshot_view(snapshot, lang, year, mode, theme)
        html = render_page(view, snapshot.regions("web"), options)
        page = EncodedBody(
            html.encode(), "text/html; charset=utf-8", version_key=snapshot.version.key
        )
        return page.precompress()

    key = ("page", lang, year, mode, theme, options)
    return snapshot.product(key, build, bounded=True)


def map_page_html(
    engine: Engine,
    lang: Lang,
    year: int | None,
    options: PageOptions,
    mode: ViewMode = "latest",
    theme: Theme = DEFAULT_THEME,
) -> str:
    page = snapshot_page(_read_once(engine), lang, year, options, mode, theme)
    return page.identity.decode()


def read_static(path: str) -> str:
    """A vendored asset's text, for inlining into a standalone file.

    Stylesheets get their relative images embedded as data URIs, so nothing is fetched.
    """
    file = STATIC_DIR / path
    text = file.read_text(encoding="utf-8")
    if file.suffix != ".css":
        return text

    def embed(match: re.Match[str]) -> str:
        image = (file.parent / match.group(1)).resolve()
        if not image.is_relative_to(STATIC_DIR) or not image.exists():
            return match.group(0)
        mime = mimetypes.guess_type(image.name)[0] or "application/octet-stream"
        return f"url(data:{mime};base64,{base64.b64encode(image.read_bytes()).decode()})"

    return re.sub(r"url\(['\"]?(?!data:)([^'\")]+)['\"]?\)", embed, text)
