"""Whole numbers from query strings and paths, parsed with bounds before Python's int() sees them.

`str.isdigit()` is true for "²" and Arabic-Indic digits, and int() of a 5,000-digit string raises
ValueError: both once reached int() unchecked and answered 500. Only ASCII digits, only as many
as the bound can need.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def whole_number(text: str, low: int, high: int) -> int | None:
    """The number `text` spells in ASCII digits when it lies in [low, high], else None."""
    if not _DIGITS.fullmatch(text) or len(text.lstrip("0")) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None
