"""Figures and dates as people write them in tables, read exactly or refused with a reason.

Counts: `1 182`, `1 182` (non-breaking space), `1182`, an Excel number. Shares: `61,9`,
`61.9 %`, an Excel percentage (0.619 shown as 61.9%); the number of decimals written is kept, so
a check against adapted/total allows exactly the rounding the table used. Dates: `04.08.2025`,
`2025-08-04`, `08.2025`, `2025-08`, `2025`, an Excel date; the precision (day, month, year) is
kept with the partial ISO date ("2025-08", "2025"). Nothing is guessed: a share of 0.619 without
a percentage format is 0.619%, and a check against the counts will say so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from geo.row_rules import AsOf, Precision, ValueProblem, not_future
from geo.tables import Cell

__all__ = [
    "MAX_COUNT",
    "AsOf",
    "Precision",
    "Share",
    "ValueProblem",
    "date_in_text",
    "narrowed",
    "read_count",
    "read_date",
    "read_share",
    "share_matches",
]
# Kazakhstan has about 43,000 registered objects; a count beyond this is a typo or an attack,
# and a bound keeps every figure inside the database's integer and float columns.
MAX_COUNT = 10_000_000
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,12}", re.ASCII)
_SHARE = re.compile(r"([0-9]{1,3})(?:[.,]([0-9]{1,6}))?", re.ASCII)
_YEAR_WORDS = re.compile(r"\s*(?:г\.?|года|год|ж\.?|жыл|жылы|жылғы)$", re.IGNORECASE)
_DAY = re.compile(r"([0-9]{1,2})[./]([0-9]{1,2})[./]([0-9]{4})", re.ASCII)
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00(?::00)?)?", re.ASCII)
_MONTH = re.compile(r"([0-9]{1,2})[./]([0-9]{4})", re.ASCII)
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})", re.ASCII)
_YEAR = re.compile(r"([0-9]{4})", re.ASCII)
_DATE_IN_TEXT = re.compile(
    r"(?<![0-9])([0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])", re.ASCII
)


_MONTHS = {
    **{
        name: n
        for n, name in enumerate(
            (
                "января",
                "февраля",
                "марта",
                "апреля",
                "мая",
                "июня",
                "июля",
                "августа",
                "сентября",
                "октября",
                "ноября",
                "декабря",
            ),
            start=1,
        )
    },
    **{
        name: n
        for n, name in enumerate(
            (
                "қаңтар",
                "ақпан",
                "наурыз",
                "сәуір",
                "мамыр",
                "маусым",
                "шілде",
                "тамыз",
                "қыркүйек",
                "қазан",
                "қараша",
                "желтоқсан",
            ),
            start=1,
        )
    },
    **{
        name: n
        for n, name in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
    },
}
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "по состоянию на 1 марта 2025 года", "as of 1 March 2025"
_DAY_MONTH_YEAR = re.compile(rf"(?<![0-9])([0-9]{{1,2}})\s+({_MONTH_WORD})\s+([0-9]{{4}})", re.I)
# "2025 жылғы 1 наурыздағы жағдай бойынша"
_YEAR_DAY_MONTH = re.compile(
    rf"([0-9]{{4}})\s*(?:жылғы|ж\.?)\s+([0-9]{{1,2}})\s+({_MONTH_WORD})", re.I
)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def read_count(cell: Cell, maximum: int = MAX_COUNT) -> int:
    value = cell.value
    if isinstance(value, (date, datetime)):
        raise ValueProblem("not_count", text=cell.text)
    if isinstance(value, float) and not value.is_integer():
        raise ValueProblem("not_count", text=cell.text)
    digits = _SPACES.sub("", cell.text)
    # ASCII digits only: int() would also take "²"-like or Arabic-Indic digits.
    if not _WHOLE_NUMBER.fullmatch(digits):
        raise ValueProblem("not_count", text=_shown(cell.text))
    number = int(digits)
    if number > maximum:
        raise ValueProblem("too_big", number=number, maximum=maximum)
    return number


@dataclass(frozen=True, slots=True)
class Share:
    value: float  # percent
    decimals: int  # as written, for the rounding check


def read_share(cell: Cell) -> Share:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = Decimal(repr(value)) * (100 if cell.percent else 1)
        number = number.normalize()
        if not number.is_finite() or not 0 <= number <= 100:
            raise ValueProblem("not_share", text=cell.text)
        decimals = max(0, -int(number.as_tuple().exponent))
        if decimals > 6:
            number, decimals = round(number, 6), 6
        return Share(float(number), decimals)
    text = _SPACES.sub("", cell.text).removesuffix("%")
    match = _SHARE.fullmatch(text)
    if not match or isinstance(value, (date, datetime)):
        raise ValueProblem("not_share", text=_shown(cell.text))
    try:
        number = Decimal(f"{match[1]}.{match[2] or '0'}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValueProblem("not_share", text=_shown(cell.text)) from None
    if number > 100:
        raise ValueProblem("not_share", text=_shown(cell.text))
    return Share(float(number), len(match[2] or ""))


def share_matches(share: Share, adapted: int, total: int) -> tuple[bool, float]:
    """Whether a stated share is adapted/total rounded to the decimals it was written with."""
    computed = 100 * adapted / total
    tolerance = 0.5 * 10 ** (-share.decimals) + 1e-9
    return abs(computed - share.value) <= tolerance, computed


def narrowed(as_of: AsOf, precision: str) -> AsOf:
    """The date cut to a stated precision ("month": 2025-08-01 is 2025-08), never widened."""
    cut = {"year": 4, "month": 7}.get(precision)
    if cut is None or len(as_of.iso) <= cut:
        return as_of
    return AsOf(as_of.iso[:cut], precision)  # type: ignore[arg-type]


def _checked(year: int, month: int, day: int | None) -> AsOf:
    if not 1 <= month <= 12 or not 1900 <= year <= 2100:
        raise ValueError
    if day is None:
        return AsOf(f"{year:04d}-{month:02d}", "month")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError
    return AsOf(f"{year:04d}-{month:02d}-{day:02d}", "day")


def read_date(cell: Cell, today: date) -> AsOf:
    value = cell.value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        result = AsOf(value.isoformat(), "day")
    else:
        text = _YEAR_WORDS.sub("", cell.text.strip())
        try:
            result = _date_from_text(text)
        except ValueError:
            raise ValueProblem("not_date", text=_shown(cell.text)) from None
    return not_future(result, today)


def _date_from_text(text: str) -> AsOf:
    if match := _DAY.fullmatch(text):
        return _checked(int(match[3]), int(match[2]), int(match[1]))
    if match := _ISO_DAY.fullmatch(text):
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH.fullmatch(text):
        return _checked(int(match[2]), int(match[1]), None)
    if match := _ISO_MONTH.fullmatch(text):
        return _checked(int(match[1]), int(match[2]), None)
    if (match := _YEAR.fullmatch(text)) and 1900 <= int(match[1]) <= 2100:
        return AsOf(match[1], "year")
    raise ValueError(text)


def date_in_text(cell: Cell, today: date) -> AsOf | None:
    """A full date stated in a title cell ("по состоянию на 01.03.2026"), if there is one."""
    if isinstance(cell.value, (date, datetime)):
        try:
            return read_date(cell, today)
        except ValueProblem:
            return None
    text = cell.text
    candidates: list[str] = []
    if match := _DATE_IN_TEXT.search(text):
        candidates.append(match[1])
    if match := _DAY_MONTH_YEAR.search(text):
        month = _MONTHS[match[2].casefold()]
        candidates.append(f"{match[3]}-{month:02d}-{int(match[1]):02d}")
    if match := _YEAR_DAY_MONTH.search(text):
        month = _MONTHS[match[3].casefold()]
        candidates.append(f"{match[1]}-{month:02d}-{int(match[2]):02d}")
    for candidate in candidates:
        try:
            return read_date(Cell(candidate), today)
        except ValueProblem:
            continue
    return None
