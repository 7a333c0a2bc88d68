"""Which column of an official's table is which field: the header aliases and finding the header.

The aliases are the one table of header names the checker knows (the upload form shows it). A
header row is the row among the first `HEADER_SEARCH_ROWS` that names a region column and the
most other fields; rows above it are titles (a date stated there is offered as the file's date).
An empty header cell under a merged or two-level header takes the label above it. The editor can
override the choice with a header row number and `C=field` pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from geo.definitions import LANGS, Lang
from geo.tables import Grid, TableError
from geo.upload_text import column_index, column_letter, say

FIELDS = (
    "region",
    "as_of",
    "objects_adapted",
    "objects_total",
    "adapted_share",
    "source_url",
    "note",
    "categories",
    "as_of_precision",
)
FIGURES = ("objects_adapted", "objects_total", "adapted_share")
HEADER_SEARCH_ROWS = 30

# Header names as officials write them, per language; matched after `header_key` (case, ё,
# punctuation, %, line breaks and spacing do not matter). English names include the API's own.
ALIASES: dict[str, dict[Lang, tuple[str, ...]]] = {
    "region": {
        "kk": ("Облыс / қала", "Облыс", "Өңір", "Аймақ", "Облыстар", "Өңірлер"),
        "ru": (
            "Регион",
            "Область",
            "Область / город",
            "Регионы",
            "Наименование региона",
            "Области",
        ),
        "en": ("region", "Region", "area", "iso_code", "area_code"),
    },
    "as_of": {
        "kk": ("Күні", "Есепті күн", "Жағдай бойынша"),
        "ru": ("Дата", "На дату", "По состоянию на", "Отчётная дата"),
        "en": ("as_of", "as of", "date"),
    },
    "objects_adapted": {
        "kk": (
            "Толық бейімделген",
            "Бейімделген",
            "Толық бейімделген нысандар",
            "Бейімделген нысандар",
            "Толық бейімделген нысандар саны",
        ),
        "ru": (
            "Адаптировано",
            "Адаптировано объектов",
            "Полностью адаптировано",
            "Полностью адаптированные объекты",
            "Адаптированные объекты",
        ),
        "en": ("objects_adapted", "adapted", "fully adapted", "objects adapted"),
    },
    "objects_total": {
        "kk": (
            "Картадағы объектілер саны",
            "Картадағы нысандар саны",
            "Картадағы нысандар",
            "Барлығы",
            "Нысандар саны",
            "Барлық нысандар",
        ),
        "ru": (
            "Всего",
            "Всего объектов на карте",
            "Всего объектов",
            "Объектов на карте",
            "Количество объектов",
        ),
        "en": ("objects_total", "total", "registered", "objects registered", "objects on the map"),
    },
    "adapted_share": {
        "kk": ("Үлесі, %", "Үлес, %", "Бейімделген үлесі, %", "%"),
        "ru": ("Доля, %", "Доля адаптированных, %", "Процент", "% адаптации"),
        "en": ("adapted_share", "share", "share, %", "pct_adapted", "percent"),
    },
    "source_url": {
        "kk": ("Дереккөз", "Сілтеме"),
        "ru": ("Источник", "Ссылка"),
        "en": ("source_url", "source", "url"),
    },
    "note": {
        "kk": ("Ескертпе", "Түсініктеме"),
        "ru": ("Примечание", "Комментарий"),
        "en": ("note", "comment"),
    },
    "categories": {
        "kk": ("Санаттар",),
        "ru": ("Категории",),
        "en": ("categories",),
    },
    # The service's own downloads write a partial date as its first day plus its precision
    # (day, month or year): read back, the date keeps the precision it was published with.
    "as_of_precision": {
        "kk": ("Күн дәлдігі",),
        "ru": ("Точность даты",),
        "en": ("as_of_precision",),
    },
}
# A numbering column ("№", "№ п/п") is recognised and left out.
NUMBERING = ("№", "№ п/п", "п/п", "р/с", "р/н", "#", "no", "nr")
# A row whose region cell starts with one of these is the table's total.
TOTAL_WORDS = ("итого", "всего", "барлығы", "барлыгы", "жиыны", "жиынтығы", "total", "all regions")
COUNTRY_NAMES = (
    "казахстан",
    "республика казахстан",
    "рк",
    "қазақстан",
    "қазақстан республикасы",
    "қр",
    "kazakhstan",
    "kz",
)

_PUNCTUATION = re.compile(r"[\s,.:;%()«»\"'“”/\\\-–—_!?*]+")


def header_key(text: str) -> str:
    """A header's text folded for matching: 'Доля,\\n %' and 'доля' are the same key."""
    folded = text.casefold().replace("ё", "е").replace("\u00a0", " ")
    if folded.strip() == "%":
        return "%"
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, by_lang in ALIASES.items():
        for lang in LANGS:
            for alias in by_lang[lang]:
                index.setdefault(header_key(alias), name)
    return index


