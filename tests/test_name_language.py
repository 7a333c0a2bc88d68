"""The language of a name from the data, told by its letters (for `lang` attributes)."""

from __future__ import annotations

import pytest

from geo.name_language import written_in


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Оңалту және абилитация орталығы (Семей)", "kk"),
        ("Аутизм-центр «Асыл Мирас» (Семей)", "ru"),
        # A Kazakh proper name in quotes does not make a Russian name Kazakh ...
        ("Центр для детей с аутизмом «Қамқорлық» (Жамбылская обл.)", "ru"),
        # ... nor a Russian parenthesis a Kazakh one, nor a Latin proper name either.
        ("«Қамқорлық» орталығы (дети с ментальными нарушениями, Актобе)", "kk"),
        ("«Ainala» оңалту орталығы (Сарыағаш)", "kk"),
        ("Orda Autism — 5th branch", "en"),
        ("Rehabilitation centre for children with disabilities (Temir district)", "en"),
        # Only a quoted name: the whole name decides.
        ("«Балақай»", "kk"),
        ("«Мерей»", "ru"),
        ("150", None),
    ],
)
def test_a_name_is_written_in_the_language_its_letters_tell(
    name: str, language: str | None
) -> None:
    assert written_in(name) == language
