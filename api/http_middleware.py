"""HTTP semantics that hold for every route: HEAD, one clean Vary, exact bytes for ranged files.

FastAPI registers GET routes without HEAD (405), although caches, link checkers and GDAL's
/vsicurl/ ask HEAD first. Headers added by several layers (the route, gzip, CORS) must end up as
one Vary without repeats. Files that are published byte for byte (with size and SHA-256) and
read by ranges are never content-coded on the fly: a range of a gzip stream is useless to a client
that decodes as it goes, and HEAD must announce the size a range request will address.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.middleware.gzip import GZipMiddleware

Scope = dict[str, Any]
EXACT_BYTES_PREFIXES = ("/downloads/",)


class HeadAsGet:
    """Answer HEAD with the GET response's status and headers, and no body."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict[str, Any]) -> None:
            if message["type"] in ("http.response.body", "http.response.pathsend"):
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # A copy: the server still sees HEAD in its own scope and writes no body either.
        await self.app({**scope, "method": "GET"}, receive, headers_only)


class VaryHeader:
    """Merge every Vary header into one, without repeats, and add Origin (CORS answers differ)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def merged(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(raw=list(message.get("headers", [])))
                headers["Vary"] = merge_vary([*headers.getlist("vary"), "Origin"])
                message = {**message, "headers": headers.raw}
            await send(message)

        await self.app(scope, receive, merged)


def merge_vary(values: list[str]) -> str:
    seen: dict[str, str] = {}
    for value in values:
        for name in (part.strip() for part in value.split(",")):
            if name:
                seen.setdefault(name.lower(), name)
    return ", ".join(seen.values())


class Compression:
    """gzip (Starlette's) for everything except files served byte for byte with ranges."""

    def __init__(self, app: Any, minimum_size: int = 1000) -> None:
        self.app = app
        # Level 6: nearly the size of 9 for a third of the CPU; bodies over 128 KiB are
        # compressed in a worker thread by Starlette, never on the event loop.
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=6)

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith(EXACT_BYTES_PREFIXES):
            await self.app(scope, receive, send)
        else:
            await self.gzip(scope, receive, send)
