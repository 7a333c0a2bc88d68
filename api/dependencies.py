"""Shared FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def media_responses(*media_types: str, status: int = 200) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route that answers in these media types (not only JSON)."""
    return {status: {"content": {media: {} for media in media_types}}}
