"""HTML views of the OGC API documents (the HTML conformance class), in the page language."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from api.site import here_of
from geo.definitions import Lang
from render.ogc_pages import DocumentKind, ItemsPage, document_page, item_page, items_page


def render_document(request: Request, kind: DocumentKind, data: dict[str, Any], lang: Lang) -> str:
    return document_page(kind, data, lang, here_of(request))


def render_items(request: Request, items: ItemsPage, lang: Lang) -> str:
    return items_page(items, lang, here_of(request))


def render_item(request: Request, collection_id: str, row: dict[str, Any], lang: Lang) -> str:
    return item_page(collection_id, row, lang, here_of(request))
