"""The language a name from the data is written in, so that pages can mark it with `lang`.

The sources name centres in Kazakh, Russian or English, and say nothing of the language; the
letters do. Screen readers need it: a Russian name read with English rules is noise.
"""

from __future__ import annotations

import re

from geo.definitions import Lang

# Letters of the Kazakh Cyrillic alphabet that Russian does not have.
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def written_in(name: str) -> Lang | None:
    """Kazakh, Russian or English by the letters of the name's main part, or None if no letter
    tells.

    The main part is what comes before the first parenthesis, without quoted proper names:
    «Қамқорлық» names Russian-language centres too ("Центр «Қамқорлық» для детей"), and a
    parenthesis may add a place in another language. Cyrillic with a Kazakh-only letter is
    Kazakh, other Cyrillic Russian, Latin English.
    """
    main = _QUOTED.sub(" ", name.split("(", 1)[0])
    # Only a quoted name (or nothing) before the parenthesis: the whole name decides.
    return _by_letters(main) or _by_letters(name)


def _by_letters(text: str) -> Lang | None:
    if _CYRILLIC.search(text):
        return "kk" if KAZAKH_LETTERS.intersection(text) else "ru"
    return "en" if _LATIN.search(text) else None
