"""What the site's HTML pages take from a request: where they are, which language to speak and
whether the client wants a page (a browser) or data (a script)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Header, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.query_options import page_lang
from geo.definitions import Lang
from render.site import Here

PageLangDep = Annotated[Lang, Depends(page_lang)]
# An HTML page differs by the language negotiated from these headers.
HTML_VARY = ("Accept", "Accept-Language")
PageFormat = Literal["json", "html"]
_DATA_TYPES = ("application/json", "application/geo+json")


def _quality(accept: str, wanted: tuple[str, ...]) -> float:
    """The highest q the Accept header gives any of `wanted`, named explicitly (not by */*)."""
    best = 0.0
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if media.lower() not in wanted:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        best = max(best, quality)
    return best


def prefers_html(accept: str | None) -> bool:
    """A browser navigating (Accept names text/html above any JSON type), not a script."""
    if not accept:
        return False
    html = _quality(accept, ("text/html", "application/xhtml+xml"))
    return html > 0 and html >= _quality(accept, _DATA_TYPES)


def page_format(
    f: Annotated[str | None, Query(description="json or html (default: by Accept)")] = None,
    accept: Annotated[str | None, Header()] = None,
    *,
    response: Response,
) -> PageFormat:
    # The JSON answer too depends on Accept: a cache must not hand it to a browser.
    response.headers["Vary"] = ", ".join(HTML_VARY)
    if f is None:
        return "html" if prefers_html(accept) else "json"
    if f in ("json", "html"):
        return "html" if f == "html" else "json"
    raise HTTPException(400, f"unknown f={f!r}: use json or html")


PageFormatDep = Annotated[PageFormat, Depends(page_format)]


def here_of(request: Request) -> Here:
    return Here(request.url.path, tuple(request.query_params.multi_items()))


def html_response(page: str, lang: Lang, status: int = 200) -> HTMLResponse:
    """A site page: its language said in Content-Language, and Vary for what chose it."""
    return HTMLResponse(
        page,
        status_code=status,
        headers={"Content-Language": lang, "Vary": ", ".join(HTML_VARY)},
    )