_ALIAS_INDEX = _alias_index()
_NUMBERING = {header_key(text) for text in NUMBERING}


def field_of(text: str) -> str | None:
    return _ALIAS_INDEX.get(header_key(text))


def is_total_row(text: str) -> bool:
    key = header_key(text)
    return key in COUNTRY_NAMES or any(
        key == word or key.startswith(word + " ") for word in TOTAL_WORDS
    )


How = Literal["alias", "chosen", "numbering", "unused"]


@dataclass(frozen=True, slots=True)
class ColumnUse:
    index: int
    header: str
    field: str | None
    how: How

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True, slots=True)
class Layout:
    header_row: int  # 0-based grid row; data starts below it
    columns: tuple[ColumnUse, ...]

    def column_of(self, name: str) -> int | None:
        return next((c.index for c in self.columns if c.field == name), None)


def parse_overrides(text: str | None, lang: Lang) -> dict[int, str | None]:
    """`C=objects_total,D=-` as {2: "objects_total", 3: None} ("-" leaves a column out)."""
    overrides: dict[int, str | None] = {}
    for part in (text or "").replace(";", ",").split(","):
        if not part.strip():
            continue
        letters, _, name = part.partition("=")
        index, name = column_index(letters), name.strip()
        if index is None or (name not in FIELDS and name not in ("-", "")):
            raise TableError(say("bad_mapping", lang, text=part.strip()[:40]))
        overrides[index] = name if name in FIELDS else None
    return overrides


def _labels(grid: Grid, row: int) -> list[str]:
    """Header labels of `row`: an empty cell takes the label above it (two-level headers)."""
    width = max((len(grid.rows[r]) for r in (row - 1, row) if 0 <= r < len(grid.rows)), default=0)
    labels = []
    for column in range(width):
        own = grid.cell(row, column).text
        labels.append(own or (grid.cell(row - 1, column).text if row > 0 else ""))
    return labels


def _match(grid: Grid, row: int) -> dict[int, str]:
    found: dict[int, str] = {}
    for column, label in enumerate(_labels(grid, row)):
        name = field_of(label)
        parent = grid.cell(row - 1, column).text if row > 0 else ""
        if name is None and parent and parent != label:
            # A two-level header: "Объекты" over "всего" reads as "Объекты всего"; a merged
            # "Адаптировано" over "%" and "ед." makes "%" the share and "ед." the count.
            name = field_of(f"{parent} {label}") or field_of(parent)
        if name is not None and name not in found.values():
            found[column] = name
    return found


def find_layout(
    grid: Grid, lang: Lang, *, header_row: int | None = None, overrides: dict[int, str | None]
) -> Layout:
    """The header row and each column's field, or TableError when no header is found."""
    if header_row is not None:
        if not 0 <= header_row < len(grid.rows):
            raise TableError(say("bad_header_row", lang, row=header_row + 1))
        row, found = header_row, _match(grid, header_row)
    else:
        best: tuple[int, int, dict[int, str]] | None = None
        for candidate in range(min(len(grid.rows), HEADER_SEARCH_ROWS)):
            matched = _match(grid, candidate)
            named_region = "region" in matched.values() or any(
                overrides.get(c) == "region" for c in range(len(grid.rows[candidate]))
            )
            if named_region and (best is None or len(matched) > len(best[2])):
                best = (candidate, len(matched), matched)
        if best is None:
            raise TableError(say("no_header", lang, rows=HEADER_SEARCH_ROWS))
        row, _, found = best
    columns = []
    for index, label in enumerate(_labels(grid, row)):
        how: How
        if index in overrides:
            name, how = overrides[index], "chosen"
        elif index in found:
            name, how = found[index], "alias"
        elif header_key(label) in _NUMBERING:
            name, how = None, "numbering"
        else:
            name, how = None, "unused"
        columns.append(ColumnUse(index, label, name, how))
    return Layout(row, tuple(columns))


def alias_rows(lang: Lang) -> list[tuple[str, list[str]]]:
    """Each field with its header names, the form's language first (shown in the upload form)."""
    order = [lang, *(other for other in LANGS if other != lang)]
    return [(name, [a for code in order for a in ALIASES[name][code]]) for name in FIELDS]
