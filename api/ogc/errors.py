"""OGC-style JSON exceptions: a code and a description naming the problem, never a 500 page.

A browser navigating (Accept prefers text/html) gets the same status as a page it can read
(api.error_pages); every other client gets the JSON.
"""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.error_pages import error_response
from api.site import HTML_VARY, prefers_html


class OGCError(Exception):
    def __init__(self, status: int, code: str, description: str) -> None:
        super().__init__(description)
        self.status, self.code, self.description = status, code, description


def _response(
    request: Request, error: Exception, status: int, code: str, description: str
) -> Response:
    if status < 500 and prefers_html(request.headers.get("accept")):
        return error_response(request, status, error, description)
    return JSONResponse(
        {"code": code, "description": description},
        status_code=status,
        headers={"Vary": ", ".join(HTML_VARY)},
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(OGCError)
    async def ogc_error(request: Request, error: OGCError) -> Response:
        return _response(request, error, error.status, error.code, error.description)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'][1:]) or item['loc'][0]}: {item['msg']}"
            for item in error.errors()
        )
        return _response(request, error, 400, "InvalidParameterValue", problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        code = "NotFound" if error.status_code == 404 else "InvalidParameterValue"
        return _response(request, error, error.status_code, code, str(error.detail))
