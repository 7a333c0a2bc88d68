"""The work behind the write routes, run in a worker thread so the event loop keeps serving reads.

Each function takes an already authenticated actor and an already size-checked body, and returns
the HTTP answer: the diff or the new record, or a 4xx that names every problem (the first
`MAX_LISTED_PROBLEMS` of them, with the total) and says that nothing was written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api.auth import Actor
from api.db.centre_edits import CentreEditError, save_centre
from api.db.engine import for_writes
from api.db.uploads import apply_upload, audit
from api.models.admin import (
    CentreClosing,
    CentreFields,
    CentreWritten,
    ErrorOut,
    ProblemReport,
    UploadResult,
)
from geo.definitions import Lang
from geo.upload_text import say
from geo.uploads import (
    CentreAction,
    UploadError,
    UploadOptions,
    UploadProblem,
    centre_change,
    parse_upload,
)

MAX_UPLOAD_BYTES = 2_000_000
MAX_CENTRE_BYTES = 64_000
# A file with thousands of bad rows needs its first problems and a count, not a list as long as
# itself (a 2 MB file once answered with a 135 MB list).
MAX_LISTED_PROBLEMS = 100


def write_responses(model: type[BaseModel], status: int = 200) -> dict[int | str, Any]:
    """OpenAPI answers of a write route, so clients and schemathesis can check every one."""
    return {
        status: {"model": model},
        400: {"model": ErrorOut, "description": "a query parameter is invalid"},
        401: {"model": ErrorOut, "description": "no valid token"},
        403: {"model": ErrorOut, "description": "the token's role is too low"},
        413: {"model": ErrorOut, "description": "the body is larger than allowed"},
        422: {"model": ProblemReport, "description": "refused; nothing was written"},
        404: {"model": ErrorOut, "description": "no such centre"},
        409: {"model": ErrorOut, "description": "the record was replaced meanwhile"},
        429: {"model": ErrorOut, "description": "too many failed authentications"},
        503: {"model": ErrorOut, "description": "the database is busy; retry"},
    }


def _json_body(model: type[BaseModel]) -> dict[str, Any]:
    return {
        "required": True,
        "content": {"application/json": {"schema": model.model_json_schema()}},
    }


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
        XLSX: {"schema": {"type": "string", "format": "binary"}},
    },
}
CENTRE_BODY = _json_body(CentreFields)
CLOSE_BODY = _json_body(CentreClosing)


def problem_list(problems: list[UploadProblem]) -> dict[str, Any]:
    listed = problems[:MAX_LISTED_PROBLEMS]
    return {
        "problems": [
            {"row": p.row, "column": p.column, "reason": p.reason, "where": p.where} for p in listed
        ],
        "problems_total": len(problems),
    }


def _problem_description(problems: list[UploadProblem], lang: Lang = "en") -> str:
    if len(problems) > MAX_LISTED_PROBLEMS:
        return say("problems_first", lang, total=len(problems), listed=MAX_LISTED_PROBLEMS)
    return say("problems_all", lang, total=len(problems))


def check_upload(
    engine: Engine,
    body: bytes,
    media: str,
    *,
    actor: Actor,
    client: str,
    description: str,
    dry_run: bool,
    on_new_data: Callable[[], None],
    options: UploadOptions | None = None,
) -> JSONResponse:
    options = options or UploadOptions()
    try:
        parsed = parse_upload(body, media, options)
    except UploadError as error:
        listing = problem_list(error.problems)
        with Session(for_writes(engine)) as session, session.begin():
            audit(
                session,
                actor=actor.name,
                role=actor.role,
                action="upload",
                outcome="rejected",
                client=client,
                detail={"problems": listing["problems"][:50], "total": len(error.problems)},
            )
        refusal = {
            "code": "InvalidUpload",
            "description": _problem_description(error.problems, options.lang),
            **listing,
            # How the file was read, so the editor can correct the mapping and try again.
            "mapping": error.mapping,
        }
        ProblemReport.model_validate(refusal)
        return JSONResponse(status_code=422, content=refusal)
    rows = parsed.rows
    diff, revision = apply_upload(
        engine,
        rows,
        actor=actor.name,
        role=actor.role,
        client=client,
        description=description,
        dry_run=dry_run,
        lang=options.lang,
    )
    if revision is not None:
        on_new_data()
    result = {
        "dry_run": dry_run,
        "revision_id": revision,
        "rows": len(rows),
        "new": diff.new,
        "changed": diff.changed,
        "unchanged": diff.unchanged,
        "mapping": parsed.mapping,
    }
    UploadResult.model_validate(result)  # what the route publishes, checked before it is sent
    return JSONResponse(result)


def write_centre(
    engine: Engine,
    record: dict[str, Any],
    *,
    actor: Actor,
    client: str,
    previous_id: int | None,
    action: CentreAction,
    on_new_data: Callable[[], None],
) -> JSONResponse:
    try:
        values = centre_change(record, action)
        new_id, revision = save_centre(
            engine,
            values,
            previous_id=previous_id,
            reason=record.get("reason"),
            actor=actor.name,
            role=actor.role,
            client=client,
            action=f"centre-{action}",
        )
    except UploadError as error:
        return JSONResponse(
            status_code=422,
            content={
                "code": "InvalidCentre",
                "description": "nothing was written",
                **problem_list(error.problems),
            },
        )
    except CentreEditError as error:
        raise HTTPException(error.status, str(error)) from error
    on_new_data()
    written = CentreWritten(id=new_id, previous_id=previous_id, revision_id=revision)
    return JSONResponse(
        status_code=201 if previous_id is None else 200, content=written.model_dump(mode="json")
    )
