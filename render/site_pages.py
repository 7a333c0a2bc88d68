"""The site's plain pages other than the data API's: downloads, progress, history, errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from geo import features
from geo.definitions import NATIONAL_CODE, Lang
from geo.i18n import t
from geo.i18n_site import ts
from geo.programme import ROADMAP_FIRST_YEAR, ROADMAP_LAST_YEAR
from geo.regions import get_region
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


def _area_name(code: str, lang: Lang) -> str:
    return t("country", lang) if code == NATIONAL_CODE else get_region(code).name(lang)


def progress_page(lang: Lang, here: Here, progress: Mapping[str, Any]) -> str:
    """/stats/progress as a table: each area's gap, pace and projection to the year's target."""
    areas = [{**area, "name": _area_name(area["area_code"], lang)} for area in progress["areas"]]
    year = progress["year"]
    return render_site(
        "site_progress.html",
        lang,
        here,
        title=ts("progress_title", lang, year=year),
        section="progress",
        year=year,
        target=progress["target_share"],
        areas=areas,
        years=[
            (other, here.with_query(year=other, f="html"))
            for other in range(ROADMAP_FIRST_YEAR, ROADMAP_LAST_YEAR + 1)
        ],
    )


def history_page(lang: Lang, here: Here, revisions: Sequence[Mapping[str, Any]]) -> str:
    """/admin/history as a table of the data's revisions, newest first."""
    origins = {"seed": ts("origin_seed", lang), "upload": ts("origin_upload", lang)}
    rows = [
        {
            **revision,
            "origin_label": origins.get(str(revision["origin"]), revision["origin"]),
            "when": str(revision["created_at"])[:16].replace("T", " "),
        }
        for revision in revisions
    ]
    return render_site(
        "site_history.html",
        lang,
        here,
        title=ts("history_title", lang),
        section="history",
        revisions=rows,
    )


def error_page(
    lang: Lang, here: Here, status: int, messages: Sequence[str], detail: str | None
) -> str:
    """A 4xx for a person: what went wrong in `lang`, the technical detail, the way back."""
    key = f"error_title_{status}" if status in (400, 404) else "error_title_other"
    return render_site(
        "site_error.html",
        lang,
        here,
        title=ts(key, lang),
        section=None,
        status=status,
        messages=messages,
        detail=detail,
    )
