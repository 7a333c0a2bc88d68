"""Query parameters of the OGC API, each parsed and checked by its own dependency."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

import mimeparse
from fastapi import Depends, Header, Query

from api.numbers import whole_number
from api.ogc.errors import OGCError
from geo.indicators import VIEW_MODES, ViewMode
from geo.regions import RegionNotFound, resolve_region

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000
# Far beyond any collection here, small enough for every database's integer.
MAX_OFFSET = MAX_REVISION = 2**31 - 1
Format = Literal["json", "html", "csv", "gpkg", "xlsx"]
FORMAT_ALIASES: dict[str, Format] = {
    "json": "json",
    "geojson": "json",
    "html": "html",
    "csv": "csv",
    "gpkg": "gpkg",
    "xlsx": "xlsx",
}
MEDIA_TYPES: dict[Format, str] = {
    "json": "application/geo+json",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "gpkg": "application/geopackage+sqlite3",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The media types each format is served for. mimeparse breaks ties (equal quality and
# specificity, as under */*) in favour of the later entry: GeoJSON first, then HTML, then files.
_OFFERED: dict[str, Format] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/geopackage+sqlite3": "gpkg",
    "text/csv": "csv",
    "text/html": "html",
    "application/json": "json",
    "application/geo+json": "json",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$")


def _shown(value: str) -> str:
    """The value as the client sent it, cut short: an error message need not echo 5,000 digits."""
    return repr(value if len(value) <= 24 else value[:24] + "…")


def output_format(
    f: Annotated[str | None, Query(description="json (GeoJSON), html, csv, gpkg or xlsx")] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Format:
    if f is not None:
        chosen = FORMAT_ALIASES.get(f.lower())
        if chosen is None:
            raise OGCError(
                400,
                "InvalidParameterValue",
                f"unknown f={f!r}: use one of json, html, csv, gpkg, xlsx",
            )
        return chosen
    return negotiated_format(accept)


def negotiated_format(accept: str | None) -> Format:
    """The format an Accept header prefers, by quality then specificity (RFC 9110 §12.5.1);
    GeoJSON when it names nothing offered. Media ranges that cannot be parsed are ignored."""
    ranges = []
    for part in (accept or "").split(","):
        try:
            mimeparse.parse_media_range(part)
        except (mimeparse.MimeTypeParseException, ValueError):
            continue
        ranges.append(part)
    best = mimeparse.best_match(list(_OFFERED), ",".join(ranges)) if ranges else ""
    return _OFFERED.get(best, "json")


def page_limit(
    limit: Annotated[
        str | None, Query(description=f"1 to {MAX_LIMIT}, default {DEFAULT_LIMIT}")
    ] = None,
) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    number = whole_number(limit, 1, MAX_LIMIT)
    if number is None:
        raise OGCError(
            400,
            "InvalidParameterValue",
            f"limit={_shown(limit)}: must be an integer from 1 to {MAX_LIMIT}",
        )
    return number


def page_offset(offset: Annotated[str | None, Query(description="0 or more")] = None) -> int:
    if offset is None:
        return 0
    number = whole_number(offset, 0, MAX_OFFSET)
    if number is None:
        raise OGCError(
            400,
            "InvalidParameterValue",
            f"offset={_shown(offset)}: must be an integer from 0 to {MAX_OFFSET}",
        )
    return number


def bbox_filter(
    bbox: Annotated[str | None, Query(description="minLon,minLat,maxLon,maxLat (WGS84)")] = None,
) -> tuple[float, float, float, float] | None:
    if bbox is None:
        return None
    parts = bbox.split(",")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise OGCError(
            400,
            "InvalidParameterValue",
            f"bbox={bbox!r}: four (or six) comma-separated numbers expected",
        ) from None
    if len(numbers) == 6:  # 3D bbox: drop the heights
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4:
        raise OGCError(
            400,
            "InvalidParameterValue",
            f"bbox={bbox!r}: four (or six) numbers expected, got {len(parts)}",
        )
    minx, miny, maxx, maxy = numbers
    if not (
        -180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= 90 and -90 <= maxy <= 90
    ):
        raise OGCError(400, "InvalidParameterValue", f"bbox={bbox!r}: outside WGS84 lon/lat range")
    if minx > maxx or miny > maxy:
        raise OGCError(
            400,
            "InvalidParameterValue",
            f"bbox={bbox!r}: minimum above maximum (antimeridian boxes not supported)",
        )
    return (minx, miny, maxx, maxy)


@dataclass(frozen=True, slots=True)
class Interval:
    start: str | None  # ISO date, inclusive; None is open
    end: str | None

    def contains(self, as_of: str | None) -> bool:
        """Whether a (possibly partial) as-of date overlaps the interval."""
        if not as_of:
            return False
        first = as_of + "-01-01"[len(as_of) - 4 :] if len(as_of) < 10 else as_of
        last = as_of + "-12-31"[len(as_of) - 4 :] if len(as_of) < 10 else as_of
        return (self.start is None or last >= self.start) and (
            self.end is None or first <= self.end
        )


def _is_calendar_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def datetime_filter(
    datetime: Annotated[
        str | None, Query(description="instant or interval (a/b, ../b, a/..)")
    ] = None,
) -> Interval | None:
    if datetime is None:
        return None
    parts = datetime.split("/")
    if len(parts) > 2 or not all(p == ".." or _DATE.match(p) for p in parts):
        raise OGCError(
            400,
            "InvalidParameterValue",
            f"datetime={datetime!r}: RFC 3339 date or interval expected, "
            "e.g. 2025-12-05 or 2025-01-01/2025-12-31 or ../2025-12-31",
        )
    dates = [None if p == ".." else p[:10] for p in parts]
    for day in dates:
        if day is not None and not _is_calendar_date(day):
            raise OGCError(
                400,
                "InvalidParameterValue",
                f"datetime={_shown(datetime)}: {day} is no calendar date",
            )
    start, end = (dates[0], dates[0]) if len(dates) == 1 else (dates[0], dates[1])
    if start and end and start > end:
        raise OGCError(400, "InvalidParameterValue", f"datetime={datetime!r}: start after end")
    return Interval(start, end)


def property_list(
    properties: Annotated[str | None, Query(description="comma list of properties")] = None,
) -> list[str] | None:
    if properties is None:
        return None
    # Each name once, in the order asked; the id and the geometry come with every feature anyway.
    names = (p.strip() for p in properties.split(","))
    return list(dict.fromkeys(n for n in names if n and n not in ("id", "geometry")))


def resolution(
    resolution: Annotated[str, Query(description="boundary detail: web or full")] = "web",
) -> str:
    if resolution not in ("web", "full"):
        raise OGCError(400, "InvalidParameterValue", f"resolution={resolution!r}: use web or full")
    return resolution


def data_revision(
    revision: Annotated[
        str | None, Query(description="data revision to read (default: latest)")
    ] = None,
) -> int | None:
    if revision is None:
        return None
    number = whole_number(revision, 1, MAX_REVISION)
    if number is None:
        raise OGCError(
            400, "InvalidParameterValue", f"revision={_shown(revision)}: a positive integer"
        )
    return number


def regions_view(
    view: Annotated[
        str | None,
        Query(
            description="regions only, as on /map: latest (default; each figure's latest known "
            "value up to the end of `year`) or year (only figures dated in `year`)"
        ),
    ] = None,
) -> ViewMode | None:
    if view is None:
        return None
    mode = next((mode for mode in VIEW_MODES if mode == view), None)
    if mode is None:
        raise OGCError(
            400,
            "InvalidParameterValue",
            f"view={_shown(view)}: use {' or '.join(VIEW_MODES)}",
        )
    return mode


@dataclass(frozen=True, slots=True)
class Filters:
    iso_code: str | None
    kind: str | None
    status: str | None
    year: int | None


def property_filters(
    iso_code: Annotated[str | None, Query(description="region code or name")] = None,
    kind: Annotated[str | None, Query()] = None,
    status: Annotated[str | None, Query()] = None,
    year: Annotated[
        str | None,
        Query(description="accessibility: rows of this year; regions: the view of this year"),
    ] = None,
) -> Filters:
    code = None
    if iso_code is not None:
        code = "KZ" if iso_code.upper() == "KZ" else None
        if code is None:
            try:
                code = resolve_region(iso_code)
            except RegionNotFound as error:
                raise OGCError(400, "InvalidParameterValue", f"iso_code: {error}") from None
    number = None if year is None else whole_number(year, 1000, 9999)
    if year is not None and number is None:
        raise OGCError(
            400, "InvalidParameterValue", f"year={_shown(year)}: a four-digit year expected"
        )
    return Filters(code, kind, status, number)


FormatDep = Annotated[Format, Depends(output_format)]
LimitDep = Annotated[int, Depends(page_limit)]
OffsetDep = Annotated[int, Depends(page_offset)]
BBoxDep = Annotated[tuple[float, float, float, float] | None, Depends(bbox_filter)]
DatetimeDep = Annotated[Interval | None, Depends(datetime_filter)]
PropertiesDep = Annotated[list[str] | None, Depends(property_list)]
ResolutionDep = Annotated[str, Depends(resolution)]
FiltersDep = Annotated[Filters, Depends(property_filters)]
RevisionDep = Annotated[int | None, Depends(data_revision)]
RegionsViewDep = Annotated[ViewMode | None, Depends(regions_view)]
