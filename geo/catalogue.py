"""The interface strings, read from gettext catalogues so translators edit them with their tools.

English is the source language: geo/locale/messages.pot holds every message, its msgctxt
`namespace:key` (the key the code looks it up by, so one English text can carry two meanings)
and its English msgid; geo/locale/{kk,ru}/LC_MESSAGES/messages.po hold the translations. The
.po files are read with Babel when the package is imported (a .po file is the catalogue's
source; there is no compiled .mo to fall out of date). `python -m geo.catalogue` lists what a
translator still has to do: missing, empty, fuzzy or stale translations and changed
placeholders.
"""

from __future__ import annotations

import string
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from geo.definitions import Lang

LOCALE_DIR: Final = Path(__file__).resolve().parent / "locale"
TEMPLATE: Final = "messages.pot"
TRANSLATED: Final[tuple[Lang, ...]] = ("kk", "ru")


def po_path(directory: Path, lang: Lang) -> Path:
    return directory / lang / "LC_MESSAGES" / "messages.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def by_context(catalogue: Catalog) -> dict[str, tuple[str, str, bool]]:
    """{msgctxt: (msgid, msgstr, fuzzy)} of every message but the header."""
    entries = {}
    for message in catalogue:
        if message.id and isinstance(message.id, str) and isinstance(message.string, str):
            entries[message.context or ""] = (message.id, message.string, message.fuzzy)
    return entries


@cache
def messages(directory: Path = LOCALE_DIR) -> dict[str, dict[Lang, str]]:
    """{msgctxt: {lang: text}}; an untranslated message reads as its English, as gettext does
    (`problems` and tests/test_i18n_catalogue.py keep that from shipping)."""
    english = by_context(read_catalogue(directory / TEMPLATE))
    translations = {
        lang: by_context(read_catalogue(po_path(directory, lang))) for lang in TRANSLATED
    }
    table: dict[str, dict[Lang, str]] = {}
    for context, (msgid, _, _) in english.items():
        texts: dict[Lang, str] = {"en": msgid}
        for lang in TRANSLATED:
            found = translations[lang].get(context)
            usable = found is not None and found[0] == msgid and found[1] and not found[2]
            texts[lang] = found[1] if found is not None and usable else msgid
        table[context] = texts
    return table


def table(namespace: str) -> dict[str, dict[Lang, str]]:
    """{key: {lang: text}} of the messages whose msgctxt is `namespace:key`."""
    prefix = f"{namespace}:"
    return {
        context.removeprefix(prefix): texts
        for context, texts in messages().items()
        if context.startswith(prefix)
    }


def placeholders(text: str) -> Counter[str]:
    """The names of a text's {placeholders}; conversions and formats may differ by language."""
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def problems(directory: Path = LOCALE_DIR) -> list[str]:
    """What keeps the kk and ru catalogues from matching the template, one line each."""
    english = by_context(read_catalogue(directory / TEMPLATE))
    found = []
    for lang in TRANSLATED:
        translations = by_context(read_catalogue(po_path(directory, lang)))
        for context, (msgid, _, _) in english.items():
            if context not in translations:
                found.append(f"{lang} {context}: missing")
                continue
            their_id, text, fuzzy = translations[context]
            if their_id != msgid:
                found.append(f"{lang} {context}: translates an older English text {their_id!r}")
            elif not text.strip():
                found.append(f"{lang} {context}: empty")
            elif fuzzy:
                found.append(f"{lang} {context}: fuzzy")
            elif placeholders(text) != placeholders(msgid):
                found.append(
                    f"{lang} {context}: placeholders {sorted(placeholders(text))} "
                    f"differ from the English {sorted(placeholders(msgid))}"
                )
        found.extend(
            f"{lang} {context}: not in {TEMPLATE}" for context in translations.keys() - english
        )
    return found


if __name__ == "__main__":
    listed = problems()
    print("\n".join(listed) or f"{len(messages())} messages, all translated into kk and ru")
    sys.exit(1 if listed else 0)
