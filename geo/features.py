"""Feature collections for downloads: what each collection holds and where its numbers come from.

Every figure keeps its as-of date and source in the same feature, and every collection carries the
definitions of its indicators, so a file cut loose from the service still explains itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.attribution import BOUNDARY_ATTRIBUTION, BOUNDARY_LICENCE, BOUNDARY_LICENCE_URL
from geo.definitions import INDICATORS_BY_CODE, NATIONAL_CODE, Lang
from geo.indicators import (
    VALUE_INDICATORS,
    ViewMode,
    regions_for_year,
    row_quality,
    view_year,
)

ACCESSIBILITY_INDICATORS = (*VALUE_INDICATORS, "objects_remaining_planned", "target_share")
# Counts are whole numbers: sent as integers (1578, never 1578.0); a fraction is an error.
COUNT_COLUMNS = ("objects_adapted", "objects_total", "objects_remaining_planned", "capacity")
# Dates the sources give to the day, the month or only the year ("2024", "2019-08"): each is
# sent as an ISO date (the first day of the period stated) with a `_precision` column beside it,
# so that a date column holds only dates and no reader takes "2024" for 1 January.
DATE_COLUMNS = (
    "as_of",
    "objects_adapted_as_of",
    "objects_total_as_of",
    "adapted_share_as_of",
    "source_date",
)
PRECISIONS = {4: "year", 7: "month", 10: "day"}
PRECISION_LENGTH = {name: length for length, name in PRECISIONS.items()}


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    id: str
    title: dict[Lang, str]
    description: dict[Lang, str]
    indicators: tuple[str, ...]
    geometry: str  # "polygon" or "point"
    temporal_property: str | None


COLLECTIONS: dict[str, CollectionInfo] = {
    info.id: info
    for info in (
        CollectionInfo(
            "regions",
            {
                "en": "Regions with their latest accessibility figures",
                "ru": "Регионы с последними данными о доступности",
                "kk": "Өңірлер және қолжетімділік туралы соңғы деректер",
            },
            {
                "en": "The 20 first-level regions (ISO 3166-2:KZ) with the latest comparable "
                "figures of each: adapted objects, registered objects, share adapted, each "
                "with its as-of date and source; missing figures are null.",
                "ru": "20 регионов первого уровня (ISO 3166-2:KZ) с последними сопоставимыми "
                "данными: адаптированные объекты, объекты на карте, доля, у каждого числа "
                "дата и источник; отсутствующие значения пусты.",
                "kk": "Бірінші деңгейдегі 20 өңір (ISO 3166-2:KZ) соңғы салыстырмалы деректерімен: "
                "бейімделген нысандар, картадағы нысандар, үлес; әр санның күні мен "
                "дереккөзі бар, жоқ мәндер бос.",
            },
            VALUE_INDICATORS,
            "polygon",
            None,
        ),
        CollectionInfo(
            "accessibility",
            {
                "en": "Accessibility figures by region and date",
                "ru": "Показатели доступности по регионам и датам",
                "kk": "Өңірлер мен күндер бойынша қолжетімділік көрсеткіштері",
            },
            {
                "en": "One feature per region (or KZ for the country) and source row: every "
                "published figure with its as-of date, source, derivation and note, and "
                "whether it is comparable with the 2023-2027 roadmap. The point lies inside "
                "the region; join to regions by iso_code for boundaries.",
                "ru": "Одна запись на регион (или KZ для страны) и строку источника: каждое "
                "опубликованное число с датой, источником, способом расчёта, примечанием и "
                "признаком сопоставимости с дорожной картой 2023-2027.",
                "kk": "Әр өңір (немесе ел үшін KZ) және дереккөз жолы үшін бір жазба: әр "
                "жарияланған сан күнімен, дереккөзімен, есептеу тәсілімен және 2023-2027 жол "
                "картасымен салыстырмалылығымен.",
            },
            ACCESSIBILITY_INDICATORS,
            "point",
            "as_of",
        ),
        CollectionInfo(
            "rehab-centers",
            {
                "en": "Rehabilitation centres",
                "ru": "Реабилитационные центры",
                "kk": "Оңалту орталықтары",
            },
            {
                "en": "Rehabilitation centres identified one by one in published sources, with "
                "operator, capacity, status and opening as the source gives them. Points "
                "are the settlement's gazetteer point (approximate) or null.",
                "ru": "Реабилитационные центры, найденные по одному в опубликованных источниках: "
                "оператор, вместимость, статус и открытие как в источнике. Точка - "
                "населённый пункт по справочнику (приблизительно) или пусто.",
                "kk": "Жарияланған дереккөздерден жеке анықталған оңалту орталықтары: оператор, "
                "сыйымдылық, мәртебе және ашылуы дереккөздегідей. Нүкте - елді мекен "
                "(шамамен) немесе бос.",
            },
            (),
            "point",
            None,
        ),
        CollectionInfo(
            "autism-centers",
            {"en": "Autism centres", "ru": "Центры аутизма", "kk": "Аутизм орталықтары"},
            {
                "en": "Autism centres identified one by one in published sources; see "
                "rehab-centers for the fields.",
                "ru": "Центры аутизма, найденные по одному в опубликованных источниках; поля как "
                "у rehab-centers.",
                "kk": "Жарияланған дереккөздерден жеке анықталған аутизм орталықтары; өрістері "
                "rehab-centers сияқты.",
            },
            (),
            "point",
            None,
        ),
    )
}

REGION_FIGURES = (
    ("adapted", "objects_adapted"),
    ("registered", "objects_total"),
    ("share", "adapted_share"),
)
CENTRE_KIND = {"rehab-centers": "rehab_center", "autism-centers": "autism_center"}


def licence() -> dict[str, str]:
    return {
        "licence": BOUNDARY_LICENCE,
        "licence_url": BOUNDARY_LICENCE_URL,
        "attribution": BOUNDARY_ATTRIBUTION,
    }


def definitions(collection: str) -> dict[str, dict[str, str]]:
    """Indicator code -> unit and definitions in three languages."""
    return {
        code: {
            "unit": INDICATORS_BY_CODE[code].unit,
            **{str(lang): text for lang, text in INDICATORS_BY_CODE[code].definition.items()},
        }
        for code in COLLECTIONS[collection].indicators
    }


def date_and_precision(value: object) -> tuple[str | None, str | None]:
    """'2024' -> ('2024-01-01', 'year'); '2019-08' -> ('2019-08-01', 'month'); a day stays."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None, None
    text = str(value)
    precision = PRECISIONS.get(len(text))
    if precision is None:
        raise ValueError(f"{text!r} is not an ISO date, year-month or year")
    return text + "-01-01"[len(text) - 4 :], precision


