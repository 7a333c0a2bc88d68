"""Dates as every output prints them: inferred, month-only and year-only dates say so."""

from __future__ import annotations

from geo.definitions import Lang
from geo.i18n import t
from geo.indicators import Figure

__all__ = ["date_text", "dated"]


def date_text(figure: Figure | None, lang: Lang) -> str:
    """A figure's date as the page prints it, saying when it is inferred or partial."""
    if figure is None:
        return "—"
    return dated(figure.as_of, figure.as_of_quality, lang)


def dated(as_of: str | None, quality: str, lang: Lang) -> str:
    if not as_of or quality == "undated":
        return t("undated", lang)
    if quality in ("month", "year", "inferred"):
        return t(f"date_{quality}", lang, date=as_of)
    return as_of
