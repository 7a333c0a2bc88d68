"""HTTP done right for every OGC response: ETag, Last-Modified, 304, Cache-Control, file names."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import Request, Response

CACHE_CONTROL = "public, max-age=300"


def conditional_response(
    request: Request,
    body: bytes,
    media_type: str,
    *,
    modified: datetime | None,
    filename: str | None = None,
    inline: bool = False,
    etag: str | None = None,
) -> Response:
    """A response with a content ETag; 304 when the client already holds this version.

    `etag` may be passed when already known (cached tiles), to skip hashing the body again.
    """
    etag = etag or '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept, Accept-Encoding"}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified.replace(microsecond=0), usegmt=True)
    if filename:
        kind = "inline" if inline else "attachment"
        headers["Content-Disposition"] = f'{kind}; filename="{filename}"'
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def _not_modified(request: Request, etag: str, modified: datetime | None) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        # If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return etag in tags or "*" in tags
    since = request.headers.get("if-modified-since")
    if since and modified is not None:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
