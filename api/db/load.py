"""Load boundaries and the sourced seed tables into the database, in one transaction.

Loading is a sync, not an append: rows that came from the seed files are inserted, updated or
deleted so that the database matches the files, and loading twice changes nothing the second time.
Rows that came from uploads are never touched here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import geopandas as gpd
from geoalchemy2.shape import from_shape, to_shape
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from api.db import models
from geo import sources
from geo.boundaries import area_km2
from geo.centres import place_centre
from geo.definitions import INDICATORS
from geo.regions import get_region

Progress = Callable[[str, int, int], None]
SEED_ORIGIN = "seed"


@dataclass(slots=True)
class TableChanges:
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)


@dataclass(slots=True)
class LoadReport:
    tables: dict[str, TableChanges] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    revision_id: int | None = None
    unplaced_centres: list[str] = field(default_factory=list)


def _no_progress(_step: str, _done: int, _total: int) -> None:
    return None


class _Revision:
    """Creates the seed revision row on the first change only."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.row: models.DataRevision | None = None

    def id(self) -> int:
        if self.row is None:
            self.row = models.DataRevision(
                created_at=datetime.now(UTC),
                origin=SEED_ORIGIN,
                author=None,
                description="seed files loaded (accessmap seed)",
            )
            self.session.add(self.row)
            self.session.flush()
        return self.row.id


def _assign(row: Any, values: dict[str, Any]) -> bool:
    """Set attributes that differ; return whether anything changed."""
    changed = False
    for name, value in values.items():
        current = getattr(row, name)
        if name.startswith("geom") and current is not None and value is not None:
            same = to_shape(current).equals_exact(to_shape(value), 0.0)
        else:
            same = current == value
        if not same:
            setattr(row, name, value)
            changed = True
    return changed


def _sync(
    session: Session,
    model: type[Any],
    existing: dict[Any, Any],
    desired: dict[Any, dict[str, Any]],
    revision: _Revision | None,
    progress: Progress,
    step: str,
) -> TableChanges:
    changes = TableChanges()
    total = len(desired)
    for done, (key, values) in enumerate(desired.items(), start=1):
        row = existing.pop(key, None)
        if row is None:
            if revision is not None:
                values = {**values, "revision_id": revision.id()}
            session.add(model(**values))
            changes.inserted += 1
        elif _assign(row, values):
            if revision is not None:
                row.revision_id = revision.id()
            changes.updated += 1
        else:
            changes.unchanged += 1
        progress(step, done, total)
    for row in existing.values():
        session.delete(row)
        changes.deleted += 1
    if changes.deleted and revision is not None:
        revision.id()
    return changes


def _region_values(levels: dict[str, gpd.GeoDataFrame]) -> dict[str, dict[str, Any]]:
    full = levels["full"].set_index("iso_code")
    areas = dict(zip(levels["full"]["iso_code"], area_km2(levels["full"]), strict=True))
    desired: dict[str, dict[str, Any]] = {}
    for iso_code in full.index:
        region = get_region(str(iso_code))
        desired[region.iso_code] = {
            "iso_code": region.iso_code,
            "kind": region.kind,
            "name_kk": region.name_kk,
            "name_ru": region.name_ru,
            "name_en": region.name_en,
            "short_en": region.short_en,
            "centre_kk": region.centre_kk,
            "centre_ru": region.centre_ru,
            "centre_en": region.centre_en,
            "source_pcode": str(full.loc[iso_code, "source_pcode"]),
            "area_km2": round(float(areas[iso_code]), 1),
            **{
                column: from_shape(
                    levels[level].set_index("iso_code").geometry[iso_code], srid=models.SRID
                )
                for column, level in (("geom", "full"), ("geom_web", "web"), ("geom_lite", "lite"))
            },
        }
    return desired


