"""The shared layout of the site's plain pages: header, navigation, language switch, footer.

Every page around the map (downloads, the data API's HTML, progress, history, error pages) is
rendered through `render_site`, so they share one look, one navigation and one language switch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from geo.attribution import BOUNDARY_LICENCE_URL, OSM_COPYRIGHT_URL, boundary_attribution
from geo.definitions import LANGS, Lang
from geo.i18n import number, t
from geo.i18n_site import file_size, ts
from render import templating

LANGUAGE_NAMES: dict[Lang, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
# The site's sections: key, catalogue string, address (each keeps the page language).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("map", "nav_map", "/map"),
    ("downloads", "nav_downloads", "/downloads"),
    ("ogc", "nav_ogc", "/ogc?f=html"),
    ("progress", "nav_progress", "/stats/progress?f=html"),
    ("history", "nav_history", "/admin/history?f=html"),
    ("upload", "nav_upload", "/admin/upload"),
    ("docs", "nav_docs", "/docs"),
)
# /docs is Swagger UI's own page, in English only: it is linked without a language.
_UNTRANSLATED = {"docs"}


@dataclass(frozen=True, slots=True)
class Here:
    """Where the page is: its path and query, so links can keep everything but the language."""

    path: str
    query: Sequence[tuple[str, str]] = ()

    def with_query(self, **changes: str | int | None) -> str:
        pairs = [(k, v) for k, v in self.query if k not in changes]
        pairs += [(k, str(v)) for k, v in changes.items() if v is not None]
        return f"{self.path}?{urlencode(pairs)}" if pairs else self.path


def with_lang(href: str, lang: Lang) -> str:
    return f"{href}{'&' if '?' in href else '?'}lang={lang}"


def boundary_credit(lang: Lang) -> Markup:
    """The boundary attribution in `lang`, with the OpenStreetMap credit linked, verbatim."""
    text = escape(boundary_attribution(lang))
    osm = "OpenStreetMap contributors"
    linked = text.replace(osm, Markup('<a href="{}">{}</a>').format(OSM_COPYRIGHT_URL, osm), 1)
    return linked.replace(
        "ODbL 1.0", Markup('<a href="{}">ODbL 1.0</a>').format(BOUNDARY_LICENCE_URL), 1
    )


def page_context(lang: Lang, here: Here, section: str | None) -> dict[str, Any]:
    """What the layout needs: strings, navigation and the language switch."""

    def s(key: str, **values: object) -> str:
        return ts(key, lang, **values)

    nav = [
        {
            "label": s(label),
            "href": href if key in _UNTRANSLATED else with_lang(href, lang),
            "current": key == section,
        }
        for key, label, href in SECTIONS
    ]
    languages = [
        {
            "code": code,
            "label": LANGUAGE_NAMES[code],
            "href": here.with_query(lang=code),
            "current": code == lang,
        }
        for code in LANGS
    ]
    return {
        "lang": lang,
        "s": s,
        "t": lambda key, **values: t(key, lang, **values),
        "num": lambda value, digits=0: "" if value is None else number(value, lang, digits),
        "size": lambda value: file_size(value, lang),
        "nav": nav,
        "languages": languages,
        "data_credit": t("attribution_data", lang),
        "boundary_credit": boundary_credit(lang),
        "here": here,
    }


def render_site(
    template: str,
    lang: Lang,
    here: Here,
    *,
    title: str,
    section: str | None,
    boundaries: bool = False,
    **context: Any,
) -> str:
    """A page of the site: `template` extends site_base.html and fills its content block."""
    values = page_context(lang, here, section)
    values.update(context, title=title, boundaries=boundaries)
    return templating.template(template, lstrip_blocks=True, strict=True).render(values)
