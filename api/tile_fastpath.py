"""Serve tiles already in memory straight from ASGI, before routing, validation and middleware.

A cached tile needs no database, no rendering and no parameter models; answering it here keeps
tile serving close to the raw speed of the HTTP stack. Anything else (a miss, a bad parameter)
falls through to the FastAPI route, which validates, renders and caches.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from api.numbers import whole_number
from api.ogc.responses import CACHE_CONTROL
from api.routers.tiles import YEAR_RANGE
from api.tiles import TileService, tile_address
from geo.i18n import negotiate_lang, parse_lang
from geo.tiles import LAYERS

MEDIA = {"png": b"image/png", "mvt": b"application/vnd.mapbox-vector-tile"}


class CachedTiles:
    def __init__(self, app: Any, service: TileService) -> None:
        self.app, self.service = app, service

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        hit = self._hit(scope) if scope["type"] == "http" else None
        if hit is None:
            await self.app(scope, receive, send)
            return
        body, etag, media = hit
        headers = dict(scope["headers"])
        not_modified = etag.encode() in headers.get(b"if-none-match", b"")
        response_headers = [
            (b"etag", etag.encode()), (b"cache-control", CACHE_CONTROL.encode()),
            (b"access-control-allow-origin", b"*"), (b"vary", b"Accept-Language"),
            (b"content-type", media),
        ]  # fmt: skip
        if not not_modified:
            response_headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 304 if not_modified else 200,
                    "headers": response_headers})  # fmt: skip
        send_body = not not_modified and scope["method"] == "GET"
        await send({"type": "http.response.body", "body": body if send_body else b""})

    def _hit(self, scope: dict[str, Any]) -> tuple[bytes, str, bytes] | None:
        if scope["method"] not in ("GET", "HEAD"):
            return None
        parts = scope["path"].split("/")
        if len(parts) != 6 or parts[1] != "tiles" or parts[2] not in LAYERS:
            return None
        address = tile_address(*parts[2:6])
        if address is None:
            return None  # the route answers with a 404
        query = parse_qs(scope["query_string"].decode("latin-1"))
        year_text = query.get("year", [None])[0]
        year = None if year_text is None else whole_number(year_text, *YEAR_RANGE)
        if year_text is not None and year is None:
            return None  # the route answers with a 4xx
        lang_text = query.get("lang", [None])[0]
        if lang_text is not None:
            lang = parse_lang(lang_text)
            if lang is None:
                return None
        else:
            accept = dict(scope["headers"]).get(b"accept-language", b"").decode("latin-1")
            lang = negotiate_lang(accept or None)
        hit = self.service.lookup(address.name, year, lang)
        return None if hit is None else (hit[0], hit[1], MEDIA[address.ext])
