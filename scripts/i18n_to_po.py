"""Carry interface strings written as Python {kk, ru, en} tables into the gettext catalogues.

The strings used to live in Python dicts (geo/i18n.py, geo/i18n_claims.py, geo/i18n_map.py,
geo/i18n_site.py, geo/upload_text.py); they now live in geo/locale (see geo/catalogue.py). This
script reads those tables as they stand in a git revision and writes their entries into
geo/locale/messages.pot and the kk and ru messages.po (msgctxt namespace:key; an entry already
there is replaced in place, a new one appended). By default it carries only the entries the
revision added or changed since it parted from HEAD, so a branch written before the move brings
its own strings and nothing older:

    python scripts/i18n_to_po.py other-branch   # after taking this branch's side of the modules
    python -m geo.catalogue                      # every message translated, placeholders kept

The first conversion was `python scripts/i18n_to_po.py --all 3f78da8`. Kept only while branches
written before the move are merged.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
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
            else:
                old_message = kept[context]
                message = merged.add(
                    old_message.id, old_message.string, context=context, flags=old_message.flags
                )
            # Babel takes the "% g" of "{goal}% goal" for a %-format; msgfmt would then reject
            # the translation.
            message.flags.discard("python-format")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, merged, width=100, sort_output=False)


def tables_at(revision: str) -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for path, wanted in TABLES.items():
        source = source_at(revision, path)
        if source is not None:
            entries.update(tables_in(source, wanted))
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="a branch or commit whose {kk, ru, en} tables to carry")
    parser.add_argument(
        "--all",
        action="store_true",
        help="carry every entry (the first conversion), not only those the revision added or "
        "changed since it parted from HEAD",
    )
    arguments = parser.parse_args()
    entries = tables_at(arguments.revision)
    if not arguments.all:
        base = subprocess.run(
            ["git", "merge-base", arguments.revision, "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        before = tables_at(base)
        entries = {key: texts for key, texts in entries.items() if before.get(key) != texts}
        for gone in sorted(before.keys() - tables_at(arguments.revision).keys()):
            print(f"{gone}: removed in {arguments.revision}; remove it from the catalogues")
    write_catalogues(entries, LOCALE_DIR)
    for key in entries:
        print(f"{key}: {entries[key]['en']!r}")
    print(f"{len(entries)} entries from {arguments.revision} written to {LOCALE_DIR}")


if __name__ == "__main__":
    main()
