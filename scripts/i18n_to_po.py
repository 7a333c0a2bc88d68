"""Carry interface strings written as Python {kk, ru, en} tables into the gettext catalogues.

The strings used to live in Python dicts (geo/i18n.py, geo/i18n_claims.py, geo/i18n_map.py,
geo/i18n_site.py, geo/upload_text.py); they now live in geo/locale (see geo/catalogue.py). This
script reads those tables as they stand in a git revision (or any file given as PATH=FILE) and
writes every entry into geo/locale/messages.pot and the kk and ru messages.po: an entry already
there is replaced, a new one appended. Run it once per branch that still adds {kk, ru, en}
entries, with that branch's revision:

    python scripts/i18n_to_po.py other-branch        # or a commit
    python -m geo.catalogue                           # every message translated, placeholders kept

It is kept only while branches written before the move are merged.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from geo.catalogue import (
    LOCALE_DIR,
    TEMPLATE,
    TRANSLATED,
    placeholders,
    po_path,
    read_catalogue,
)

ROOT = Path(__file__).resolve().parent.parent
# Which table of which module becomes which namespace (the msgctxt is "namespace:key").
TABLES: dict[str, dict[str, str]] = {
    "geo/i18n.py": {"_STRINGS": "ui"},
    "geo/i18n_claims.py": {"CLAIMS": "claims"},
    "geo/i18n_map.py": {"MAP_STRINGS": "map"},
    "geo/i18n_site.py": {"_SITE": "site", "_FIELDS": "field", "_SUFFIXES": "field_suffix"},
    "geo/upload_text.py": {"_TEXT": "upload", "FORM_TEXT": "upload_form"},
}
LANGS = ("en", *TRANSLATED)


def source_at(revision: str, path: str) -> str | None:
    shown = subprocess.run(
        ["git", "show", f"{revision}:{path}"], cwd=ROOT, capture_output=True, text=True
    )
    return shown.stdout if shown.returncode == 0 else None


def tables_in(source: str, wanted: dict[str, str]) -> dict[str, dict[str, str]]:
    """{msgctxt: {lang: text}} of the module's {kk, ru, en} tables, evaluated top to bottom so
    that pieces shared between entries (a dict such as _UNKNOWN) are joined as Python joins them."""
    found: dict[str, dict[str, str]] = {}
    names: dict[str, object] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if not isinstance(target, ast.Name) or not isinstance(value, ast.Dict):
            continue
        try:
            evaluated = eval(  # the module's own literal, read from git, not input
                compile(ast.Expression(value), "<table>", "eval"), {"__builtins__": {}}, names
            )
        except Exception:
            continue
        names[target.id] = evaluated
        namespace = wanted.get(target.id)
        if namespace is None:
            continue
        for key, texts in evaluated.items():
            if isinstance(texts, dict) and set(texts) == set(LANGS):
                found[f"{namespace}:{key}"] = {lang: texts[lang] for lang in LANGS}
    return found


HEADER = """\
# Interface strings of accessmap-kz (kk, ru; English is the source language).
# Each msgctxt is namespace:key, the key the code looks the message up by.
# Keep every {placeholder} of the English; its order may change.
#"""


def write_catalogues(entries: dict[str, dict[str, str]], directory: Path) -> None:
    """Put `entries` into the template and the kk and ru catalogues, replacing a message with
    the same msgctxt in place and appending new ones; other messages stay as they are."""
    for lang in (None, *TRANSLATED):
        path = directory / TEMPLATE if lang is None else po_path(directory, lang)
        old = read_catalogue(path) if path.exists() else Catalog(locale=lang)
        kept = {m.context: m for m in old if m.id}
        merged = Catalog(
            locale=lang,
            header_comment=HEADER,
            project="accessmap-kz",
            version="1",
            creation_date=old.creation_date,
            revision_date=old.revision_date,
            language_team=f"{lang} <LL@li.org>" if lang else "LANGUAGE <LL@li.org>",
            fuzzy=False,
        )
        for context in [*kept, *(c for c in entries if c not in kept)]:
            if context in entries:
                english = entries[context]["en"]
                text = "" if lang is None else entries[context][lang]
                flags = ["python-brace-format"] if placeholders(english) else []
                message = merged.add(english, text, context=context, flags=flags)
                # Babel takes "{goal}% for" for a %-format; msgfmt would then reject the Kazakh.
                message.flags.discard("python-format")
            else:
                message = kept[context]
                merged.add(message.id, message.string, context=context, flags=message.flags)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, merged, width=100, sort_output=False)


def main(revision: str) -> None:
    entries: dict[str, dict[str, str]] = {}
    for path, wanted in TABLES.items():
        source = source_at(revision, path)
        if source is not None:
            entries.update(tables_in(source, wanted))
    write_catalogues(entries, LOCALE_DIR)
    print(f"{len(entries)} entries from {revision} written to {LOCALE_DIR}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "HEAD")
