"""/admin: authenticated uploads (with a dry run showing the exact diff) and public history."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.auth import Actor, client_of, requires
from api.db import models
from api.db.centre_edits import CentreEditError, centre_history, save_centre
from api.db.uploads import apply_upload, audit
from api.dependencies import EngineDep
from api.routers.maps import page_lang
from geo.definitions import Lang
from geo.render import upload_page
from geo.uploads import UploadError, UploadProblem, parse_centre, parse_upload

MAX_UPLOAD_BYTES = 2_000_000


class RevisionOut(BaseModel):
    id: int
    created_at: str
    origin: str
    author: str | None
    description: str
    observations: int


class AuditOut(BaseModel):
    at: str
    actor: str | None
    role: str | None
    action: str
    outcome: str
    client: str | None
    revision_id: int | None
    detail: dict[str, Any]


EditorDep = Annotated[Actor, Depends(requires("editor"))]
AdminDep = Annotated[Actor, Depends(requires("admin"))]


def build_router(on_new_data: Any) -> APIRouter:
    router = APIRouter(prefix="/admin", tags=["admin"])

    @router.post("/uploads", summary="Upload per-region figures (CSV or JSON)")
    async def upload(
        request: Request,
        actor: EditorDep,
        engine: EngineDep,
        dry_run: Annotated[bool, Query(description="only report the diff")] = False,
        description: Annotated[str, Query(max_length=500)] = "upload",
    ) -> JSONResponse:
        body = await request.body()
        if len(body) > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"upload larger than {MAX_UPLOAD_BYTES:,} bytes")
        media = request.headers.get("content-type", "text/csv")
        client = client_of(request)
        try:
            rows = parse_upload(body, media)
        except UploadError as error:
            problems = [vars_of(p) for p in error.problems]
            with Session(engine) as session, session.begin():
                audit(
                    session,
                    actor=actor.name,
                    role=actor.role,
                    action="upload",
                    outcome="rejected",
                    client=client,
                    detail={"problems": problems[:50]},
                )
            return JSONResponse(
                status_code=422,
                content={
                    "code": "InvalidUpload",
                    "description": f"{len(problems)} problem(s); nothing was written",
                    "problems": problems,
                },
            )
        diff, revision = apply_upload(
            engine,
            rows,
            actor=actor.name,
            role=actor.role,
            client=client,
            description=description,
            dry_run=dry_run,
        )
        if revision is not None:
            on_new_data()
        return JSONResponse(
            {
                "dry_run": dry_run,
                "revision_id": revision,
                "rows": len(rows),
                "new": diff.new,
                "changed": diff.changed,
                "unchanged": diff.unchanged,
            }
        )

    def centre_write(
        request: Request,
        actor: Actor,
        engine: Any,
        record: dict[str, Any],
        *,
        previous_id: int | None,
        action: str,
    ) -> JSONResponse:
        client = client_of(request)
        try:
            values = parse_centre(record, partial=previous_id is not None)
            if previous_id is not None and not values:
                raise UploadError([UploadProblem(1, "", "nothing to change")])
            new_id, revision = save_centre(
                engine,
                values,
                previous_id=previous_id,
                reason=record.get("reason"),
                actor=actor.name,
                role=actor.role,
                client=client,
                action=action,
            )
        except UploadError as error:
            problems = [vars_of(p) for p in error.problems]
            return JSONResponse(
                status_code=422,
                content={
                    "code": "InvalidCentre",
                    "description": "nothing was written",
                    "problems": problems,
                },
            )
        except CentreEditError as error:
            raise HTTPException(error.status, str(error)) from error
        on_new_data()
        return JSONResponse(
            status_code=201 if previous_id is None else 200,
            content={"id": new_id, "previous_id": previous_id, "revision_id": revision},
        )

    @router.post("/centres", status_code=201, summary="Add a centre")
    def add_centre(
        request: Request, actor: EditorDep, engine: EngineDep, record: dict[str, Any]
    ) -> JSONResponse:
        return centre_write(request, actor, engine, record, previous_id=None, action="centre-add")

    @router.patch("/centres/{centre_id}", summary="Correct a centre (the old record is kept)")
    def correct_centre(
        request: Request,
        centre_id: int,
        actor: EditorDep,
        engine: EngineDep,
        record: dict[str, Any],
    ) -> JSONResponse:
        if not str(record.get("reason") or "").strip():
            raise HTTPException(422, "a reason for the correction is required")
        return centre_write(
            request, actor, engine, record, previous_id=centre_id, action="centre-correct"
        )

    @router.post("/centres/{centre_id}/close", summary="Close a centre (the old record is kept)")
    def close_centre(
        request: Request,
        centre_id: int,
        actor: EditorDep,
        engine: EngineDep,
        record: dict[str, Any],
    ) -> JSONResponse:
        if not str(record.get("reason") or "").strip() or not record.get("source_url"):
            raise HTTPException(422, "closing needs a reason and a source_url")
        changes = {
            "status": "closed",
            "source_url": record["source_url"],
            "reason": record["reason"],
        }
        return centre_write(
            request, actor, engine, changes, previous_id=centre_id, action="centre-close"
        )

    @router.get("/centres/{centre_id}/history", summary="A centre's records, oldest first")
    def history_of_centre(centre_id: int, engine: EngineDep) -> list[dict[str, Any]]:
        try:
            return centre_history(engine, centre_id)
        except CentreEditError as error:
            raise HTTPException(error.status, str(error)) from error

    @router.get("/upload", response_class=HTMLResponse, summary="Upload form for editors")
    def upload_form(lang: Annotated[Lang, Depends(page_lang)]) -> HTMLResponse:
        return HTMLResponse(upload_page(lang))

    @router.get("/history", response_model=list[RevisionOut], summary="Data revisions (public)")
    def history(engine: EngineDep) -> list[RevisionOut]:
        counts = (
            select(models.Observation.revision_id, func.count().label("n"))
            .group_by(models.Observation.revision_id)
            .subquery()
        )
        query = (
            select(models.DataRevision, counts.c.n)
            .outerjoin(counts, counts.c.revision_id == models.DataRevision.id)
            .order_by(models.DataRevision.id.desc())
        )
        with Session(engine) as session:
            return [
                RevisionOut(
                    id=r.id,
                    created_at=r.created_at.isoformat(),
                    origin=r.origin,
                    author=r.author,
                    description=r.description,
                    observations=n or 0,
                )
                for r, n in session.execute(query).all()
            ]

    @router.get("/audit", response_model=list[AuditOut], summary="Audit log (admin)")
    def audit_log(
        _actor: AdminDep, engine: EngineDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100
    ) -> list[AuditOut]:
        with Session(engine) as session:
            rows = session.scalars(
                select(models.AuditEntry).order_by(models.AuditEntry.id.desc()).limit(limit)
            ).all()
            return [
                AuditOut(
                    at=r.at.isoformat(),
                    actor=r.actor,
                    role=r.role,
                    action=r.action,
                    outcome=r.outcome,
                    client=r.client,
                    revision_id=r.revision_id,
                    detail=json.loads(r.detail),
                )
                for r in rows
            ]

    return router


def vars_of(problem: Any) -> dict[str, Any]:
    return {"row": problem.row, "column": problem.column, "reason": problem.reason}
