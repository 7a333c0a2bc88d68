"""What the site's HTML pages take from a request: where they are and which language to speak."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.query_options import page_lang
from geo.definitions import Lang
from render.site import Here

PageLangDep = Annotated[Lang, Depends(page_lang)]
# An HTML page differs by the language negotiated from these headers.
HTML_VARY = ("Accept", "Accept-Language")


def here_of(request: Request) -> Here:
    return Here(request.url.path, tuple(request.query_params.multi_items()))
