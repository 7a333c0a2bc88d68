"""The registry of Kazakhstan's 20 first-level regions and a resolver for typed names.

Keyed by ISO 3166-2:KZ code. The resolver accepts the spellings people type in spreadsheets
(Kazakh, Russian, Latin transliterations, abbreviations such as ЗКО) and never guesses silently
between Almaty city and Almaty oblast.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

RegionKind = Literal["oblast", "city"]


@dataclass(frozen=True, slots=True)
class Region:
    iso_code: str
    kind: RegionKind
    name_kk: str
    name_ru: str
    name_en: str
    short_en: str
    centre_kk: str
    centre_ru: str
    centre_en: str
    aliases: tuple[str, ...] = ()

    def name(self, lang: str) -> str:
        if lang not in ("kk", "ru", "en"):
            raise ValueError(f"unknown language {lang!r}; expected kk, ru or en")
        return str(getattr(self, f"name_{lang}"))


def _oblast(
    code: str, kk: str, ru: str, en: str, centre: tuple[str, str, str], *aliases: str
) -> Region:
    return Region(
        code,
        "oblast",
        f"{kk} облысы",
        f"{ru} область",
        f"{en} Region",
        en,
        *centre,
        aliases=aliases,
    )


def _city(code: str, kk: str, ru: str, en: str, *aliases: str) -> Region:
    # Named as a city in every language, as kk and ru always do: "Almaty" alone is also read as
    # Almaty Region (the gazetteer refuses it as ambiguous). Map labels keep the short name.
    return Region(
        code,
        "city",
        f"{kk} қаласы",
        f"город {ru}",
        f"{en} city",
        en,
        kk,
        ru,
        en,
        aliases=aliases,
    )


REGIONS: tuple[Region, ...] = (
    _oblast(
        "KZ-10",
        "Абай",
        "Абайская",
        "Abai",
        ("Семей", "Семей", "Semey"),
        "Абай",
        "Abay",
        "Abay oblysy",
        "Абайская обл",
    ),
    _oblast(
        "KZ-11",
        "Ақмола",
        "Акмолинская",
        "Akmola",
        ("Көкшетау", "Кокшетау", "Kokshetau"),
        "Ақмола",
        "Акмола",
        "Aqmola",
        "Akmolinskaya",
    ),
    _oblast(
        "KZ-15",
        "Ақтөбе",
        "Актюбинская",
        "Aktobe",
        ("Ақтөбе", "Актобе", "Aktobe"),
        "Ақтөбе",
        "Актобе",
        "Aqtobe",
        "Aktyubinsk",
        "Актюбинск",
    ),
    _oblast(
        "KZ-19",
        "Алматы",
        "Алматинская",
        "Almaty",
        ("Қонаев", "Конаев", "Konaev"),
        "Almaty oblast",
        "Almaty oblysy",
        "Алм. обл",
        "Алматинская",
    ),
    _oblast(
        "KZ-23",
        "Атырау",
        "Атырауская",
        "Atyrau",
        ("Атырау", "Атырау", "Atyrau"),
        "Атырау",
        "Atyrau",
        "Атырауская",
    ),
    _oblast(
        "KZ-27",
        "Батыс Қазақстан",
        "Западно-Казахстанская",
        "West Kazakhstan",
        ("Орал", "Уральск", "Oral (Uralsk)"),
        "ЗКО",
        "БҚО",
        "Batys Qazaqstan",
        "Западно-Казахстанская",
        "Западный Казахстан",
    ),
    _oblast(
        "KZ-31",
        "Жамбыл",
        "Жамбылская",
        "Jambyl",
        ("Тараз", "Тараз", "Taraz"),
        "Жамбыл",
        "Zhambyl",
        "Jambyl",
        "Жамбылская",
    ),
    _oblast(
        "KZ-33",
        "Жетісу",
        "Жетысуская",
        "Jetisu",
        ("Талдықорған", "Талдыкорган", "Taldykorgan"),
        "Жетысу",
        "Жетісу",
        "Zhetysu",
        "Zhetisu",
        "Jetisu",
        "Zhetysu",
        "Жетысуская",
    ),
    _oblast(
        "KZ-35",
        "Қарағанды",
        "Карагандинская",
        "Karaganda",
        ("Қарағанды", "Караганда", "Karaganda"),
        "Караганда",
        "Қарағанды",
        "Qaragandy",
        "Qaraghandy",
        "Karagandy",
        "Карагандинская",
    ),
    _oblast(
        "KZ-39",
        "Қостанай",
        "Костанайская",
        "Kostanay",
        ("Қостанай", "Костанай", "Kostanay"),
        "Костанай",
        "Қостанай",
        "Qostanay",
        "Kostanai",
        "Костанайская",
    ),
    _oblast(
        "KZ-43",
        "Қызылорда",
        "Кызылординская",
        "Kyzylorda",
        ("Қызылорда", "Кызылорда", "Kyzylorda"),
        "Кызылорда",
        "Қызылорда",
        "Qyzylorda",
        "Кызылординская",
    ),
    _oblast(
        "KZ-47",
        "Маңғыстау",
        "Мангистауская",
        "Mangystau",
        ("Ақтау", "Актау", "Aktau"),
        "Маңғыстау",
        "Мангистау",
        "Мангыстау",
        "Мангыстауская",
        "Mangghystau",
        "Mangistau",
        "Mangystau",
        "Мангистауская",
    ),
    _oblast(
        "KZ-55",
        "Павлодар",
        "Павлодарская",
        "Pavlodar",
        ("Павлодар", "Павлодар", "Pavlodar"),
        "Павлодар",
        "Pavlodar",
        "Павлодарская",
    ),
    _oblast(
        "KZ-59",
        "Солтүстік Қазақстан",
        "Северо-Казахстанская",
        "North Kazakhstan",
        ("Петропавл", "Петропавловск", "Petropavl"),
        "СКО",
        "СҚО",
        "Soltustik Qazaqstan",
        "Северо-Казахстанская",
        "Северный Казахстан",
    ),
    _oblast(
        "KZ-61",
        "Түркістан",
        "Туркестанская",
        "Turkistan",
        ("Түркістан", "Туркестан", "Turkistan"),
        "Туркестанская",
        "Turkestan",
        "Turkistan",
        "Түркістан",
        "Южно-Казахстанская",
        "ЮКО",
        "South Kazakhstan",
    ),
    _oblast(
        "KZ-62",
        "Ұлытау",
        "Улытауская",
        "Ulytau",
        ("Жезқазған", "Жезказган", "Zhezkazgan"),
        "Ұлытау",
        "Улытау",
        "Ulytau",
        "Улытауская",
    ),
    _oblast(
        "KZ-63",
        "Шығыс Қазақстан",
        "Восточно-Казахстанская",
        "East Kazakhstan",
        ("Өскемен", "Усть-Каменогорск", "Oskemen (Ust-Kamenogorsk)"),
        "ВКО",
        "ШҚО",
        "Shygys Qazaqstan",
        "Shyghys Qazaqstan",
        "Восточно-Казахстанская",
        "Восточный Казахстан",
    ),
    _city(
        "KZ-71",
        "Астана",
        "Астана",
        "Astana",
        "Нур-Султан",
        "Nur-Sultan",
        "Нұр-Сұлтан",
        "Astana city",
    ),
    _city(
        "KZ-75",
        "Алматы",
        "Алматы",
        "Almaty",
        "Almaty city",
        "City of Almaty",
        "Alma-Ata",
        "Алма-Ата",
    ),
    _city("KZ-79", "Шымкент", "Шымкент", "Shymkent", "Shymkent city", "Чимкент"),
)

# Map labels must tell the oblast from the city of the same name.
REGIONS = tuple(
    replace(region, short_en="Almaty oblast") if region.iso_code == "KZ-19" else region
    for region in REGIONS
)
_BY_CODE = {region.iso_code: region for region in REGIONS}
ALMATY_CITY, ALMATY_OBLAST = "KZ-75", "KZ-19"

# Kazakh letters folded to the Russian lookalikes people type in their place.
_KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
_OBLAST_WORDS = re.compile(
    r"\b(области|облысының|облысы|область|обл|oblysy|oblast|region|province)\b"
)
_CITY_WORDS = re.compile(r"(^|\s)(г|город|city|city of|қаласы|каласы|kalasy|qalasy)(\s|$)")


class RegionNotFound(LookupError):
    """The text names no region; the message lists the closest candidates."""

    def __init__(self, text: str, candidates: tuple[str, ...], message: str | None = None) -> None:
        self.text = text
        self.candidates = candidates
        listed = ", ".join(f"{_BY_CODE[code].name_en} ({code})" for code in candidates)
        default = f"unknown region {text!r}" + (f": closest are {listed}" if listed else "")
        super().__init__(message or default)


class AmbiguousRegion(RegionNotFound):
    """The text could mean more than one region (bare 'Алматы')."""


def get_region(iso_code: str) -> Region:
    region = _BY_CODE.get(iso_code.strip().upper())
    if region is None:
        raise RegionNotFound(iso_code, _closest(_normalise(iso_code)))
    return region


def _fold(text: str) -> str:
    text = text.casefold().replace("ё", "е").translate(_KAZAKH_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    # Strip combining marks (Latin diacritics like ö, ū) but keep Cyrillic base letters.
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text).replace("й", "и")
    text = re.sub(r"[\"'«»“”„`.,;:()\-–—_/]+", " ", text)
    return " ".join(text.split())


def _normalise(text: str) -> str:
    text = _fold(text)
    text = _OBLAST_WORDS.sub(" ", text)
    # Oblique cases of Russian oblast adjectives ("в Западно-Казахстанской области").
    text = re.sub(r"(ск|цк)(ои|ую)\b", r"\1ая", text)  # й is already folded to и
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for region in REGIONS:
        names = (region.name_kk, region.name_ru, region.name_en, region.short_en, *region.aliases)
        for name in names:
            key = _normalise(name)
            if region.kind == "city":
                key = _CITY_WORDS.sub(" ", key).strip()
            table.setdefault(key, region.iso_code)
    return table


def _closest(key: str) -> tuple[str, ...]:
    table = _alias_table()
    codes: list[str] = []
    for match in difflib.get_close_matches(key, table, n=10, cutoff=0.5):
        if table[match] not in codes:
            codes.append(table[match])
    return tuple(codes[:3])


def resolve_region(text: str, *, prefer_city: bool = False) -> str:
    """Return the ISO 3166-2:KZ code for a typed region name, or raise RegionNotFound."""
    if not text or not text.strip():
        raise RegionNotFound(text, (), "empty region name")
    stripped = text.strip()
    if re.fullmatch(r"(?i)kz-\d{2}", stripped) and stripped.upper() in _BY_CODE:
        return stripped.upper()
    folded = _fold(stripped)
    has_oblast_word = bool(_OBLAST_WORDS.search(folded))
    has_city_word = bool(_CITY_WORDS.search(_normalise(stripped)))
    key = _normalise(stripped)
    if has_city_word:
        key = _CITY_WORDS.sub(" ", key).strip()
        key = " ".join(key.split())
    table = _alias_table()
    if key in ("алматы", "almaty", "алма ата", "alma ata") or key in ("алматинская",):
        if key == "алматинская" or has_oblast_word:
            return ALMATY_OBLAST
        if has_city_word or prefer_city:
            return ALMATY_CITY
        raise AmbiguousRegion(
            text,
            (ALMATY_CITY, ALMATY_OBLAST),
            f"ambiguous region {text!r}: Almaty city (KZ-75) or Almaty Region (KZ-19)? "
            "Write 'г. Алматы' / 'Almaty city' or 'Алматинская область' / 'Almaty Region'",
        )
    code = table.get(key)
    if code is None:
        raise RegionNotFound(text, _closest(key))
    if has_city_word and _BY_CODE[code].kind != "city":
        # "г. Туркестан" is a city inside an oblast, not a region of its own.
        raise RegionNotFound(
            text,
            (code,),
            f"{text!r} names a city that is not a region; did you mean "
            f"{_BY_CODE[code].name_en} ({code})?",
        )
    return code
