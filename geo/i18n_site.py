"""Strings of the site's plain pages (downloads, data API, progress, history, errors) in kk/ru/en.

The map's own strings are geo.i18n's; this module looks up those of the pages around it (the
namespaces site, field and field_suffix of the catalogues in geo/locale, see geo.catalogue), and
holds the language rules for writing a file size.
"""

from __future__ import annotations

from geo.catalogue import table
from geo.definitions import INDICATORS_BY_CODE, Lang
from geo.i18n import number

_SITE: dict[str, dict[Lang, str]] = table("site")
# Names of the data's fields, for table headings; indicator codes take the indicator's name.
_FIELDS: dict[str, dict[Lang, str]] = table("field")
# The suffixes a figure's companions carry: objects_total_as_of, objects_total_source, ...
_SUFFIXES: dict[str, dict[Lang, str]] = table("field_suffix")

_SIZE_UNITS: dict[Lang, tuple[str, ...]] = {
    "kk": ("Б", "кБ", "МБ", "ГБ"),
    "ru": ("Б", "кБ", "МБ", "ГБ"),
    "en": ("B", "kB", "MB", "GB"),
}


def ts(key: str, lang: Lang, **values: object) -> str:
    """The site string `key` in `lang`, with {placeholders} filled."""
    text = _SITE[key][lang]
    return text.format(**values) if values else text


def field_name(field: str, lang: Lang) -> str:
    """A data field's name in `lang`: 'objects_total_as_of' -> 'Objects registered: as of'."""
    if field in INDICATORS_BY_CODE:
        return INDICATORS_BY_CODE[field].name[lang]
    if field in _FIELDS:
        return _FIELDS[field][lang]
    for suffix, pattern in _SUFFIXES.items():
        stem = field.removesuffix(f"_{suffix}")
        # The stem may itself carry a suffix: objects_total_as_of_precision.
        if stem != field and (name := field_name(stem, lang)) != stem:
            return pattern[lang].format(name=name)
    return field


def file_size(size: int, lang: Lang) -> str:
    """A size in bytes as a reader takes it in: 1.2 MB in English, 1,2 МБ in Russian."""
    units = _SIZE_UNITS[lang]
    if size < 1000:
        return f"{size}\u00a0{units[0]}"
    value, unit = float(size), 0
    while value >= 999.95 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    return f"{number(value, lang, 1)}\u00a0{units[unit]}"


def all_keys() -> frozenset[str]:
    return frozenset(_SITE)
