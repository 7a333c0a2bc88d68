"""Attribution and licence text that every map, tile, image and download must carry."""

from typing import Final

BOUNDARY_ATTRIBUTION: Final = (
    "Boundaries: OCHA/UNHCR COD-AB Kazakhstan 2023, derived from OpenStreetMap, "
    "© OpenStreetMap contributors, ODbL 1.0"
)
BOUNDARY_LICENCE: Final = "ODbL-1.0"
BOUNDARY_LICENCE_URL: Final = "https://opendatacommons.org/licenses/odbl/1-0/"
OSM_COPYRIGHT_URL: Final = "https://www.openstreetmap.org/copyright"
BOUNDARY_ATTRIBUTION_HTML: Final = (
    "Boundaries: OCHA/UNHCR COD-AB Kazakhstan 2023, derived from OpenStreetMap, "
    f'© <a href="{OSM_COPYRIGHT_URL}">OpenStreetMap contributors</a>, '
    f'<a href="{BOUNDARY_LICENCE_URL}">ODbL 1.0</a>'
)

# The same attribution in each image language; the OpenStreetMap credit stays verbatim.
_BOUNDARIES = {
    "kk": "Шекаралар: OCHA/UNHCR COD-AB Kazakhstan 2023, OpenStreetMap негізінде",
    "ru": "Границы: OCHA/UNHCR COD-AB Kazakhstan 2023, на основе OpenStreetMap",
    "en": "Boundaries: OCHA/UNHCR COD-AB Kazakhstan 2023, derived from OpenStreetMap",
}


def boundary_attribution(lang: str) -> str:
    """BOUNDARY_ATTRIBUTION in `lang` (kk, ru or en)."""
    return f"{_BOUNDARIES.get(lang, _BOUNDARIES['en'])}, © OpenStreetMap contributors, ODbL 1.0"


def boundary_attribution_html(lang: str) -> str:
    """BOUNDARY_ATTRIBUTION_HTML in `lang`: the map's own credit line, with its links."""
    return (
        f"{_BOUNDARIES.get(lang, _BOUNDARIES['en'])}, "
        f'© <a href="{OSM_COPYRIGHT_URL}">OpenStreetMap contributors</a>, '
        f'<a href="{BOUNDARY_LICENCE_URL}">ODbL 1.0</a>'
    )
