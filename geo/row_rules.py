"""The checks every incoming row passes, seed file or upload: each rule once, its wording left out.

A check returns the value it accepts or raises ValueProblem(key, **values). Seed loading
(geo.sources) words the key in English with file and line; uploads (geo.upload_check,
geo.uploads) word it in the editor's language with the cell. So both paths refuse the same
dates, sources and regions, and each keeps the messages its readers know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from geo.regions import get_region, resolve_region
from geo.vocabulary import AS_OF_QUALITIES, AsOfQuality

Precision = Literal["day", "month", "year"]
_ISO_PARTIAL = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", re.ASCII)
_PRECISION: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}
URL = re.compile(r"^https?://\S+$")


class ValueProblem(ValueError):
    """A cell's value is not what its column needs; `key` and `values` name the message."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(key)


@dataclass(frozen=True, slots=True)
class AsOf:
    iso: str  # "2025-08-04", "2025-08" or "2025"
    precision: Precision

    @property
    def first_day(self) -> date:
        parts = [int(p) for p in self.iso.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])


def not_future(as_of: AsOf, today: date) -> AsOf:
    """A date is a past or present fact: one whose first day is after `today` is refused."""
    if as_of.first_day > today:
        raise ValueProblem("future_date", date=as_of.iso)
    return as_of


def iso_date(text: str, today: date) -> AsOf:
    """An ISO 8601 date, possibly partial ("2025", "2025-08", "2025-08-04"), not in the future."""
    if not _ISO_PARTIAL.fullmatch(text):
        raise ValueProblem("not_date", text=text)
    as_of = AsOf(text, _PRECISION[len(text)])
    try:
        as_of.first_day  # noqa: B018 - the calendar check itself
    except ValueError:
        raise ValueProblem("not_calendar_date", text=text) from None
    return not_future(as_of, today)


def as_of_quality(text: str, as_of: str | None) -> AsOfQuality:
    """A stated quality of `as_of` (vocabulary AS_OF_QUALITIES), checked against the date."""
    quality = next((q for q in AS_OF_QUALITIES if q == text), None)
    if quality is None:
        raise ValueProblem("unknown_quality", text=text, expected=", ".join(AS_OF_QUALITIES))
    if (quality == "undated") != (as_of is None):
        raise ValueProblem("quality_misfit", text=text, as_of=as_of)
    if quality in ("exact", "inferred") and as_of is not None and len(as_of) != 10:
        raise ValueProblem("quality_needs_day", text=text, as_of=as_of)
    return quality


def adapted_within_total(adapted: float | None, total: float | None) -> None:
    """Fully adapted objects are some of the objects on the map, never more."""
    if adapted is not None and total is not None and adapted > total:
        raise ValueProblem("adapted_over_total", adapted=adapted, total=total)


def source(text: str, *, url: bool) -> str:
    """Every figure names its source: any citation in the seed (`url=False`), a web address
    (http/https) in an upload, where nobody can look up a document in shared/seeds."""
    if not (URL.match(text) if url else text):
        raise ValueProblem("no_source")
    return text


def region_code(text: str, *, by_name: bool) -> str:
    """The ISO 3166-2:KZ code of a region: by code only (the seed writes codes), or by any of
    the names people write (uploads). Raises geo.regions.RegionNotFound (or AmbiguousRegion)."""
    if by_name:
        return resolve_region(text)
    code: str = get_region(text).iso_code
    return code
