"""HTML views of the data API (OGC API - Features): landing, conformance, collections, items.

The JSON documents stay the API's contract; these pages show the same content to a person, as
tables and definition lists in the page language, with links to every other representation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from geo import features
from geo.definitions import INDICATORS_BY_CODE, Lang
from geo.i18n_site import field_name, ts
from geo.regions import REGIONS
from render.site import Here, render_site
from render.site_pages import FORMAT_LABELS

DocumentKind = Literal["landing", "conformance", "collections", "collection"]
ITEM_FORMATS = ("json", "csv", "xlsx", "gpkg")


def _collection_title(collection_id: str, lang: Lang) -> str:
    info = features.COLLECTIONS.get(collection_id)
    return info.title[lang] if info else collection_id


def _definitions(collection_id: str, lang: Lang) -> list[tuple[str, str, str]]:
    """(code, name, definition) of each indicator of the collection, in `lang`."""
    info = features.COLLECTIONS[collection_id]
    return [
        (code, INDICATORS_BY_CODE[code].name[lang], INDICATORS_BY_CODE[code].definition[lang])
        for code in info.indicators
    ]


def document_page(kind: DocumentKind, data: Mapping[str, Any], lang: Lang, here: Here) -> str:
    """One of the API's JSON documents (`data`) as a page."""
    if kind == "landing":
        return render_site(
            "site_ogc_landing.html",
            lang,
            here,
            title=ts("nav_ogc", lang),
            section="ogc",
            boundaries=True,
        )
    if kind == "conformance":
        return render_site(
            "site_ogc_conformance.html",
            lang,
            here,
            title=ts("ogc_conformance", lang),
            section="ogc",
            classes=list(data["conformsTo"]),
        )
    if kind == "collections":
        rows = [
            {
                "id": c["id"],
                "title": _collection_title(c["id"], lang),
                "description": features.COLLECTIONS[c["id"]].description[lang],
                "as_of": c.get("as_of"),
            }
            for c in data["collections"]
        ]
        return render_site(
            "site_ogc_collections.html",
            lang,
            here,
            title=ts("ogc_collections", lang),
            section="ogc",
            boundaries=True,
            collections=rows,
            formats=[(fmt, FORMAT_LABELS[fmt]) for fmt in ITEM_FORMATS],
        )
    collection_id = str(data["id"])
    return render_site(
        "site_ogc_collection.html",
        lang,
        here,
        title=_collection_title(collection_id, lang),
        section="ogc",
        boundaries=True,
        c=data,
        description=features.COLLECTIONS[collection_id].description[lang],
        definitions=_definitions(collection_id, lang),
        formats=[(fmt, FORMAT_LABELS[fmt]) for fmt in ITEM_FORMATS],
    )


@dataclass(frozen=True, slots=True)
class ItemsPage:
    """One page of a collection's records and where it sits among all that matched."""

    collection_id: str
    rows: Sequence[Mapping[str, Any]]
    matched: int
    offset: int
    limit: int


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


def items_page(items: ItemsPage, lang: Lang, here: Here) -> str:
    """A page of records as a table, with previous/next links and a region filter."""
    columns = _columns(items.rows)
    first = items.offset + 1 if items.rows else 0
    last = items.offset + len(items.rows)
    next_href = (
        here.with_query(offset=items.offset + items.limit, f="html")
        if items.offset + items.limit < items.matched
        else None
    )
    previous_href = (
        here.with_query(offset=max(0, items.offset - items.limit), f="html")
        if items.offset > 0
        else None
    )
    chosen = dict(here.query).get("iso_code", "")
    keep = [(k, v) for k, v in here.query if k not in ("iso_code", "offset")]
    if not any(k == "f" for k, _ in keep):
        keep.append(("f", "html"))
    title = ts("items_heading", lang, collection=_collection_title(items.collection_id, lang))
    return render_site(
        "site_ogc_items.html",
        lang,
        here,
        title=title,
        section="ogc",
        boundaries=items.collection_id == "regions",
        collection_id=items.collection_id,
        rows=items.rows,
        columns=[(column, field_name(column, lang)) for column in columns],
        shown=ts("items_shown", lang, first=first, last=last, matched=items.matched),
        next_href=next_href,
        previous_href=previous_href,
        regions=[(region.iso_code, region.name(lang)) for region in REGIONS],
        chosen_region=chosen,
        keep=keep,
        formats=[(FORMAT_LABELS[fmt], here.with_query(f=fmt, lang=None)) for fmt in ITEM_FORMATS],
    )


def item_page(collection_id: str, row: Mapping[str, Any], lang: Lang, here: Here) -> str:
    """One record as a definition list."""
    return render_site(
        "site_ogc_item.html",
        lang,
        here,
        title=ts("record", lang, id=row.get("id")),
        section="ogc",
        boundaries=collection_id == "regions",
        collection_id=collection_id,
        collection_title=_collection_title(collection_id, lang),
        fields=[(key, field_name(key, lang), value) for key, value in row.items()],
    )
