"""HTTP validators and caching headers shared by every route: ETag, Last-Modified, 304, Vary.

A response's ETag is derived from what it is built from (the data version, the request and the
representation chosen), never from its body: bodies carry a generation `timeStamp`, and a tag
that changed every second would defeat every cache. Derived tags are weak (W/): two responses
with the same tag mean the same thing, byte-identity is not promised. Files whose exact bytes are
published (downloads, with size and SHA-256) carry strong tags of their content instead, so that
byte ranges can be combined safely (If-Range).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from importlib import metadata
from urllib.parse import parse_qsl, urlencode

from fastapi import Request, Response

from api.encoded import EncodedBody

CACHE_CONTROL = "public, max-age=300"
# A new release may change bodies built from the same data: it is part of every derived tag.
try:
    RELEASE = metadata.version("accessmap-kz")
except metadata.PackageNotFoundError:  # running from a source tree without installing
    RELEASE = "source"


@dataclass(frozen=True, slots=True)
class Validators:
    """What a client may hold and revalidate: an entity tag and the data's modification time."""

    etag: str
    modified: datetime | None
    vary: tuple[str, ...] = ()

    def headers(self) -> dict[str, str]:
        headers = {"ETag": self.etag, "Cache-Control": CACHE_CONTROL}
        if self.vary:
            headers["Vary"] = ", ".join(self.vary)
        if self.modified is not None:
            headers["Last-Modified"] = http_date(self.modified)
        return headers

    def not_modified(self, request: Request) -> bool:
        """RFC 9110 §13.1.2-3: If-None-Match (weak comparison) wins over If-Modified-Since."""
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or self.etag.removeprefix("W/") in tags
        since = request.headers.get("if-modified-since")
        if since and self.modified is not None:
            try:
                return self.modified.replace(microsecond=0) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    def not_modified_response(self) -> Response:
        return Response(status_code=304, headers=self.headers())


def http_date(moment: datetime) -> str:
    return format_datetime(moment.replace(microsecond=0), usegmt=True)


def canonical_query(request: Request) -> str:
    """The query string with parameters in a fixed order: ?a=1&b=2 and ?b=2&a=1 are one resource."""
    return urlencode(sorted(parse_qsl(request.url.query, keep_blank_values=True)))


def derived_validators(
    request: Request,
    version: object,
    modified: datetime | None,
    *,
    variant: Iterable[str] = (),
    vary: tuple[str, ...] = ("Accept",),
) -> Validators:
    """A weak ETag from the data version, the request (base URL, path, query) and the variant.

    `variant` names what the route chose from request headers (the media type, the language), so
    that two representations of one URL never share a tag.
    """
    key = "\n".join(
        [
            RELEASE,
            str(version),
            str(request.base_url),
            request.url.path,
            canonical_query(request),
            *variant,
        ]
    )
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return Validators(f'W/"{digest}"', modified, vary)


def content_validators(
    body: bytes, modified: datetime | None, *, vary: tuple[str, ...] = ()
) -> Validators:
    """A strong ETag of the exact bytes, for files that are published byte for byte."""
    return Validators('"' + hashlib.sha256(body).hexdigest()[:32] + '"', modified, vary)


def conditional_response(
    request: Request,
    body: bytes,
    media_type: str,
    validators: Validators,
    *,
    filename: str | None = None,
    inline: bool = False,
) -> Response:
    """`body` with its validators; 304 when the client already holds this version."""
    headers = validators.headers()
    if validators.not_modified(request):
        return Response(status_code=304, headers=headers)
    if filename:
        kind = "inline" if inline else "attachment"
        headers["Content-Disposition"] = f'{kind}; filename="{filename}"'
    return Response(body, media_type=media_type, headers=headers)


def encoded_response(
    request: Request,
    encoded: EncodedBody,
    validators: Validators,
    *,
    filename: str | None = None,
    inline: bool = False,
) -> Response:
    """A cached body in the encoding the client accepts, compressed once per encoding (never per
    request); its validators as `conditional_response` gives them. Semantically the same in
    every encoding, so the weak derived tag is shared."""
    headers = validators.headers()
    if validators.not_modified(request):
        return Response(status_code=304, headers=headers)
    encoding = encoded.choose(request.headers.get("accept-encoding"))
    if encoding is not None:
        headers["Content-Encoding"] = encoding
    if encoded.compressible:
        headers["Vary"] = ", ".join(dict.fromkeys([*validators.vary, "Accept-Encoding"]))
    if filename:
        kind = "inline" if inline else "attachment"
        headers["Content-Disposition"] = f'{kind}; filename="{filename}"'
    return Response(encoded.body(encoding), media_type=encoded.media_type, headers=headers)
