"""/admin: authenticated uploads (with a dry run showing the exact diff) and public history."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from api.auth import Actor, client_of, requires
from api.bodies import json_object, read_body
from api.db import models
from api.db.centre_edits import CentreEditError, centre_history
from api.dependencies import EngineDep, media_responses
from api.models.admin import AuditOut, CentreWritten, HistoryRecord, RevisionOut, UploadResult
from api.query_options import page_lang
from api.site import PageFormatDep, PageLangDep, here_of, html_response
from api.writes import (
    CENTRE_BODY,
    CLOSE_BODY,
    MAX_CENTRE_BYTES,
    MAX_UPLOAD_BYTES,
    UPLOAD_BODY,
    XLSX,
    check_upload,
    write_centre,
    write_responses,
)
from geo.definitions import Lang
from geo.upload_templates import template_file
from geo.uploads import CentreAction, UploadOptions
from render.site_pages import history_page
from render.upload_form import upload_page

EditorDep = Annotated[Actor, Depends(requires("editor"))]
AdminDep = Annotated[Actor, Depends(requires("admin"))]


def build_router(on_new_data: Any) -> APIRouter:
    router = APIRouter(prefix="/admin", tags=["admin"])

    @router.post(
        "/uploads",
        summary="Upload per-region figures (.xlsx, CSV/TSV or JSON)",
        openapi_extra={"requestBody": UPLOAD_BODY},
        responses=write_responses(UploadResult),
    )
    async def upload(
        request: Request,
        actor: EditorDep,
        engine: EngineDep,
        dry_run: Annotated[bool, Query(description="only report the diff")] = False,
        description: Annotated[str, Query(max_length=500)] = "upload",
        lang: Annotated[Lang, Query(description="language of the problems and names")] = "en",
        sheet: Annotated[str | None, Query(max_length=100, description="xlsx sheet")] = None,
        header_row: Annotated[
            int | None, Query(ge=1, le=1000, description="the header's row (1 = first)")
        ] = None,
        columns: Annotated[
            str | None,
            Query(max_length=500, description="mapping corrections: C=objects_total,D=-"),
        ] = None,
        as_of: Annotated[
            str | None, Query(max_length=20, description="date of rows without one")
        ] = None,
        source_url: Annotated[
            str | None, Query(max_length=1000, description="source of rows without one")
        ] = None,
        note: Annotated[
            str | None, Query(max_length=1000, description="note for every row")
        ] = None,
    ) -> JSONResponse:
        # The token was checked by the dependency before a byte of the body is read.
        body = await read_body(request, MAX_UPLOAD_BYTES)
        media = request.headers.get("content-type", "text/csv")
        # Parsing and writing take seconds for a large file: never on the event loop.
        return await run_in_threadpool(
            check_upload,
            engine,
            body,
            media,
            actor=actor,
            client=client_of(request),
            description=description,
            dry_run=dry_run,
            on_new_data=on_new_data,
            options=UploadOptions(
                lang=lang,
                sheet=sheet,
                header_row=header_row,
                columns=columns,
                as_of=as_of,
                source_url=source_url,
                note=note,
            ),
        )

    async def centre_write(
        request: Request,
        actor: Actor,
        engine: Engine,
        *,
        previous_id: int | None,
        action: CentreAction,
    ) -> JSONResponse:
        # The token was checked by the route's dependency before the body is read.
        record = await json_object(request, MAX_CENTRE_BYTES)
        return await run_in_threadpool(
            write_centre,
            engine,
            record,
            actor=actor,
            client=client_of(request),
            previous_id=previous_id,
            action=action,
            on_new_data=on_new_data,
        )

    @router.post(
        "/centres",
        status_code=201,
        summary="Add a centre",
        openapi_extra={"requestBody": CENTRE_BODY},
        responses=write_responses(CentreWritten, 201),
    )
    async def add_centre(request: Request, actor: EditorDep, engine: EngineDep) -> JSONResponse:
        return await centre_write(request, actor, engine, previous_id=None, action="add")

    @router.patch(
        "/centres/{centre_id}",
        summary="Correct a centre (the old record is kept)",
        openapi_extra={"requestBody": CENTRE_BODY},
        responses=write_responses(CentreWritten),
    )
    async def correct_centre(
        request: Request, centre_id: int, actor: EditorDep, engine: EngineDep
    ) -> JSONResponse:
        return await centre_write(request, actor, engine, previous_id=centre_id, action="correct")

    @router.post(
        "/centres/{centre_id}/close",
        summary="Close a centre (the old record is kept)",
        openapi_extra={"requestBody": CLOSE_BODY},
        responses=write_responses(CentreWritten),
    )
    async def close_centre(
        request: Request, centre_id: int, actor: EditorDep, engine: EngineDep
    ) -> JSONResponse:
        return await centre_write(request, actor, engine, previous_id=centre_id, action="close")

    @router.get(
        "/centres/{centre_id}/history",
        summary="A centre's records, oldest first",
        response_model=list[HistoryRecord],
    )
    def history_of_centre(centre_id: int, engine: EngineDep) -> list[HistoryRecord]:
        try:
            return [HistoryRecord(**record) for record in centre_history(engine, centre_id)]
        except CentreEditError as error:
            raise HTTPException(error.status, str(error)) from error

    @router.get("/upload", response_class=HTMLResponse, summary="Upload form for editors")
    def upload_form(lang: Annotated[Lang, Depends(page_lang)]) -> HTMLResponse:
        return HTMLResponse(upload_page(lang))

    @router.get(
        "/upload/template.{kind}",
        summary="A blank table to fill in (xlsx or csv), headers in the chosen language",
        response_class=Response,
        responses={
            200: {
                "content": {
                    XLSX: {"schema": {"type": "string", "format": "binary"}},
                    "text/csv": {"schema": {"type": "string"}},
                }
            }
        },
    )
    def upload_template(
        kind: Literal["xlsx", "csv"], lang: Annotated[Lang, Depends(page_lang)]
    ) -> Response:
        media = XLSX if kind == "xlsx" else "text/csv; charset=utf-8"
        name = f"accessmap-upload-template-{lang}.{kind}"
        return Response(
            template_file(lang, kind),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    @router.get(
        "/history",
        response_model=list[RevisionOut],
        summary="Data revisions (public)",
        responses=media_responses("application/json", "text/html"),
    )
    def history(
        request: Request, engine: EngineDep, fmt: PageFormatDep, lang: PageLangDep
    ) -> list[RevisionOut] | Response:
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
            revisions = [
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
        if fmt == "html":
            rows = [revision.model_dump() for revision in revisions]
            return html_response(history_page(lang, here_of(request), rows), lang)
        return revisions

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
