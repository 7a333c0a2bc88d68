"""OGC-style JSON exceptions: a code and a description naming the problem, never a 500 page."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class OGCError(Exception):
    def __init__(self, status: int, code: str, description: str) -> None:
        super().__init__(description)
        self.status, self.code, self.description = status, code, description


def _response(status: int, code: str, description: str) -> JSONResponse:
    return JSONResponse({"code": code, "description": description}, status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(OGCError)
    async def ogc_error(_request: Request, error: OGCError) -> JSONResponse:
        return _response(error.status, error.code, error.description)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'][1:]) or item['loc'][0]}: {item['msg']}"
            for item in error.errors()
        )
        return _response(400, "InvalidParameterValue", problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = "NotFound" if error.status_code == 404 else "InvalidParameterValue"
        return _response(error.status_code, code, str(error.detail))
