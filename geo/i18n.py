"""The map's interface strings in Kazakh, Russian and English; how each language writes numbers.

Region names come from the registry and indicator names from geo.definitions; the rest are in the
gettext catalogues of geo/locale (see geo.catalogue), under the namespaces ui, claims and map.
"""

from __future__ import annotations

from typing import Final

from babel import negotiate_locale

from geo.catalogue import table
from geo.definitions import LANGS, Lang
from geo.programme import GOAL_SHARE, GOAL_YEAR, roadmap_path

DEFAULT_LANG: Final[Lang] = "ru"

# The map's strings (general, what the map claims, reaching and leaving it) from the catalogue.
_STRINGS: dict[str, dict[Lang, str]] = {**table("ui"), **table("claims"), **table("map")}
# The programme's goal, filled into any string that names it (defined once in geo.programme).
_PROGRAMME = {
    "goal": f"{GOAL_SHARE:g}",
    "goal_year": GOAL_YEAR,
    "path": "/".join(f"{target:g}" for target in roadmap_path().values()),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The string `key` in `lang`, with {placeholders} filled."""
    text = _STRINGS[key][lang]
    if values or "{goal" in text or "{path}" in text:
        return text.format(**{**_PROGRAMME, **values})
    return text


def parse_lang(text: str | None) -> Lang | None:
    if text is None:
        return None
    lowered = text.strip().lower()
    return next((lang for lang in LANGS if lang == lowered), None)


def negotiate_lang(accept_language: str | None) -> Lang:
    """Pick kk, ru or en from an Accept-Language header by quality; Russian by default.

    The header's language ranges are ordered by quality (RFC 9110 §12.5.4, ties in the order
    sent, q=0 refused); Babel's `negotiate_locale` picks the first that we offer, a regional
    range such as kk-KZ falling back to its language."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag))
    preferred = [tag for _, _, tag in sorted(ranked)]
    chosen = negotiate_locale(preferred, list(LANGS), sep="-", aliases={})
    return parse_lang(chosen) or DEFAULT_LANG


def all_keys() -> frozenset[str]:
    return frozenset(_STRINGS)


# How each language writes numbers: the thousands separator (a no-break space in kk and ru) and
# the decimal mark.
DIGITS_SEPARATOR: Final[dict[Lang, str]] = {"kk": "\u00a0", "ru": "\u00a0", "en": ","}
DECIMAL_MARK: Final[dict[Lang, str]] = {"kk": ",", "ru": ",", "en": "."}


def number(value: float, lang: Lang, digits: int = 0) -> str:
    """A number as `lang` writes it: 1,234.5 in English, 1 234,5 (no-break space) otherwise."""
    text = f"{value:,.{digits}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", DIGITS_SEPARATOR[lang])
    return f"{whole}{DECIMAL_MARK[lang]}{fraction}" if fraction else whole
