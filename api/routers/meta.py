"""Service health and the list of regions (the registry as stored)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select

from api.db.engine import backend_name
from api.db.models import Centre, Observation, Region
from api.dependencies import EngineDep
from api.snapshot import read_version


class Health(BaseModel):
    status: str
    backend: str
    data_version: int
    regions: int
    observations: int
    centres: int


class RegionSummary(BaseModel):
    iso_code: str
    kind: str
    name_kk: str
    name_ru: str
    name_en: str
    centre_en: str
    area_km2: float


def build_router() -> APIRouter:
    router = APIRouter(tags=["meta"])

    @router.get("/healthz", response_model=Health)
    def health(engine: EngineDep) -> Health:
        with engine.connect() as connection:
            counts = {
                name: connection.scalar(select(func.count()).select_from(model)) or 0
                for name, model in (
                    ("regions", Region),
                    ("observations", Observation),
                    ("centres", Centre),
                )
            }
        return Health(
            status="ok",
            backend=backend_name(engine),
            data_version=read_version(engine).revision,
            **counts,
        )

    @router.get("/api/regions", response_model=list[RegionSummary])
    def regions(engine: EngineDep) -> list[RegionSummary]:
        columns = [getattr(Region, name) for name in RegionSummary.model_fields]
        with engine.connect() as connection:
            rows = connection.execute(select(*columns).order_by(Region.iso_code)).mappings()
            return [RegionSummary.model_validate(dict(row)) for row in rows]

    return router