def partial_date(date: str | None, precision: str | None) -> str | None:
    """The date as the source stated it: the inverse of date_and_precision."""
    if date is None or precision is None:
        return date
    return date[: PRECISION_LENGTH[precision]]


def typed(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Counts as nullable integers; partial dates as ISO dates with their precision beside."""
    frame = frame.copy()
    for column in COUNT_COLUMNS:
        if column in frame:
            frame[column] = frame[column].astype("Float64").astype("Int64")
    for column in DATE_COLUMNS:
        if column not in frame:
            continue
        # Per distinct value: a long history repeats the same few hundred dates.
        seen: dict[object, tuple[str | None, str | None]] = {}
        pairs = [
            seen[value] if value in seen else seen.setdefault(value, date_and_precision(value))
            for value in frame[column].tolist()
        ]
        frame[column] = pd.array([date for date, _ in pairs], dtype="string")
        position = int(frame.columns.get_loc(column)) + 1
        frame.insert(
            position, f"{column}_precision", pd.array([p for _, p in pairs], dtype="string")
        )
    return frame


def _names(regions: gpd.GeoDataFrame) -> pd.DataFrame:
    return pd.DataFrame(regions[["iso_code", "kind", "name_kk", "name_ru", "name_en"]])


def regions_collection(
    regions: gpd.GeoDataFrame,
    observations: pd.DataFrame,
    year: int | None = None,
    mode: ViewMode = "latest",
) -> gpd.GeoDataFrame:
    """Each region in the map's view of `year` and `mode` (default: each figure's latest known
    value, as the map opens), each figure with its own date and source."""
    codes = [str(code) for code in regions["iso_code"]]
    chosen = view_year(observations, year, mode)
    figures = {} if chosen is None else regions_for_year(observations, codes, chosen, mode)
    rows = []
    for code in codes:
        mine = figures.get(code)
        row: dict[str, object] = {"iso_code": code, "status": mine.status if mine else "no_data"}
        for attribute, indicator in REGION_FIGURES:
            figure = getattr(mine, attribute) if mine is not None else None
            row[indicator] = figure.value if figure else None
            row[f"{indicator}_as_of"] = figure.as_of if figure else None
            row[f"{indicator}_as_of_quality"] = figure.as_of_quality if figure else None
            row[f"{indicator}_source"] = figure.source if figure else None
        row["adapted_share_derivation"] = mine.share.derivation if mine and mine.share else None
        rows.append(row)
    frame = _names(regions).merge(pd.DataFrame(rows), on="iso_code")
    return typed(
        gpd.GeoDataFrame(
            frame.assign(id=frame["iso_code"]), geometry=regions.geometry.values, crs="EPSG:4326"
        )
    )


def accessibility_collection(
    regions: gpd.GeoDataFrame, observations: pd.DataFrame
) -> gpd.GeoDataFrame:
    """One feature per area and source row, indicators as columns (null where not stated)."""
    values = observations[observations["indicator"].isin(ACCESSIBILITY_INDICATORS)].copy()
    values["as_of_key"] = values["as_of"].fillna("")
    keys = ["area_code", "as_of_key", "source"]
    wide = values.pivot_table(index=keys, columns="indicator", values="value", aggfunc="first")
    meta = values.groupby(keys, dropna=False).agg(
        as_of=("as_of", "first"),
        as_of_quality=("as_of_quality", "first"),
        year=("as_of_year", "first"),
        source_date=("source_date", "first"),
        derivation=("derivation", "first"),
        note=("note", "first"),
        comparable=("comparable", "first"),
    )
    table = meta.join(wide).reset_index()
    for code in ACCESSIBILITY_INDICATORS:
        if code not in table:
            table[code] = np.nan
    table = table.sort_values(["area_code", "as_of_key", "source"], ignore_index=True)
    # A stable id: area, date and a digest of the source (the same row keeps its id).
    digests = {
        source: hashlib.sha1(source.encode()).hexdigest()[:8] for source in table["source"].unique()
    }
    table.insert(
        0,
        "id",
        [
            f"{area}_{as_of or 'undated'}_{digests[source]}"
            for area, as_of, source in zip(
                table["area_code"].tolist(),
                table["as_of_key"].tolist(),
                table["source"].tolist(),
                strict=True,
            )
        ],
    )
    # A time series needs no boundary per row: each row gets a point inside its area (join to
    # `regions` by iso_code for shapes). Repeating the country outline made files 100x larger.
    shapes = regions.set_index("iso_code").geometry
    points = shapes.representative_point()
    country = shapely.coverage_union_all(np.asarray(shapes.values)).representative_point()
    places = {**points.to_dict(), NATIONAL_CODE: country}
    geometry = [places[code] for code in table["area_code"].tolist()]
    names = {
        **dict(zip(regions["iso_code"], regions["name_en"], strict=True)),
        NATIONAL_CODE: "Kazakhstan",
    }
    table["name_en"] = table["area_code"].map(names)
    # Uploaded rows may state no date quality: they get what their date implies (one rule).
    table["as_of_quality"] = [
        row_quality({"as_of": as_of, "as_of_quality": quality})
        for as_of, quality in zip(
            table["as_of"].tolist(), table["as_of_quality"].tolist(), strict=True
        )
    ]
    table = table.drop(columns=["as_of_key"]).rename(columns={"area_code": "iso_code"})
    return typed(gpd.GeoDataFrame(table, geometry=geometry, crs="EPSG:4326"))


def centres_collection(centres: gpd.GeoDataFrame, collection: str) -> gpd.GeoDataFrame:
    kind = CENTRE_KIND[collection]
    frame = centres[centres["kind"] == kind].drop(columns=["origin", "revision_id"])
    frame = frame.assign(id=frame["id"].astype(str))
    return typed(gpd.GeoDataFrame(frame, geometry=frame.geometry, crs="EPSG:4326"))
