"""Apply an official's upload as a new data revision, in one transaction, with its audit entry.

History is kept, never overwritten: an upload adds observation rows under its own revision; the
figure in force for a (region, indicator, date, source) is the one of the latest revision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from api.db import models
from api.db.engine import for_writes
from geo.definitions import Lang
from geo.uploads import UploadRow, region_name

UPLOAD_ORIGIN = "upload"
# The figures a row may state; a share is stored only when the table states it.
UPLOAD_INDICATORS = ("objects_adapted", "objects_total", "adapted_share")


@dataclass(slots=True)
class Diff:
    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not self.new and not self.changed


InForce = dict[tuple[str, str, str, str], tuple[float | None, str | None]]


def _in_force(session: Session) -> InForce:
    rows = session.execute(
        select(
            models.Observation.area_code,
            models.Observation.indicator,
            models.Observation.as_of,
            models.Observation.source,
            models.Observation.value,
            models.Observation.note,
        ).order_by(models.Observation.revision_id, models.Observation.id)
    ).all()
    return {(a, i, d or "", s): (v, n) for a, i, d, s, v, n in rows}


def diff_upload(session: Session, rows: list[UploadRow], lang: Lang = "en") -> Diff:
    """Each stated figure against the one in force for its region, indicator, date and source.

    A figure is changed when its value differs, or when the upload gives a note (or categories)
    that differs from the stored one: a note is data too and is never dropped silently.
    """
    current = _in_force(session)
    diff = Diff()
    for row in rows:
        for indicator, value in row.figures():
            key = (row.iso_code, indicator, row.as_of, row.source)
            item = {
                "row": row.row,
                "where": row.where,
                "iso_code": row.iso_code,
                "region": region_name(row.iso_code, lang),
                "indicator": indicator,
                "as_of": row.as_of,
                "as_of_precision": row.as_of_precision,
                "as_of_from": row.as_of_from,
                "source": row.source,
                "value": value,
                "note": row.note,
            }
            if key not in current:
                diff.new.append(item)
                continue
            previous, previous_note = current[key]
            if previous != value or (row.note is not None and row.note != previous_note):
                diff.changed.append({**item, "previous": previous, "previous_note": previous_note})
            else:
                diff.unchanged += 1
    return diff


def audit(
    session: Session,
    *,
    actor: str | None,
    role: str | None,
    action: str,
    outcome: str,
    client: str,
    detail: dict[str, Any],
    revision_id: int | None = None,
) -> None:
    session.add(
        models.AuditEntry(
            at=datetime.now(UTC),
            actor=actor,
            role=role,
            action=action,
            outcome=outcome,
            client=client,
            revision_id=revision_id,
            detail=json.dumps(detail, ensure_ascii=False),
        )
    )


def apply_upload(
    engine: Engine,
    rows: list[UploadRow],
    *,
    actor: str,
    role: str,
    client: str,
    description: str,
    dry_run: bool,
    lang: Lang = "en",
) -> tuple[Diff, int | None]:
    """The diff, and the new revision id (None for a dry run or an upload that changes nothing)."""
    with Session(for_writes(engine)) as session, session.begin():
        diff = diff_upload(session, rows, lang)
        summary = {
            "rows": len(rows),
            "new": len(diff.new),
            "changed": len(diff.changed),
            "unchanged": diff.unchanged,
            "description": description,
        }
        if dry_run or diff.empty:
            audit(
                session,
                actor=actor,
                role=role,
                action="upload",
                outcome="dry-run" if dry_run else "no-change",
                client=client,
                detail=summary,
            )
            return diff, None
        revision = models.DataRevision(
            created_at=datetime.now(UTC),
            origin=UPLOAD_ORIGIN,
            author=actor,
            description=description,
        )
        session.add(revision)
        session.flush()
        for item in diff.new + diff.changed:
            session.add(
                models.Observation(
                    area_code=item["iso_code"],
                    indicator=item["indicator"],
                    as_of=item["as_of"],
                    as_of_year=int(item["as_of"][:4]),
                    value=float(item["value"]),
                    value_text=None,
                    source=item["source"],
                    source_date=None,
                    derivation=None,
                    # The official's note and categories; who uploaded it, when and why is
                    # the revision's (author, created_at, description).
                    note=item["note"] or f"uploaded by {actor}: {description}",
                    comparable=True,
                    origin=UPLOAD_ORIGIN,
                    revision_id=revision.id,
                )
            )
        audit(
            session,
            actor=actor,
            role=role,
            action="upload",
            outcome="committed",
            client=client,
            detail=summary,
            revision_id=revision.id,
        )
        return diff, revision.id
