"""/downloads: ready-made complete files of every collection, with size, sha256 and as-of date."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import openpyxl
import pyogrio
from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from api.dependencies import media_responses
from api.ogc.documents import EXTENSIONS, as_of_label, collection_metadata, encode_file
from api.ogc.errors import OGCError
from api.ogc.media import GeoJSONResponse
from api.ogc.models import DownloadedCollection
from api.ogc.params import MEDIA_TYPES, Format
from api.ogc.responses import (
    RELEASE,
    Validators,
    conditional_response,
    derived_validators,
)
from api.ogc.store import CollectionStore
from api.site import HTML_VARY, PageLangDep, here_of
from geo import features
from geo.formats import encode_features
from render.site_pages import downloads_page

FILE_FORMATS: tuple[Format, ...] = ("json", "csv", "xlsx", "gpkg")


class ListedFile(BaseModel):
    """One ready-made file as /downloads?f=json lists it."""

    name: str
    collection: str
    format: Format
    media_type: str
    as_of: str
    bytes: int = Field(ge=0)
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    href: str


class DownloadListing(BaseModel):
    files: list[ListedFile]


@dataclass(frozen=True, slots=True)
class DownloadFile:
    name: str
    collection: str
    format: Format
    as_of: str
    size: int
    sha256: str
    path: Path

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


class DownloadBuilder:
    """Builds all files once per data version into `directory`/v{version}/ (a few MB).

    Files on disk are served byte for byte with ranges (Starlette's FileResponse), which GDAL's
    /vsicurl/ and QGIS need to read a GeoPackage without downloading it whole.
    """

    def __init__(self, store: CollectionStore, directory: Path) -> None:
        self.store = store
        self.directory = directory
        self._files: tuple[str, dict[str, DownloadFile]] | None = None
        self._lock = threading.Lock()

    def files(self, request: Request) -> dict[str, DownloadFile]:
        version = self.store.version()
        with self._lock:
            if self._files is not None and self._files[0] == version:
                return self._files[1]
            built = {}
            folder = self.directory / folder_name(version)
            for collection_id in features.COLLECTIONS:
                collection = self.store.get(collection_id, "full")
                meta = collection_metadata(request, collection)
                for fmt in FILE_FORMATS:
                    as_of = as_of_label(collection)
                    name = f"kz-accessibility-{collection_id}-{as_of}.{EXTENSIONS[fmt]}"
                    path = folder / name
                    encode = partial(self._encode, collection.frame, fmt, meta, collection.modified)
                    body = publish_once(path, encode)
                    digest = hashlib.sha256(body).hexdigest()
                    built[name] = DownloadFile(
                        name, collection_id, fmt, as_of, len(body), digest, path
                    )
            previous = self._files[0] if self._files is not None else None
            self._files = (version, built)
            self._drop_others(keep={folder_name(v) for v in (version, previous) if v})
            return built

    def _drop_others(self, keep: set[str]) -> None:
        """Keep the previous version's files for responses still streaming them."""
        for old in self.directory.iterdir():
            if old.is_dir() and old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def _encode(frame: Any, fmt: Format, meta: dict[str, Any], modified: Any) -> bytes:
        if fmt != "json":
            return encode_file(frame, fmt, meta, modified)
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


def folder_name(version: str) -> str:
    """Files of one data version as written by this release with these libraries: a published
    file is never rewritten, so an upgrade writes its own rather than serve another's."""
    writer = f"{RELEASE}|{pyogrio.__gdal_version_string__}|{openpyxl.__version__}"
    return f"{version}-{hashlib.sha256(writer.encode()).hexdigest()[:8]}"


def publish_once(path: Path, build: Callable[[], bytes]) -> bytes:
    """The bytes published under `path`: those already there (from this or another process),
    else `build()`'s, published atomically and only once.

    A published file never changes, so every process lists the same size and checksum and
    serves the same bytes for one data version (GDAL's range reads may go to any worker), and
    a second worker does not rebuild what the first has written.
    """
    if path.exists():
        return path.read_bytes()
    body = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    partial.write_bytes(body)
    try:
        os.link(partial, path)  # fails if another process published first
    except FileExistsError:
        body = path.read_bytes()
    finally:
        partial.unlink()
    return body


def build_router(store: CollectionStore, directory: Path) -> APIRouter:
    router = APIRouter(tags=["downloads"])
    builder = DownloadBuilder(store, directory)

    @router.get(
        "/downloads",
        summary="Ready-made complete files",
        response_model=DownloadListing,
        responses=media_responses("text/html"),
    )
    def downloads(request: Request, lang: PageLangDep, f: str = "html") -> Response:
        if f not in ("html", "json"):
            raise OGCError(400, "InvalidParameterValue", f"unknown f={f!r}: use html or json")
        version = store.version()
        if f == "html":
            validators = derived_validators(
                request, version, store.modified(), variant=(f, lang), vary=HTML_VARY
            )
        else:
            validators = derived_validators(request, version, store.modified(), variant=(f,))
        if validators.not_modified(request):
            return validators.not_modified_response()
        files = builder.files(request)
        if f == "json":
            body = json.dumps({"files": [item.listing() for item in files.values()]}).encode()
            return conditional_response(request, body, "application/json", validators)
        listing = [item.listing() for item in files.values()]
        page = downloads_page(lang, here_of(request), version, listing)
        return conditional_response(request, page.encode(), "text/html; charset=utf-8", validators)

    @router.get(
        "/downloads/{name}",
        summary="One ready-made file",
        response_class=GeoJSONResponse,
        response_model=DownloadedCollection,
        responses=media_responses("text/csv", MEDIA_TYPES["xlsx"], MEDIA_TYPES["gpkg"]),
    )
    def download(request: Request, name: str) -> Response:
        item = builder.files(request).get(name)
        if item is None:
            raise OGCError(404, "NotFound", f"no file {name!r}; see /downloads for the list")
        # A strong tag of the exact bytes (the SHA-256 the listing publishes): If-Range needs it.
        validators = Validators(f'"{item.sha256[:32]}"', store.modified())
        if validators.not_modified(request):
            return validators.not_modified_response()
        return FileResponse(
            item.path,
            media_type=MEDIA_TYPES[item.format],
            headers=validators.headers(),
            filename=item.name,
        )

    return router
