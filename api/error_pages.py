"""Error pages for browsers: a 4xx that a person reads, in their language, with a way back.

A request that prefers text/html (a browser navigating) gets a small page naming the problem;
every other client keeps the JSON error ({"code", "description"}). The status is the same.
"""

from __future__ import annotations

import re

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from api.pages import UnknownYearError
from api.problems import BadParameter
from api.site import HTML_VARY, here_of
from geo.definitions import Lang
from geo.i18n import negotiate_lang, parse_lang
from geo.i18n_site import ts
from geo.regions import RegionNotFound, get_region
from render.site_pages import error_page

_PARAMETER = re.compile(r"^(\w+)[=:]")


def error_lang(request: Request) -> Lang:
    """?lang= when it names a language, else Accept-Language (a bad ?lang= may be the error)."""
    return parse_lang(request.query_params.get("lang")) or negotiate_lang(
        request.headers.get("accept-language")
    )


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _say(key: str, lang: Lang, **values: object) -> Markup:
    """The catalogue's sentence with each value marked as the request's own text (.datum)."""
    datum = Markup('<span class="datum">{}</span>')
    return Markup(escape(ts(key, lang))).format(
        **{name: datum.format(value) for name, value in values.items()}
    )


def messages(request: Request, status: int, error: Exception, lang: Lang) -> list[Markup]:
    """What went wrong, in `lang`, from what the error knows (its cause, its parameter)."""
    cause = error.__cause__
    if isinstance(cause, UnknownYearError):
        years = ", ".join(map(str, cause.years)) or "—"
        return [_say("error_no_year", lang, year=cause.year, years=years)]
    if isinstance(cause, RegionNotFound):
        lines = [_say("error_no_region", lang, value=_shown(cause.text))]
        if cause.candidates:
            names = ", ".join(get_region(code).name(lang) for code in cause.candidates)
            lines.append(_say("error_closest", lang, names=names))
        return lines
    if isinstance(error, BadParameter):
        return [
            _say("error_bad_value", lang, name=error.name, value=_shown(error.value)),
            _say("error_allowed", lang, allowed=", ".join(error.allowed)),
        ]
    if isinstance(error, RequestValidationError):
        lines = []
        for item in error.errors():
            name = str(item["loc"][-1])
            if "input" in item and item["input"] is not None:
                lines.append(_say("error_bad_value", lang, name=name, value=_shown(item["input"])))
            else:
                lines.append(_say("error_bad_parameter", lang, name=name))
        return lines
    if status == 404:
        return [_say("error_no_page", lang, path=_shown(request.url.path))]
    # The data API names the parameter first: "limit='0': must be an integer from 1 to 1000".
    named = _PARAMETER.match(str(error))
    if status == 400 and named and named[1] in request.query_params:
        value = _shown(request.query_params[named[1]])
        return [_say("error_bad_value", lang, name=named[1], value=value)]
    return [_say("error_generic", lang)]


def error_response(request: Request, status: int, error: Exception, detail: str) -> HTMLResponse:
    lang = error_lang(request)
    page = error_page(
        lang, here_of(request), status, messages(request, status, error, lang), detail
    )
    return HTMLResponse(
        page,
        status_code=status,
        headers={"Content-Language": lang, "Vary": ", ".join(HTML_VARY)},
    )
