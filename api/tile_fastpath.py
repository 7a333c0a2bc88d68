"""Serve tiles already in memory straight from ASGI, before routing, validation and middleware.

A cached tile needs no database, no rendering and no parameter models; answering it here keeps
tile serving close to the raw speed of the HTTP stack. It parses the request with the route's own
parser and answers with the route's own header function, so a hit and a miss are the same
answer; anything else (a miss, a bad parameter) falls through to the route, which validates,
renders and caches.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from api.numbers import whole_number
from api.query_options import DEFAULT_VIEW, MAX_VERSION_KEY, YEAR_RANGE, parse_view
from api.tiles import TileService, tile_address, tile_answer
from geo.i18n import negotiate_lang, parse_lang
from render.tiles import LAYERS


class CachedTiles:
    def __init__(self, app: Any, service: TileService) -> None:
        self.app, self.service = app, service

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        # Blank values kept: `?view=` is a bad request to the route, so it must not be a hit here.
        query = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        encoded = self._hit(scope, headers, query)
        if encoded is None:
            await self.app(scope, receive, send)
            return
        pinned = query.get("v", [None])[-1]
        sent = tile_answer(encoded, headers, head=scope["method"] == "HEAD", pinned=pinned)
        raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in sent.headers]
        await send({"type": "http.response.start", "status": sent.status, "headers": raw})
        await send({"type": "http.response.body", "body": sent.body})

    def _hit(
        self, scope: dict[str, Any], headers: dict[str, str], query: dict[str, list[str]]
    ) -> Any:
        parts = scope["path"].split("/")
        if len(parts) != 6 or parts[1] != "tiles" or parts[2] not in LAYERS:
            return None
        address = tile_address(*parts[2:6])
        if address is None:
            return None  # the route answers with a 4xx
        if len(query.get("v", [""])[-1]) > MAX_VERSION_KEY:
            return None  # the route answers with a 4xx
        # A repeated parameter counts by its last value, as in the route.
        year_text = query.get("year", [None])[-1]
        year = None if year_text is None else whole_number(year_text, *YEAR_RANGE)
        if year_text is not None and year is None:
            return None  # the route answers with a 4xx
        view_text = query.get("view", [None])[-1]
        mode = DEFAULT_VIEW if view_text is None else parse_view(view_text)
        if mode is None:
            return None  # the route answers with a 4xx
        lang_text = query.get("lang", [None])[-1]
        if lang_text is not None:
            lang = parse_lang(lang_text)
            if lang is None:
                return None
        else:
            lang = negotiate_lang(headers.get("accept-language") or None)
        return self.service.cached(address, year, mode, lang)