def _observation_values(observation: sources.Observation) -> dict[str, Any]:
    year = int(observation.as_of[:4]) if observation.as_of else None
    return {
        "area_code": observation.area_code,
        "indicator": observation.indicator,
        "as_of": observation.as_of,
        "as_of_year": year,
        "as_of_quality": observation.as_of_quality,
        "value": observation.value,
        "value_text": observation.value_text,
        "source": observation.source,
        "source_date": observation.source_date,
        "derivation": observation.derivation,
        "note": observation.note,
        "comparable": observation.comparable,
        "origin": SEED_ORIGIN,
    }


def _centre_values(centre: sources.Centre, regions: gpd.GeoDataFrame) -> dict[str, Any]:
    placement = place_centre(centre, regions.set_index("iso_code").geometry[centre.iso_code])
    return {
        "kind": centre.kind,
        "name": centre.name,
        "operator": centre.operator,
        "iso_code": centre.iso_code,
        "settlement": centre.settlement,
        "address": centre.address,
        "capacity": centre.capacity,
        "capacity_text": centre.capacity_text,
        "status": centre.status,
        "status_text": centre.status_text,
        "opening": centre.opening,
        "source": centre.source,
        "source_date": centre.source_date,
        "note": centre.note,
        "location_precision": placement.precision,
        "location_source": placement.source,
        "geom": None if placement.point is None else from_shape(placement.point, srid=models.SRID),
        "origin": SEED_ORIGIN,
    }


def _observation_key(row: models.Observation) -> tuple[str, str, str, str]:
    return (row.area_code, row.indicator, row.as_of or "", row.source)


def _centre_key(row: models.Centre) -> tuple[str, str, str]:
    return (row.kind, row.iso_code, row.name)


def load_all(
    engine: Engine,
    levels: dict[str, gpd.GeoDataFrame],
    tables: sources.SeedTables,
    *,
    progress: Progress = _no_progress,
) -> LoadReport:
    """Sync regions, indicators, observations and centres in a single transaction."""
    report = LoadReport()
    desired_centres = {
        centre.key: _centre_values(centre, levels["full"]) for centre in tables.centres
    }
    report.unplaced_centres = [
        f"{values['name']} ({values['settlement'] or 'no settlement'})"
        for values in desired_centres.values()
        if values["geom"] is None
    ]
    with Session(engine) as session, session.begin():
        revision = _Revision(session)
        indicators = {
            item.code: {
                "code": item.code,
                "unit": item.unit,
                **{f"name_{lang}": text for lang, text in item.name.items()},
                **{f"definition_{lang}": text for lang, text in item.definition.items()},
            }
            for item in INDICATORS
        }
        existing_indicators = {row.code: row for row in session.scalars(select(models.Indicator))}
        report.tables["indicators"] = _sync(
            session, models.Indicator, existing_indicators, indicators, None, progress, "indicators"
        )
        existing_regions = {row.iso_code: row for row in session.scalars(select(models.Region))}
        report.tables["regions"] = _sync(
            session,
            models.Region,
            existing_regions,
            _region_values(levels),
            None,
            progress,
            "regions",
        )
        session.flush()
        seed_rows: Sequence[models.Observation] = session.scalars(
            select(models.Observation).where(models.Observation.origin == SEED_ORIGIN)
        ).all()
        report.tables["observations"] = _sync(
            session,
            models.Observation,
            {_observation_key(row): row for row in seed_rows},
            {o.key: _observation_values(o) for o in tables.observations},
            revision,
            progress,
            "observations",
        )
        seed_centres = session.scalars(
            select(models.Centre).where(models.Centre.origin == SEED_ORIGIN)
        ).all()
        report.tables["centres"] = _sync(
            session,
            models.Centre,
            {_centre_key(row): row for row in seed_centres},
            desired_centres,
            revision,
            progress,
            "centres",
        )
        if report.tables["regions"].changed or report.tables["indicators"].changed:
            revision.id()
        session.flush()
        report.revision_id = revision.row.id if revision.row is not None else None
        for name, model in (
            ("regions", models.Region),
            ("indicators", models.Indicator),
            ("observations", models.Observation),
            ("centres", models.Centre),
            ("data_revisions", models.DataRevision),
        ):
            report.row_counts[name] = session.scalar(select(func.count()).select_from(model)) or 0
    return report
