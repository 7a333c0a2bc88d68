"""A 400 that knows which query parameter was wrong, so an error page can say it in any language.

It is an HTTPException with the same English detail, so API clients see no difference.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import HTTPException


class BadParameter(HTTPException):
    def __init__(
        self, name: str, value: str, allowed: Sequence[str], detail: str, status: int = 400
    ) -> None:
        super().__init__(status, detail)
        self.name, self.value, self.allowed = name, value, tuple(allowed)
