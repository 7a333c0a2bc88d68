"""The editors' upload form: check (a dry run showing the mapping and the diff), correct, commit."""

from __future__ import annotations

from geo.definitions import LANGS, Lang, get_indicator
from geo.i18n import t
from geo.upload_columns import FIELDS, alias_rows
from geo.upload_text import FORM_TEXT
from render.site import Here, render_site


def field_names(lang: Lang) -> dict[str, str]:
    """What each field is called in the form: the indicator's name where there is one."""
    names = {name: name for name in FIELDS}
    for code in ("objects_adapted", "objects_total", "adapted_share"):
        names[code] = f"{get_indicator(code).name[lang]} ({code})"
    return names


def upload_page(lang: Lang) -> str:
    """The form in `lang`: file, file-level values, the mapping preview and the diff."""
    words = {key: text[lang] for key, text in FORM_TEXT.items()}
    words.update(
        {key: t(f"diff_{key}", lang) for key in ("new", "changed", "previous")},
        value=t("value", lang),
        indicator=t("indicator", lang),
    )
    # The site's layout (header, navigation, language switch); `t` here takes the language.
    return render_site(
        "upload_form.html",
        lang,
        Here("/admin/upload"),
        title=t("upload_title", lang),
        section="upload",
        langs=LANGS,
        t=t,
        words=words,
        aliases=alias_rows(lang),
        fields=list(FIELDS),
        field_names=field_names(lang),
    )
