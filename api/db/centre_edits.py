"""Add, correct and close centres; a change is a new row, the old one is kept and points to it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import shapely
from geoalchemy2.shape import from_shape, to_shape
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from api.db import models, queries
from api.db.engine import for_writes
from api.db.uploads import UPLOAD_ORIGIN, audit
from geo.centres import place_centre
from geo.sources import Centre as CentreRecord
from geo.vocabulary import CENTRE_FIELDS

# A new revision carries every stored field of the one it supersedes, changed or not.
COPIED = CENTRE_FIELDS


class CentreEditError(LookupError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _placement(engine: Engine, values: dict[str, Any]) -> tuple[Any, str, str | None]:
    if values.get("lon") is not None:
        point = shapely.Point(values["lon"], values["lat"])
        return from_shape(point, srid=models.SRID), "given", "coordinates given by the editor"
    regions = queries.regions_frame(engine, "full").set_index("iso_code")
    record = CentreRecord(
        name=values["name"],
        kind=values["kind"],
        operator=None,
        iso_code=values["iso_code"],
        settlement=values.get("settlement"),
        address=None,
        capacity=None,
        capacity_text=None,
        status=values["status"],
        status_text=values["status"],
        opening=None,
        source=values["source"],
        source_date=None,
        note=None,
    )
    placed = place_centre(record, regions.geometry[values["iso_code"]])
    geometry = None if placed.point is None else from_shape(placed.point, srid=models.SRID)
    return geometry, placed.precision, placed.source


def save_centre(
    engine: Engine,
    values: dict[str, Any],
    *,
    previous_id: int | None,
    reason: str | None,
    actor: str,
    role: str,
    client: str,
    action: str,
) -> tuple[int, int]:
    """Write the new centre row (superseding `previous_id` if given); return (id, revision).

    Of several concurrent edits of one record exactly one wins: the superseding UPDATE only
    matches a record that is still current, and a loser (0 rows) rolls back with a 409."""
    with Session(for_writes(engine)) as session, session.begin():
        merged = dict(values)
        old = None
        if previous_id is not None:
            old = current_record(session, previous_id)
            merged = {name: getattr(old, name) for name in COPIED} | values
            if "lon" not in values and "settlement" not in values and "iso_code" not in values:
                point = to_shape(old.geom) if old.geom is not None else None  # type: ignore[arg-type]
                merged["lon"], merged["lat"] = (point.x, point.y) if point else (None, None)
        revision = models.DataRevision(
            created_at=datetime.now(UTC),
            origin=UPLOAD_ORIGIN,
            author=actor,
            description=f"{action}: {reason or ''}",
        )
        session.add(revision)
        session.flush()
        if old is not None and old.geom is not None and merged.get("lon") is not None:
            geometry, precision, location = old.geom, old.location_precision, old.location_source
        else:
            geometry, precision, location = _placement(engine, merged)
        row = models.Centre(
            **{name: merged.get(name) for name in COPIED},
            status_text=merged["status"],
            location_precision=precision,
            location_source=location,
            geom=geometry,
            origin=UPLOAD_ORIGIN,
            revision_id=revision.id,
            change_reason=reason,
        )
        session.add(row)
        session.flush()
        if old is not None:
            claimed = session.execute(
                update(models.Centre)
                .where(models.Centre.id == previous_id, models.Centre.superseded_by.is_(None))
                .values(superseded_by=row.id)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                raise _replaced(old.id, None)
        audit(
            session,
            actor=actor,
            role=role,
            action=action,
            outcome="committed",
            client=client,
            detail={
                "centre": row.id,
                "previous": previous_id,
                "reason": reason,
                "changes": {k: v for k, v in values.items() if k not in ("lon", "lat")},
            },
            revision_id=revision.id,
        )
        return row.id, revision.id


def _replaced(centre_id: int, by: int | None) -> CentreEditError:
    replacement = f"by {by}" if by is not None else "by another edit a moment ago"
    return CentreEditError(
        409, f"centre {centre_id} was already replaced {replacement}; change the current record"
    )


def current_record(session: Session, centre_id: int) -> models.Centre:
    """The record to supersede; 404 if there is none, 409 if it is no longer the current one."""
    old = session.get(models.Centre, centre_id)
    if old is None:
        raise CentreEditError(404, f"no centre {centre_id}")
    if old.superseded_by is not None:
        raise _replaced(centre_id, old.superseded_by)
    return old


def centre_history(engine: Engine, centre_id: int) -> list[dict[str, Any]]:
    """The centre's rows from its first record to the one in force."""
    with Session(engine) as session:
        rows = {r.id: r for r in session.scalars(select(models.Centre)).all()}
    if centre_id not in rows:
        raise CentreEditError(404, f"no centre {centre_id}")
    previous_of = {r.superseded_by: r.id for r in rows.values() if r.superseded_by is not None}
    first = centre_id
    while first in previous_of:
        first = previous_of[first]
    chain: list[models.Centre] = []
    current: models.Centre | None = rows[first]
    while current is not None:
        chain.append(current)
        current = rows.get(current.superseded_by) if current.superseded_by else None
    return [
        {
            "id": r.id,
            "status": r.status,
            "capacity": r.capacity,
            "revision_id": r.revision_id,
            "reason": r.change_reason,
            "superseded_by": r.superseded_by,
        }
        for r in chain
    ]
