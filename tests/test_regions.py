"""The region registry and the resolver of typed region names."""

from __future__ import annotations

import pycountry
import pytest

from geo.regions import REGIONS, AmbiguousRegion, RegionNotFound, get_region, resolve_region

PYCOUNTRY = {s.code: s for s in pycountry.subdivisions.get(country_code="KZ")}

# Spellings seen in ministry releases, akimat spreadsheets, news and other datasets.
SPELLINGS = {
    "ЗКО": "KZ-27",
    "Западно-Казахстанская обл.": "KZ-27",
    "Западно-Казахстанская область": "KZ-27",
    "  западно-казахстанская   ОБЛАСТЬ ": "KZ-27",
    "Batys Qazaqstan": "KZ-27",
    "West Kazakhstan Region": "KZ-27",
    "West Kazakhstan": "KZ-27",
    "БҚО": "KZ-27",
    "Батыс Қазақстан облысы": "KZ-27",
    "СКО": "KZ-59",
    "Северо-Казахстанская область": "KZ-59",
    "North Kazakhstan": "KZ-59",
    "Солтүстік Қазақстан облысы": "KZ-59",
    "ВКО": "KZ-63",
    "Восточно-Казахстанская обл": "KZ-63",
    "East Kazakhstan Region": "KZ-63",
    "Шығыс Қазақстан облысы": "KZ-63",
    "Жетысу": "KZ-33",
    "Жетісу": "KZ-33",
    "Jetisu": "KZ-33",
    "Zhetysu": "KZ-33",
    "Жетісу облысы": "KZ-33",
    "область Жетісу": "KZ-33",
    "Jetisu Region": "KZ-33",
    "Маңғыстау": "KZ-47",
    "Мангистауская": "KZ-47",
    "Мангистауская область": "KZ-47",
    "Mangghystau": "KZ-47",
    "Mangystau": "KZ-47",
    "Маңғыстау облысы": "KZ-47",
    "Туркестанская": "KZ-61",
    "Туркестанская обл.": "KZ-61",
    "Turkistan": "KZ-61",
    "Turkestan": "KZ-61",
    "Түркістан облысы": "KZ-61",
    "Южно-Казахстанская область": "KZ-61",
    "Абай": "KZ-10",
    "Abay": "KZ-10",
    "Abai": "KZ-10",
    "Абайская область": "KZ-10",
    "область Абай": "KZ-10",
    "Abay Region": "KZ-10",
    "Нур-Султан": "KZ-71",
    "Astana": "KZ-71",
    "г. Астана": "KZ-71",
    "Астана қаласы": "KZ-71",
    "Nur-Sultan": "KZ-71",
    "г. Алматы": "KZ-75",
    "город Алматы": "KZ-75",
    "Алматы қаласы": "KZ-75",
    "Almaty city": "KZ-75",
    "City of Almaty": "KZ-75",
    "г.Алматы": "KZ-75",
    "Алматинская область": "KZ-19",
    "Алматинская обл.": "KZ-19",
    "Алматы облысы": "KZ-19",
    "Almaty Region": "KZ-19",
    "almaty oblast": "KZ-19",
    "ALMATY REGION": "KZ-19",
    "Акмолинская область": "KZ-11",
    "Ақмола облысы": "KZ-11",
    "Aqmola": "KZ-11",
    "Актюбинская обл.": "KZ-15",
    "Ақтөбе облысы": "KZ-15",
    "Aqtobe": "KZ-15",
    "Атырауская область": "KZ-23",
    "Atyrau Region": "KZ-23",
    "Жамбылская область": "KZ-31",
    "Zhambyl": "KZ-31",
    "Jambyl Region": "KZ-31",
    "Карагандинская обл.": "KZ-35",
    "Qaraghandy": "KZ-35",
    "Қарағанды облысы": "KZ-35",
    "Костанайская область": "KZ-39",
    "Qostanay": "KZ-39",
    "Қостанай облысы": "KZ-39",
    "Кызылординская обл.": "KZ-43",
    "Qyzylorda": "KZ-43",
    "Қызылорда облысы": "KZ-43",
    "Павлодарская область": "KZ-55",
    "Pavlodar Region": "KZ-55",
    "Улытауская область": "KZ-62",
    "Ұлытау облысы": "KZ-62",
    "Ulytau": "KZ-62",
    "г. Шымкент": "KZ-79",
    "Шымкент": "KZ-79",
    "Shymkent": "KZ-79",
    "Шымкент қаласы": "KZ-79",
    "kz-27": "KZ-27",
    "KZ-75": "KZ-75",
    "Западно-Казахстанской области": "KZ-27",
    "Мангистауской обл.": "KZ-47",
}


