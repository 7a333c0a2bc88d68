"""The site's plain pages other than the data API's: downloads, progress, history, errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from geo import features
from geo.definitions import Lang
from geo.i18n_site import ts
from render.site import Here, render_site

FORMAT_LABELS = {
    "json": "GeoJSON",
    "csv": "CSV",
    "xlsx": "Excel (XLSX)",
    "gpkg": "GeoPackage",
    "html": "HTML",
}


def downloads_page(lang: Lang, here: Here, version: str, files: Sequence[Mapping[str, Any]]) -> str:
    """/downloads: each collection's complete files with size, date and checksum."""
    groups = []
    for collection_id, info in features.COLLECTIONS.items():
        listed = [
            {**item, "label": FORMAT_LABELS.get(str(item["format"]), str(item["format"]))}
            for item in files
            if item["collection"] == collection_id
        ]
        if listed:
            groups.append(
                {
                    "id": collection_id,
                    "title": info.title[lang],
                    "description": info.description[lang],
                    "files": listed,
                }
            )
    return render_site(
        "site_downloads.html",
        lang,
        here,
        title=ts("downloads_title", lang),
        section="downloads",
        boundaries=True,
        version=version,
        groups=groups,
    )
