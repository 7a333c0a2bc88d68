"""Request bodies read only after authentication, and never more of them than a route allows.

FastAPI parses a declared body parameter before it runs any dependency, so a route that declared
one would read (and hold in memory) a stranger's body before the token check could refuse it.
Write routes therefore declare no body parameter: they depend on the token first and then read
the body through `read_body`, which refuses an oversized body from its Content-Length before
reading a byte, and stops reading a body without one as soon as it passes the limit.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request

from geo.safe_json import parse_json


def _too_large(limit: int) -> HTTPException:
    return HTTPException(413, f"the request body is larger than {limit:,} bytes")


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or a 413 as soon as it is known to be larger than `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()) or len(declared) > 18:
            raise HTTPException(400, "Content-Length is not a whole number of bytes")
        if int(declared) > limit:
            raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def json_object(request: Request, limit: int) -> dict[str, Any]:
    """The body as one JSON object, or a 413/422 naming the problem."""
    try:
        parsed = parse_json(await read_body(request, limit))
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    if not isinstance(parsed, dict):
        raise HTTPException(422, "the body must be one JSON object")
    return parsed
