"""The limit of the HTTP stack: a raw ASGI app that answers every request with one fixed body.

No framework, no routing, no middleware: uvicorn's cost for a body of that size. It serves the
bytes in BENCH_BODY (a file), and the bytes in BENCH_BODY_GZIP with `Content-Encoding: gzip` to a
client that accepts gzip, so it can stand in for a tile of the same size in either encoding.

    BENCH_BODY=tile.png BENCH_MEDIA_TYPE=image/png uvicorn raw_asgi:app --app-dir benchmarks
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

IDENTITY = Path(os.environ["BENCH_BODY"]).read_bytes()
GZIPPED = (
    Path(os.environ["BENCH_BODY_GZIP"]).read_bytes() if os.environ.get("BENCH_BODY_GZIP") else None
)
MEDIA = os.environ.get("BENCH_MEDIA_TYPE", "application/octet-stream").encode()


def _headers(body: bytes, encoding: bytes | None) -> list[tuple[bytes, bytes]]:
    headers = [(b"content-type", MEDIA), (b"content-length", str(len(body)).encode())]
    if encoding:
        headers.append((b"content-encoding", encoding))
    return headers


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    accepts_gzip = any(k == b"accept-encoding" and b"gzip" in v for k, v in scope["headers"])
    body = GZIPPED if accepts_gzip and GZIPPED is not None else IDENTITY
    encoding = b"gzip" if body is GZIPPED else None
    await send({"type": "http.response.start", "status": 200, "headers": _headers(body, encoding)})
    await send({"type": "http.response.body", "body": body})
