"""/stats/progress: the road to the target per region, as JSON for planners and notebooks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from api.db import queries
from api.dependencies import EngineDep, media_responses
from api.site import PageFormatDep, PageLangDep, here_of, html_response
from geo import progress as road
from geo.definitions import NATIONAL_CODE
from geo.indicators import Figure
from geo.programme import GOAL_YEAR, ROADMAP_FIRST_YEAR, ROADMAP_LAST_YEAR
from geo.regions import REGIONS
from render.site_pages import progress_page


class FigureOut(BaseModel):
    value: float
    as_of: str | None
    source: str


class PaceOut(BaseModel):
    per_month: float = Field(description="objects adapted per month between the two counts")
    start: FigureOut
    end: FigureOut


class AreaOut(BaseModel):
    area_code: str = Field(description="ISO 3166-2:KZ code, or KZ for the country")
    target_share: float
    adapted: FigureOut | None
    registered: FigureOut | None
    share: float | None
    gap: int | None = Field(description="objects still to adapt to reach the year's target")
    gap_2027: int | None = Field(description="objects still to adapt to reach 100% (2027)")
    paces: list[PaceOut]
    current_pace: float | None
    pace_needed: float | None = Field(description="objects a month needed to reach the target")
    projected_share: float | None
    on_track: bool | None
    rank: int | None


class ProgressOut(BaseModel):
    year: int
    target_share: float
    definitions: str
    areas: list[AreaOut]


def _figure_out(figure: Figure) -> FigureOut:
    return FigureOut(value=figure.value, as_of=figure.as_of, source=figure.source)


def _figure(figure: Figure | None) -> FigureOut | None:
    return None if figure is None else _figure_out(figure)


def progress_year(
    year: Annotated[
        int,
        Query(ge=ROADMAP_FIRST_YEAR, le=ROADMAP_LAST_YEAR, description="roadmap year, 2023-2027"),
    ] = GOAL_YEAR,
) -> int:
    return year


def build_router() -> APIRouter:
    router = APIRouter(tags=["stats"])

    @router.get(
        "/stats/progress",
        response_model=ProgressOut,
        summary="Progress to the target",
        responses=media_responses("application/json", "text/html"),
    )
    def progress(
        request: Request,
        engine: EngineDep,
        year: Annotated[int, Depends(progress_year)],
        fmt: PageFormatDep,
        lang: PageLangDep,
    ) -> ProgressOut | Response:
        areas = [NATIONAL_CODE, *(region.iso_code for region in REGIONS)]
        items = road.by_gap(road.progress(queries.observations_frame(engine), areas, year))
        if not items:
            raise HTTPException(404, f"no data for {year}")
        result = ProgressOut(
            year=year,
            target_share=road.target_share(year),
            definitions=road.DEFINITIONS,
            areas=[
                AreaOut(
                    area_code=item.area_code,
                    target_share=item.target,
                    adapted=_figure(item.adapted),
                    registered=_figure(item.registered),
                    share=item.share,
                    gap=item.gap,
                    gap_2027=item.gap_2027,
                    paces=[
                        PaceOut(
                            per_month=p.per_month,
                            start=_figure_out(p.start),
                            end=_figure_out(p.end),
                        )
                        for p in item.paces
                    ],
                    current_pace=item.current_pace.per_month if item.current_pace else None,
                    pace_needed=item.pace_needed,
                    projected_share=item.projected_share,
                    on_track=item.on_track,
                    rank=item.rank,
                )
                for item in items
            ],
        )
        if fmt == "html":
            page = progress_page(lang, here_of(request), result.model_dump())
            return html_response(page, lang)
        return result

    return router
