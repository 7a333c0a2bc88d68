"""JSON from people's files and requests, refused whole before it can exhaust the parser.

`json.loads` recurses once per nesting level and converts integers of any length, so a body of
100,000 brackets or a 5,000-digit number would end in RecursionError or ValueError (a 500) rather
than a clear answer. The depth is counted first, without recursion, and every failure becomes one
ValueError that says what is wrong.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Deep enough for any real record, shallow enough that json.loads never nears the recursion limit.
MAX_JSON_DEPTH = 32
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _depth(text: str) -> int:
    """The deepest nesting of objects and arrays outside strings, counted without recursion."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def parse_json(data: bytes) -> Any:
    """JSON from UTF-8 (a BOM tolerated), or ValueError saying what is wrong with it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte {error.start})") from None
    if _depth(text) > MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text)
    except ValueError as error:  # JSONDecodeError, and integers too long to convert
        raise ValueError(f"not valid JSON: {error}") from None
