"""The API explorers, /docs (Swagger UI) and /redoc, served from vendored assets.

FastAPI's defaults load them from a CDN, which leaves both pages blank offline or on an intranet.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

VENDOR = "/static/vendor"
LOCAL_IMAGES_ONLY = (
    '<meta http-equiv="Content-Security-Policy" content="img-src \'self\' data: blob:">'
)


def build_router(openapi_url: str, title: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title}: API",
            swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
            swagger_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
        )

    @router.get("/redoc")
    def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=openapi_url,
            title=f"{title}: API reference",
            redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js",
            redoc_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
            with_google_fonts=False,
        )
        # ReDoc shows its maker's logo from their CDN; images from this host only.
        html = bytes(page.body).decode().replace("<head>", f"<head>{LOCAL_IMAGES_ONLY}", 1)
        return HTMLResponse(html)

    return router
