"""The interface strings' gettext catalogues: complete, readable by standard tools, and used."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from geo.catalogue import (
    LOCALE_DIR,
    TEMPLATE,
    TRANSLATED,
    messages,
    placeholders,
    po_path,
    problems,
)
from geo.definitions import Lang
from geo.i18n import t
from geo.i18n_site import field_name, ts
from geo.mapview import source_label
from geo.upload_text import FORM_TEXT, say
from tests.seed_values import seed_citations

CATALOGUES = [LOCALE_DIR / TEMPLATE, *(po_path(LOCALE_DIR, lang) for lang in TRANSLATED)]


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def translation(lang: Lang, context: str) -> str:
    """The msgstr as Babel reads it from the .po file, apart from the package's own reading."""
    message = next(m for m in read(po_path(LOCALE_DIR, lang)) if m.context == context)
    assert isinstance(message.string, str)
    return message.string


def test_every_message_is_translated_with_the_english_placeholders() -> None:
    assert problems() == []
    template = read(LOCALE_DIR / TEMPLATE)
    contexts = [message.context for message in template if message.id]
    assert len(contexts) == len(set(contexts)) > 300
    for lang in TRANSLATED:
        for message in read(po_path(LOCALE_DIR, lang)):
            if message.id:
                assert isinstance(message.id, str) and isinstance(message.string, str)
                assert message.string.strip(), (lang, message.context)
                assert placeholders(message.string) == placeholders(message.id), message.context


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_standard_tools_read_the_catalogues(path: Path) -> None:
    """Babel (pybabel, Poedit's format) parses every file, and GNU msgfmt checks the kk and ru
    translations' {placeholders} against the English where the message is python-brace-format."""
    catalogue = read(path)
    assert all(message.context for message in catalogue if message.id)
    if path.suffix == ".po":
        msgfmt = shutil.which("msgfmt")
        assert msgfmt, "msgfmt (GNU gettext) is installed by scripts/setup.sh --with-test-deps"
        subprocess.run([msgfmt, "--check-format", "-o", "/dev/null", str(path)], check=True)


def test_the_check_lists_what_a_translator_left(tmp_path: Path) -> None:
    """A catalogue edited as a tool would leave it: one kk string blanked, a ru placeholder
    renamed, a kk string marked fuzzy, a ru one gone; the template's English changed once."""
    shutil.copytree(LOCALE_DIR, tmp_path, dirs_exist_ok=True)
    edits = {
        "kk": {"ui:title": "", "site:next_page": "fuzzy"},
        "ru": {"site:files_caption": "Файлы ({count})", "ui:legend": None},
    }
    for lang, changes in edits.items():
        catalogue = read(po_path(tmp_path, lang))
        for context, change in changes.items():
            message = next(m for m in catalogue if m.context == context)
            if change is None:
                catalogue.delete(message.id, context=context)
            elif change == "fuzzy":
                message.flags.add("fuzzy")
            else:
                message.string = change
        with po_path(tmp_path, lang).open("wb") as file:
            write_po(file, catalogue)
    template = read(tmp_path / TEMPLATE)
    template.delete("Year", context="ui:year")
    template.add("Calendar year", context="ui:year")
    with (tmp_path / TEMPLATE).open("wb") as file:
        write_po(file, template)

    assert sorted(problems(tmp_path)) == [
        "kk site:next_page: fuzzy",
        "kk ui:title: empty",
        "kk ui:year: translates an older English text 'Year'",
        "ru site:files_caption: placeholders ['count'] differ from the English ['n']",
        "ru ui:legend: missing",
        "ru ui:year: translates an older English text 'Year'",
    ]
    # What the pages would show meanwhile: the English, as gettext does, never a blank.
    shown = messages(tmp_path)
    assert shown["ui:title"]["kk"] == shown["ui:title"]["en"]
    assert shown["ui:year"]["ru"] == "Calendar year"
    assert shown["site:next_page"]["kk"] == "Next page"
    assert shown["ui:legend"]["ru"] == "Legend"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_lookups_give_the_catalogue_translation(lang: Lang) -> None:
    assert t("title", lang) == translation(lang, "ui:title")
    assert t("zoom_in", lang) == translation(lang, "map:zoom_in")
    assert t("national_year", lang, year=2025, figure="x") == translation(
        lang, "claims:national_year"
    ).format(year=2025, figure="x")
    assert ts("files_caption", lang, n=3) == translation(lang, "site:files_caption").format(n=3)
    assert field_name("settlement", lang) == translation(lang, "field:settlement")
    assert field_name("source_as_of", lang) == translation(lang, "field_suffix:as_of").format(
        name=translation(lang, "field:source")
    )
    assert say("line", lang, line=7) == translation(lang, "upload:line").format(line=7)
    assert FORM_TEXT["help"][lang] == translation(lang, "upload_form:help")


def test_english_comes_from_the_template() -> None:
    assert t("year", "en") == "Year"
    assert say("missing_column", "en", field="region") == "missing column: region"
    assert ts("as_of", "en") == field_name("as_of", "en") == "As of"  # one text, two contexts


def test_every_cited_document_is_named_in_each_language() -> None:
    """The seed's citations that are documents, not addresses, are named in the page language
    (the kk and ru summaries said "Government session on inclusive policy")."""
    cited = seed_citations()
    assert cited
    for source in cited:
        english = source_label(source, "en")
        for lang in ("kk", "ru"):
            assert source_label(source, lang) != english, (lang, source)
    assert source_label("An untranslated report, 2025", "kk") == "An untranslated report"
    assert source_label("https://www.kaz.inform.kz/news/1", "ru") == "kaz.inform.kz"
