"""Security headers on HTML pages: a CSP that fits the vendored assets, no eval, no sniffing.

Folium writes its map as inline script, so scripts and styles may be inline, but only from this
origin and never through eval. Pages may be framed by `frame_ancestors` ('self' by default);
/embed, which exists to be framed, by `embed_frame_ancestors`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

EXEMPT = ("/docs", "/redoc")  # FastAPI's API explorers load their own assets


def content_security_policy(frame_ancestors: str, basemap_url: str | None) -> str:
    images = "'self' data:"
    if basemap_url:
        parts = urlsplit(basemap_url.replace("{s}", "a"))
        images += f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1)}"
    return (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        f"form-action 'self'; frame-ancestors {frame_ancestors}"
    )


class SecurityHeaders:
    def __init__(
        self, app: Any, *, frame_ancestors: str, embed_frame_ancestors: str, basemap_url: str | None
    ) -> None:
        self.app = app
        self.policy = content_security_policy(frame_ancestors, basemap_url).encode()
        self.embed_policy = content_security_policy(embed_frame_ancestors, basemap_url).encode()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith(EXEMPT):
            await self.app(scope, receive, send)
            return
        policy = self.embed_policy if scope["path"] == "/embed" else self.policy

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                content_type = dict(headers).get(b"content-type", b"")
                if content_type.startswith(b"text/html"):
                    headers += [
                        (b"content-security-policy", policy),
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"same-origin"),
                    ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
