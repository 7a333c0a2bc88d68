"""A directory served as a web server would serve it: static files, gzip for text (>= 500 B).

Stands in for hosting the Folium pages the map page is compared with, so that they are weighed
compressed as a sensible server would send them. BENCH_SITE names the directory.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

app = Starlette(
    routes=[Mount("/", StaticFiles(directory=os.environ["BENCH_SITE"], html=True))],
    middleware=[Middleware(GZipMiddleware, minimum_size=500)],
)
