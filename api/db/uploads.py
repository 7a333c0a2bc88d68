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
from geo.uploads import UploadRow

UPLOAD_ORIGIN = "upload"
UPLOAD_INDICATORS = ("objects_adapted", "objects_total")


@dataclass(slots=True)
class Diff:
    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not self.new and not self.changed


def _in_force(session: Session) -> dict[tuple[str, str, str, str], float | None]:
    rows = session.execute(
        select(
            models.Observation.area_code,
            models.Observation.indicator,
            models.Observation.as_of,
            models.Observation.source,
            models.Observation.value,
        ).order_by(models.Observation.revision_id, models.Observation.id)
    ).all()
    return {(a, i, d or "", s): v for a, i, d, s, v in rows}


def diff_upload(session: Session, rows: list[UploadRow]) -> Diff:
    current = _in_force(session)
    diff = Diff()
    for row in rows:
        for indicator, value in (
            ("objects_adapted", row.objects_adapted),
            ("objects_total", row.objects_total),
        ):
            key = (row.iso_code, indicator, row.as_of, row.source)
            item = {
                "row": row.row,
                "iso_code": row.iso_code,
                "indicator": indicator,
                "as_of": row.as_of,
                "source": row.source,
                "value": value,
            }
            if key not in current:
                diff.new.append(item)
            elif current[key] != value:
                diff.changed.append({**item, "previous": current[key]})
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
) -> tuple[Diff, int | None]:
    """The diff, and the new revision id (None for a dry run or an upload that changes nothing)."""
    with Session(for_writes(engine)) as session, session.begin():
        diff = diff_upload(session, rows)
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
                    note=f"uploaded by {actor}: {description}",
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