def test_registry_matches_iso_3166_2() -> None:
    assert [region.iso_code for region in REGIONS] == sorted(PYCOUNTRY)
    assert {r.iso_code for r in REGIONS if r.kind == "city"} == {"KZ-71", "KZ-75", "KZ-79"}
    for region in REGIONS:
        assert (region.kind == "city") == (PYCOUNTRY[region.iso_code].type == "City")
        for lang in ("kk", "ru", "en"):
            assert region.name(lang).strip()
        assert region.centre_en and region.centre_ru and region.centre_kk
    with pytest.raises(ValueError, match="de"):
        REGIONS[0].name("de")


def test_at_least_seventy_real_spellings_are_tested() -> None:
    assert len(SPELLINGS) >= 70


@pytest.mark.parametrize(("text", "code"), SPELLINGS.items())
def test_real_world_spellings_resolve(text: str, code: str) -> None:
    assert resolve_region(text) == code


@pytest.mark.parametrize("code", sorted(PYCOUNTRY))
def test_pycountry_names_and_registry_names_resolve(code: str) -> None:
    is_city = PYCOUNTRY[code].type == "City"
    assert resolve_region(PYCOUNTRY[code].name, prefer_city=is_city) == code
    region = get_region(code)
    for name in (region.name_kk, region.name_ru, region.name_en, *region.aliases):
        assert resolve_region(name, prefer_city=is_city) == code, name


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_names_shown_are_never_ambiguous(lang: str) -> None:
    """Every region's name as pages and files show it names that region alone: in English too,
    the city is "Almaty city" next to "Almaty Region" (bare "Almaty" is either)."""
    for region in REGIONS:
        assert resolve_region(region.name(lang)) == region.iso_code, region.name(lang)


@pytest.mark.parametrize("text", ["Алматы", "Almaty", "алматы ", "ALMATY", "Алма-Ата"])
def test_bare_almaty_is_ambiguous(text: str) -> None:
    with pytest.raises(AmbiguousRegion) as caught:
        resolve_region(text)
    assert set(caught.value.candidates) == {"KZ-75", "KZ-19"}
    assert repr(text) in str(caught.value)
    assert resolve_region(text, prefer_city=True) == "KZ-75"


@pytest.mark.parametrize(
    ("text", "candidate"),
    [
        ("Mangystu", "KZ-47"),
        ("Мангышлак", "KZ-47"),
        ("Karagandinskaya", "KZ-35"),
        ("г. Туркестан", "KZ-61"),
        ("Turkistan city", "KZ-61"),
    ],
)
def test_unknown_names_are_errors_with_candidates(text: str, candidate: str) -> None:
    with pytest.raises(RegionNotFound) as caught:
        resolve_region(text)
    assert not isinstance(caught.value, AmbiguousRegion)
    assert repr(text) in str(caught.value)
    assert candidate in caught.value.candidates
    assert candidate in str(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "Atlantis"])
def test_empty_or_foreign_names_are_errors(text: str) -> None:
    with pytest.raises(RegionNotFound):
        resolve_region(text)


def test_unknown_code_is_an_error() -> None:
    with pytest.raises(RegionNotFound, match="KZ-99"):
        get_region("KZ-99")


def test_short_labels_are_unique() -> None:
    labels = [region.short_en for region in REGIONS]
    assert len(set(labels)) == 20
    assert get_region("KZ-19").short_en == "Almaty oblast"
