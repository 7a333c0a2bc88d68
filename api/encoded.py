"""Response bodies compressed once and served in the encoding each client asks for.

A cached body is kept as identity and, when compressible, as gzip and Brotli, each made at most
once (on first demand, in the thread that asked) and each with its own ETag: a cache must never
hand a gzip body to a client that revalidates an identity copy. Nothing is compressed per request
on the event loop.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

import brotli

# Levels that buy most of the size for little CPU: bodies are compressed once and served often.
GZIP_LEVEL = 6
BROTLI_QUALITY = 9
# Below this size the headers cost more than compression saves.
MIN_COMPRESS_BYTES = 512
PREFERENCE = ("br", "gzip")


def _compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return bytes(brotli.compress(body, quality=BROTLI_QUALITY))
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def accepted_encodings(header: str | None) -> set[str]:
    """The content codings a client accepts (q > 0), by RFC 9110's Accept-Encoding rules."""
    accepted: set[str] = set()
    refused: set[str] = set()
    wildcard = False
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name == "*":
            wildcard = quality > 0
        elif quality > 0:
            accepted.add(name)
        else:
            refused.add(name)
    if wildcard:
        accepted |= set(PREFERENCE) - refused
    return accepted


@dataclass
class EncodedBody:
    """One response body and its compressed variants, with an ETag per variant."""

    identity: bytes
    media_type: str
    compressible: bool = True
    digest: str = ""
    # The data version the body was made from, when it depends on the data.
    version_key: str | None = None
    _variants: dict[str, bytes] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if not self.digest:
            self.digest = hashlib.sha256(self.identity).hexdigest()[:32]
        self.compressible = self.compressible and len(self.identity) >= MIN_COMPRESS_BYTES

    def choose(self, accept_encoding: str | None) -> str | None:
        """The encoding to send (None: identity)."""
        if not self.compressible:
            return None
        accepted = accepted_encodings(accept_encoding)
        return next((e for e in PREFERENCE if e in accepted), None)

    def body(self, encoding: str | None) -> bytes:
        if encoding is None:
            return self.identity
        with self._lock:
            variant = self._variants.get(encoding)
            if variant is None:
                variant = self._variants[encoding] = _compress(self.identity, encoding)
        return variant

    def etag(self, encoding: str | None) -> str:
        return f'"{self.digest}-{encoding}"' if encoding else f'"{self.digest}"'

    def precompress(self) -> EncodedBody:
        """Make every variant now (for bodies built off the event loop and served from it)."""
        if self.compressible:
            for encoding in PREFERENCE:
                self.body(encoding)
        return self


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 If-None-Match: weak comparison, a list of tags, or "*"."""
    if if_none_match is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


@dataclass(frozen=True, slots=True)
class Answer:
    """What to send: the same for a routed request and for the ASGI fast path."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def answer(
    encoded: EncodedBody,
    request_headers: Mapping[str, str],
    *,
    cache_control: str,
    vary: tuple[str, ...] = (),
    head: bool = False,
    extra: tuple[tuple[str, str], ...] = (),
) -> Answer:
    """Status, headers and body for `encoded` as this request asks for it (304 if it has it)."""
    encoding = encoded.choose(request_headers.get("accept-encoding"))
    etag = encoded.etag(encoding)
    varies = (*vary, "Accept-Encoding") if encoded.compressible else vary
    headers = [
        ("content-type", encoded.media_type),
        ("etag", etag),
        ("cache-control", cache_control),
        ("access-control-allow-origin", "*"),
        *extra,
    ]
    if varies:
        headers.append(("vary", ", ".join(dict.fromkeys(varies))))
    if etag_matches(request_headers.get("if-none-match"), etag):
        return Answer(304, headers, b"")
    body = encoded.body(encoding)
    if encoding is not None:
        headers.append(("content-encoding", encoding))
    headers.append(("content-length", str(len(body))))
    return Answer(200, headers, b"" if head else body)
