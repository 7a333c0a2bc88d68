"""/downloads: ready-made complete files of every collection, with size, sha256 and as-of date."""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any

import jinja2
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from api.dependencies import media_responses
from api.ogc.errors import OGCError
from api.ogc.params import MEDIA_TYPES, Format
from api.ogc.responses import conditional_response
from api.ogc.router import EXTENSIONS, as_of_label, collection_metadata, encode_file
from api.ogc.store import CollectionStore
from geo import features
from geo.attribution import BOUNDARY_ATTRIBUTION
from geo.formats import encode_features

FILE_FORMATS: tuple[Format, ...] = ("json", "csv", "gpkg")


@dataclass(frozen=True, slots=True)
class DownloadFile:
    name: str
    collection: str
    format: Format
    as_of: str
    size: int
    sha256: str
    body: bytes

    def listing(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "collection": self.collection,
            "format": self.format,
            "media_type": MEDIA_TYPES[self.format],
            "as_of": self.as_of,
            "bytes": self.size,
            "sha256": self.sha256,
            "href": f"/downloads/{self.name}",
        }


_PAGE = jinja2.Environment(autoescape=True).from_string(
    """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Downloads — accessmap-kz</title>
<link rel="icon" href="data:,">
<style>body{font-family:system-ui,Arial,sans-serif;margin:1rem;color:#1a1a1a}
table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:3px 8px}a{color:#0b4f8a}
code{font-size:.8rem}</style></head>
<body><main><h1>Downloads</h1>
<p>Complete files of every collection at full boundary resolution, data version {{ version }}.
Every file carries the definitions, as-of dates and sources of its figures.
Query subsets through the <a href="/ogc">OGC API</a>.</p>
<table><caption>Files</caption><thead><tr><th scope="col">File</th><th scope="col">Collection</th>
<th scope="col">As of</th><th scope="col">Size (bytes)</th><th scope="col">SHA-256</th></tr>
</thead><tbody>{% for f in files %}<tr><td><a href="/downloads/{{ f.name }}">{{ f.name }}</a></td>
<td>{{ f.collection }}</td><td>{{ f.as_of }}</td><td>{{ "{:,}".format(f.size) }}</td>
<td><code>{{ f.sha256 }}</code></td></tr>{% endfor %}</tbody></table>
</main><footer><p>{{ attribution }}</p></footer></body></html>"""
)


class DownloadBuilder:
    """Builds all files once per data version (a few MB in memory)."""

    def __init__(self, store: CollectionStore) -> None:
        self.store = store
        self._files: tuple[int, dict[str, DownloadFile]] | None = None
        self._lock = threading.Lock()

    def files(self, request: Request) -> dict[str, DownloadFile]:
        version = self.store.version()
        with self._lock:
            if self._files is not None and self._files[0] == version:
                return self._files[1]
            built = {}
            for collection_id in features.COLLECTIONS:
                collection = self.store.get(collection_id, "full")
                meta = collection_metadata(request, collection)
                for fmt in FILE_FORMATS:
                    body = self._encode(collection.frame, fmt, meta)
                    as_of = as_of_label(collection)
                    name = f"kz-accessibility-{collection_id}-{as_of}.{EXTENSIONS[fmt]}"
                    digest = hashlib.sha256(body).hexdigest()
                    built[name] = DownloadFile(
                        name, collection_id, fmt, as_of, len(body), digest, body
                    )
            self._files = (version, built)
            return built

    @staticmethod
    def _encode(frame: Any, fmt: Format, meta: dict[str, Any]) -> bytes:
        if fmt != "json":
            return encode_file(frame, fmt, meta)
        head = {
            "type": "FeatureCollection",
            "name": meta["id"],
            "as_of": meta["as_of"],
            "definitions": meta["definitions"],
            "sources": meta["sources"],
            "licence": meta["licence"],
            "licence_url": meta["licence_url"],
            "attribution": meta["attribution"],
        }
        members = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[1:-1]
        body = ",".join(feature.json for feature in encode_features(frame))
        return f'{{{members},"features":[{body}]}}'.encode()


def build_router(store: CollectionStore) -> APIRouter:
    router = APIRouter(tags=["downloads"])
    builder = DownloadBuilder(store)

    @router.get(
        "/downloads",
        summary="Ready-made complete files",
        responses=media_responses("text/html", "application/json"),
    )
    def downloads(request: Request, f: str = "html") -> Response:
        files = builder.files(request)
        if f == "json":
            return JSONResponse({"files": [item.listing() for item in files.values()]})
        if f != "html":
            raise OGCError(400, "InvalidParameterValue", f"unknown f={f!r}: use html or json")
        return HTMLResponse(
            _PAGE.render(
                files=list(files.values()),
                version=store.version(),
                attribution=BOUNDARY_ATTRIBUTION,
            )
        )

    @router.get(
        "/downloads/{name}",
        summary="One ready-made file",
        responses=media_responses(
            "application/geo+json", "text/csv", "application/geopackage+sqlite3"
        ),
    )
    def download(request: Request, name: str) -> Response:
        item = builder.files(request).get(name)
        if item is None:
            raise OGCError(404, "NotFound", f"no file {name!r}; see /downloads for the list")
        return conditional_response(
            request,
            item.body,
            MEDIA_TYPES[item.format],
            modified=store.modified(),
            filename=item.name,
        )

    return router
