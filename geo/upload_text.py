"""What the upload checker says, in Kazakh, Russian and English: problems, notices and places.

The texts are in the catalogues of geo/locale (namespaces upload and upload_form, see
geo.catalogue), apart from the map's because they are many and change with the checker. Every
problem names where it is: a sheet and cell (`Мәліметтер!C7`) or a line and column.
"""

from __future__ import annotations

from geo.catalogue import table
from geo.definitions import Lang

_TEXT: dict[str, dict[Lang, str]] = table("upload")
# The upload form's own words (the title, token, file and buttons are geo.i18n's).
FORM_TEXT: dict[str, dict[Lang, str]] = table("upload_form")


def say(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, with {placeholders} filled."""
    text = _TEXT[key][lang]
    return text.format(**values) if values else text


def column_letter(index: int) -> str:
    """Spreadsheet column letters of a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int | None:
    """The 0-based index of spreadsheet column letters, or None if they are not letters."""
    text = letters.strip().upper()
    if not text.isascii() or not text.isalpha() or len(text) > 3:
        return None
    index = 0
    for letter in text:
        index = index * 26 + ord(letter) - 64
    return index - 1
