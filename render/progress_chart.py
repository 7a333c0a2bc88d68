"""The progress chart: dated shares and counts against the roadmap path, as accessible SVG.

Each series is drawn as points, joined only within runs of the same base (geo.programme): a count
against an earlier list is never connected to the map's counts. The SVG carries a title and a
description; the page adds a table of the same points.
"""

from __future__ import annotations

import html
from datetime import date

from geo.definitions import NATIONAL_CODE
from geo.programme import GOAL_SHARE, GOAL_YEAR, roadmap_path, same_base_segments
from geo.progress_series import SERIES_START, Series, point_day

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
START, END = SERIES_START, date(2027, 12, 31)
NATIONAL_STYLE = ("#1a1a1a", 2.5)
REGION_STYLE = ("#6a51a3", 1.2)


def _x(day: date) -> float:
    span = (END - START).days
    return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - START).days / span, 1)


def _y(value: float, top: float) -> float:
    return round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top, 1)


def svg(
    chart_id: str,
    title: str,
    description: str,
    items: list[Series],
    names: dict[str, str],
    *,
    percent: bool,
) -> str:
    """One accessible SVG chart (shares against the roadmap path, or counts)."""
    top = (
        100.0 if percent else _nice_top(max((p.value for s in items for p in s.points), default=1))
    )
    parts = [
        f'<svg id="{chart_id}" class="progress-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{html.escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{html.escape(description)}</desc>',
        _axes(top, percent),
    ]
    if percent:
        path = " ".join(
            f"{_x(date(year, 12, 31))},{_y(target, top)}" for year, target in roadmap_path().items()
        )
        parts.append(
            f'<polyline class="roadmap" points="{path}" fill="none" stroke="#737373" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        goal = _y(GOAL_SHARE, top)
        parts.append(
            f'<line class="goal" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{goal}" y2="{goal}" '
            'stroke="#000000" stroke-width="1" stroke-dasharray="2 3"/>'
            f'<text x="{LEFT + 4}" y="{goal - 4}" font-size="11">'
            f"{GOAL_SHARE:g}% ({GOAL_YEAR})</text>"
        )
    for item in items:
        colour, width = NATIONAL_STYLE if item.area_code == NATIONAL_CODE else REGION_STYLE
        dates = [p.as_of for p in item.points]
        for segment in same_base_segments(dates):
            points = [item.points[i] for i in segment]
            coords = " ".join(f"{_x(point_day(p.as_of))},{_y(p.value, top)}" for p in points)
            if len(points) > 1:
                parts.append(
                    f'<polyline class="series" data-area="{item.area_code}" points="{coords}" '
                    f'fill="none" stroke="{colour}" stroke-width="{width}"/>'
                )
        for point in item.points:
            # Hollow points for dates that are inferred or partial, filled for exact ones.
            fill = colour if point.quality == "exact" else "#ffffff"
            label = f"{names.get(item.area_code, item.area_code)}: {point.value:g} ({point.as_of})"
            x = _x(point_day(point.as_of))
            parts.append(
                f'<circle class="point" data-area="{item.area_code}" cx="{x}" '
                f'cy="{_y(point.value, top)}" r="3.5" fill="{fill}" stroke="{colour}">'
                f"<title>{html.escape(label)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _nice_top(value: float) -> float:
    step = 10 ** (len(str(int(value))) - 1)
    return float((int(value / step) + 1) * step)


def _axes(top: float, percent: bool) -> str:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}" stroke="#4d4d4d"/>',
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}" stroke="#4d4d4d"/>',
    ]
    for year in range(START.year, END.year + 1):
        tick = _x(date(year, 1, 1))
        parts.append(f'<line x1="{tick}" x2="{tick}" y1="{TOP}" y2="{bottom}" stroke="#e0e0e0"/>')
        x = _x(date(year, 7, 1))
        parts.append(
            f'<text x="{x}" y="{bottom + 16}" font-size="11" text-anchor="middle">{year}</text>'
        )
    for step in range(0, 5):
        value = top * step / 4
        label = f"{value:g}%" if percent else f"{value:,.0f}"
        parts.append(
            f'<text x="{LEFT - 6}" y="{_y(value, top) + 4}" font-size="11" '
            f'text-anchor="end">{label}</text>'
        )
    return "".join(parts)
