"""What an upload yields: its rows (only the figures the table states), its problems, its options.

Shared by the checker (geo.upload_check) and the database layer, which stores the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geo.definitions import NATIONAL_CODE, Lang
from geo.i18n import t
from geo.programme import computed_share
from geo.regions import get_region
from geo.row_rules import Precision
from geo.upload_columns import FIGURES

# 20 regions with a figure a month for twenty years fit many times over.
MAX_UPLOAD_ROWS = 10_000
# The preview lists this many rows; the diff lists every change.
MAX_PREVIEW_ROWS = 1_000


@dataclass(frozen=True, slots=True)
class UploadProblem:
    row: int  # 1 = first row under the header; 0 = the file or its header
    column: str  # the field (or "" for the whole file)
    reason: str
    where: str = ""  # the place in the file: `Sheet!C7`, `line 7, column C`


class UploadError(ValueError):
    def __init__(
        self, problems: list[UploadProblem], mapping: dict[str, Any] | None = None
    ) -> None:
        self.problems = problems
        self.mapping = mapping
        super().__init__(f"{len(problems)} problem(s) in the upload")


@dataclass(frozen=True, slots=True)
class UploadOptions:
    """How to read a file: the editor's language, and what the file itself does not say."""

    lang: Lang = "en"
    sheet: str | None = None
    header_row: int | None = None  # as people count: 1 = the first row or line
    columns: str | None = None  # corrections of the mapping: "C=objects_total,D=-"
    as_of: str | None = None  # for every row without a date of its own
    source_url: str | None = None
    note: str | None = None
    today: date | None = None


@dataclass(frozen=True, slots=True)
class UploadRow:
    row: int
    where: str
    iso_code: str
    as_of: str  # ISO 8601, possibly partial ("2025-03", "2025")
    as_of_precision: Precision
    objects_adapted: int | None
    objects_total: int | None
    adapted_share: float | None  # only when the table states it
    source: str
    note: str | None
    total_row: bool = False
    # Where the date came from: "column" (the row's own), "parameter" (given for the file by
    # the editor) or "title" (stated in the table's title). For as_of_quality at merge.
    as_of_from: str = "column"

    def figures(self) -> list[tuple[str, float]]:
        """(indicator, value) of every figure the row states."""
        values = (self.objects_adapted, self.objects_total, self.adapted_share)
        return [
            (name, value) for name, value in zip(FIGURES, values, strict=True) if value is not None
        ]


@dataclass(slots=True)
class ParsedUpload:
    rows: list[UploadRow]
    mapping: dict[str, Any] = field(default_factory=dict)


def resulting_share(row: UploadRow) -> tuple[float | None, str | None]:
    """The share the map will show for this row, and whether it is stated or computed.

    The same rule as the map's (geo.programme): a stated share wins; else adapted of registered.
    """
    if row.adapted_share is not None:
        return row.adapted_share, "stated"
    if row.objects_adapted is None or row.objects_total is None:
        return None, None
    share = computed_share(row.objects_adapted, row.objects_total)
    return (share, "computed") if share is not None else (None, None)


def region_name(iso_code: str, lang: Lang) -> str:
    return t("country", lang) if iso_code == NATIONAL_CODE else get_region(iso_code).name(lang)
