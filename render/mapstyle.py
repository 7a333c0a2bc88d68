"""A MapLibre style that draws the choropleth from the vector tiles as the planners' map does.

Each region feature carries its class colour (`fill`) and computed standing, both from
geo.classify, so the style only says how to draw them, like the Mapnik style of the PNG tiles.
"""

from __future__ import annotations

from typing import Any

from geo import classify

LAGGARD_DASH = [float(n) / 3 for n in classify.LAGGARD_DASH.split()]  # in line widths


def maplibre_style(tilejson_urls: dict[str, str], name: str, year: int) -> dict[str, Any]:
    """MapLibre style spec v8 for the `accessibility` and `centres` vector tile sets."""
    return {
        "version": 8,
        "name": f"{name} ({year})",
        "metadata": {"accessmap:year": year},
        "sources": {
            layer: {"type": "vector", "url": url, "promoteId": {layer: "iso_code"}}
            if layer == "accessibility"
            else {"type": "vector", "url": url}
            for layer, url in tilejson_urls.items()
        },
        "layers": [
            {
                "id": "regions-fill",
                "type": "fill",
                "source": "accessibility",
                "source-layer": "accessibility",
                "paint": {"fill-color": ["get", "fill"], "fill-opacity": 1},
            },
            {
                "id": "regions-border",
                "type": "line",
                "source": "accessibility",
                "source-layer": "accessibility",
                "paint": {"line-color": classify.BORDER_COLOUR, "line-width": 0.6},
            },
            {
                "id": "regions-leaders",
                "type": "line",
                "source": "accessibility",
                "source-layer": "accessibility",
                "filter": ["==", ["get", "standing"], "leader"],
                "paint": {"line-color": classify.LEADER_OUTLINE, "line-width": 3},
            },
            {
                "id": "regions-laggards",
                "type": "line",
                "source": "accessibility",
                "source-layer": "accessibility",
                "filter": ["==", ["get", "standing"], "laggard"],
                "paint": {
                    "line-color": classify.LAGGARD_OUTLINE,
                    "line-width": 3,
                    "line-dasharray": LAGGARD_DASH,
                },
            },
            {
                "id": "centres",
                "type": "circle",
                "source": "centres",
                "source-layer": "centres",
                "paint": {
                    "circle-color": ["get", "colour"],
                    "circle-radius": 4.5,
                    "circle-stroke-color": "#ffffff",
                    "circle-stroke-width": 1,
                },
            },
        ],
    }
