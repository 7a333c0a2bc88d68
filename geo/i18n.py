"""Interface strings in Kazakh, Russian and English.

Region names come from the registry and indicator names from geo.definitions; this holds the rest.
"""

from __future__ import annotations

from typing import Final

from babel import negotiate_locale

from geo.definitions import LANGS, Lang
from geo.i18n_claims import CLAIMS
from geo.i18n_map import MAP_STRINGS
from geo.programme import GOAL_SHARE, GOAL_YEAR, roadmap_path

DEFAULT_LANG: Final[Lang] = "ru"

_STRINGS: dict[str, dict[Lang, str]] = {
    "title": {
        "kk": "Нысандардың мүгедектігі бар адамдар үшін қолжетімділігі",
        "ru": "Доступность объектов для людей с инвалидностью",
        "en": "Accessibility of public buildings for people with disabilities",
    },
    "subtitle": {
        "kk": "Толық бейімделген нысандар үлесі, {year}; {goal_year} жылғы нысана {goal}%",
        "ru": "Доля полностью адаптированных объектов, {year}; цель на {goal_year} год {goal}%",
        "en": "Share of registered objects fully adapted, {year}; {goal_year} target {goal}%",
    },
    "language": {"kk": "Тіл", "ru": "Язык", "en": "Language"},
    "year": {"kk": "Жыл", "ru": "Год", "en": "Year"},
    "show": {"kk": "Көрсету", "ru": "Показать", "en": "Show"},
    "skip_to_table": {
        "kk": "Кестеге өту",
        "ru": "Перейти к таблице",
        "en": "Skip to the table",
    },
    "skip_to_regions": {
        "kk": "Өңірлер тізіміне өту",
        "ru": "Перейти к списку регионов",
        "en": "Skip to the region list",
    },
    "map_label": {
        "kk": "Өңірлер картасы",
        "ru": "Карта регионов",
        "en": "Map of the regions",
    },
    "legend": {"kk": "Шартты белгілер", "ru": "Легенда", "en": "Legend"},
    "target_line": {
        "kk": "Нысана: {goal}% ({goal_year})",
        "ru": "Цель: {goal}% ({goal_year})",
        "en": "Target: {goal}% ({goal_year})",
    },
    "below_target": {"kk": "нысанадан төмен", "ru": "ниже цели", "en": "below target"},
    "at_or_above_target": {
        "kk": "нысанаға жетті",
        "ru": "цель достигнута",
        "en": "at or above target",
    },
    "count_only": {
        "kk": "тек саны белгілі (үлес жоқ)",
        "ru": "известно только число (доли нет)",
        "en": "count only (no share)",
    },
    "no_data": {"kk": "деректер жоқ", "ru": "нет данных", "en": "no data"},
    "leader": {"kk": "Көшбасшы", "ru": "Лидер", "en": "Leader"},
    "laggard": {"kk": "Артта қалған", "ru": "Отстающий", "en": "Laggard"},
    "leaders_by_data": {
        "kk": "Деректер бойынша көшбасшылар",
        "ru": "Лидеры по данным",
        "en": "Leaders by the data",
    },
    "laggards_by_data": {
        "kk": "Деректер бойынша артта қалғандар",
        "ru": "Отстающие по данным",
        "en": "Laggards by the data",
    },
    "reported_by_ministry": {
        "kk": "Министрлік атағандар ({date})",
        "ru": "Названы министерством ({date})",
        "en": "Named by the ministry ({date})",
    },
    "rule": {
        "kk": "Ереже: үлесі бар өңірлердің ең жоғары 3-еуі (бірақ жартысынан көп емес) және "
        "нысанаға жеткендердің бәрі - көшбасшылар; ең төмен 2-еуі - артта қалғандар.",
        "ru": "Правило: лидеры - три региона с наибольшей долей (не больше половины регионов с "
        "долей) и все достигшие цели; отстающие - два с наименьшей долей.",
        "en": "Rule: leaders are the three highest shares (at most half of the regions with a "
        "share) plus every region at or above the target; laggards are the two lowest shares.",
    },
    "none": {"kk": "жоқ", "ru": "нет", "en": "none"},
    "upload_title": {"kk": "Деректерді жүктеу", "ru": "Загрузка данных", "en": "Upload figures"},
    "upload_help": {
        "kk": "CSV бағандары: region, as_of, objects_adapted, objects_total, source_url. Алдымен "
        "тексеріңіз: өзгерістер көрсетіледі, содан кейін сақтаңыз.",
        "ru": "Столбцы CSV: region, as_of, objects_adapted, objects_total, source_url. Сначала "
        "проверьте: будут показаны изменения, затем сохраните.",
        "en": "CSV columns: region, as_of, objects_adapted, objects_total, source_url. Check "
        "first: the exact changes are shown, then commit them.",
    },
    "token": {"kk": "API токені", "ru": "API-токен", "en": "API token"},
    "file": {
        "kk": "Файл (CSV немесе JSON)",
        "ru": "Файл (CSV или JSON)",
        "en": "File (CSV or JSON)",
    },
    "description": {"kk": "Сипаттама", "ru": "Описание", "en": "Description"},
    "check": {"kk": "Тексеру", "ru": "Проверить", "en": "Check"},
    "commit": {"kk": "Сақтау", "ru": "Сохранить", "en": "Commit"},
    "diff_new": {"kk": "Жаңа", "ru": "Новые", "en": "New"},
    "diff_changed": {"kk": "Өзгерген", "ru": "Изменённые", "en": "Changed"},
    "diff_previous": {"kk": "Бұрынғы", "ru": "Было", "en": "Previous"},
    "value": {"kk": "Мәні", "ru": "Значение", "en": "Value"},
    "indicator": {"kk": "Көрсеткіш", "ru": "Показатель", "en": "Indicator"},
    "pace": {
        "kk": "Қарқын (қажет / қазіргі)",
        "ru": "Темп (нужно / текущий)",
        "en": "Pace (needed / current)",
    },
    "country": {
        "kk": "Қазақстан (ел бойынша)",
        "ru": "Казахстан (по стране)",
        "en": "Kazakhstan (national)",
    },
    "road_heading": {
        "kk": "{goal}%-ға жол ({goal_year})",
        "ru": "Путь к {goal}% ({goal_year})",
        "en": "The road to {goal}% ({goal_year})",
    },
    "road_item": {
        "kk": "{area}: {gap} нысан қалды; айына {needed} керек{pace}",
        "ru": "{area}: осталось {gap} объектов; нужно {needed} в месяц{pace}",
        "en": "{area}: {gap} objects to go; {needed} a month needed{pace}",
    },
    "road_pace": {
        "kk": ", қазіргі қарқын {pace}, болжам {projected}%",
        "ru": ", текущий темп {pace}, прогноз {projected}%",
        "en": ", current pace {pace}, projected {projected}%",
    },
    "road_missing": {
        "kk": "Қалған {n} өңір үшін картадағы нысандар саны жарияланбаған: алшақтықты "
        "есептеу мүмкін емес.",
        "ru": "Для остальных {n} регионов число объектов на карте не опубликовано: разрыв не "
        "вычислить.",
        "en": "For the other {n} regions the number of registered objects is not published: "
        "no gap can be computed.",
    },
    "regions": {"kk": "Өңірлер", "ru": "Регионы", "en": "Regions"},
    "region": {"kk": "Өңір", "ru": "Регион", "en": "Region"},
    "share_adapted": {
        "kk": "Бейімделген үлес",
        "ru": "Доля адаптированных",
        "en": "Share adapted",
    },
    "adapted": {"kk": "Бейімделген", "ru": "Адаптировано", "en": "Adapted"},
    "registered": {"kk": "Картада", "ru": "На карте", "en": "Registered"},
    "to_target": {
        "kk": "{target}%-ға дейін бейімдеу керек",
        "ru": "Осталось адаптировать до {target}%",
        "en": "Still to adapt to reach {target}%",
    },
    "status": {"kk": "Не белгілі", "ru": "Что известно", "en": "What is known"},
    "rehab_centres": {
        "kk": "Оңалту орталықтары",
        "ru": "Реабилитационные центры",
        "en": "Rehabilitation centres",
    },
    "autism_centres": {
        "kk": "Аутизм орталықтары",
        "ru": "Центры аутизма",
        "en": "Autism centres",
    },
    "plan_met_100pct": {
        "kk": "жоспар 100% орындалды",
        "ru": "план выполнен на 100%",
        "en": "plan met (100%)",
    },
    "plan_above_90pct": {"kk": "90%-дан жоғары", "ru": "выше 90%", "en": "above 90%"},
    "plan_below_90pct": {"kk": "90%-дан төмен", "ru": "ниже 90%", "en": "below 90%"},
    "definition": {"kk": "Анықтама", "ru": "Определение", "en": "Definition"},
    "as_of": {"kk": "Күні", "ru": "По состоянию на", "en": "As of"},
    "source": {"kk": "Дереккөз", "ru": "Источник", "en": "Source"},
    "derivation": {"kk": "Есептеу тәсілі", "ru": "Способ расчёта", "en": "How derived"},
    "operator": {"kk": "Оператор", "ru": "Оператор", "en": "Operator"},
    "capacity": {"kk": "Орын саны", "ru": "Мест", "en": "Capacity"},
    "opening": {"kk": "Ашылуы", "ru": "Открытие", "en": "Opening"},
    "approximate": {
        "kk": "Орны шамамен: елді мекеннің нүктесі",
        "ru": "Местоположение приблизительное: точка населённого пункта",
        "en": "Approximate location: the settlement's point",
    },
    "status_operating": {"kk": "жұмыс істейді", "ru": "работает", "en": "operating"},
    "status_under_construction": {"kk": "салынуда", "ru": "строится", "en": "under construction"},
    "status_planned": {"kk": "жоспарланған", "ru": "планируется", "en": "planned"},
    "status_closed": {"kk": "жабылған", "ru": "закрыт", "en": "closed"},
    "table_caption": {
        "kk": "Өңірлер бойынша деректер, {year} (бағанды сұрыптау үшін тақырыпты басыңыз)",
        "ru": "Данные по регионам, {year} (нажмите на заголовок, чтобы сортировать)",
        "en": "Data by region, {year} (press a column heading to sort)",
    },
    "summary": {
        "kk": "{year} жылы 20 өңірдің {reached}-і {target}%-ға жетті. Үлес {with_share} өңір "
        "үшін ғана жарияланған, {count_only} өңір үшін тек саны белгілі, {no_data} өңір үшін "
        "деректер жоқ. Ел бойынша: {national}.",
        "ru": "В {year} году {reached} из 20 регионов достигли {target}%. Доля опубликована "
        "только для {with_share} регионов, для {count_only} известно только число объектов, "
        "для {no_data} данных нет. По стране: {national}.",
        "en": "In {year}, {reached} of 20 regions have reached {target}%. A share is published "
        "for only {with_share} regions; {count_only} have a count only and {no_data} have no "
        "data. Nationally: {national}.",
    },
    "national_figure": {
        "kk": "{share}% ({as_of}, {source})",
        "ru": "{share}% ({as_of}, {source})",
        "en": "{share}% ({as_of}, {source})",
    },
    "few_shares": {
        "kk": "Ескерту: көшбасшылар мен артта қалғандар тек {n} өңірдің үлесінен есептелді.",
        "ru": "Внимание: лидеры и отстающие вычислены лишь по {n} регионам с долей.",
        "en": "Note: leaders and laggards are computed from only {n} regions with a share.",
    },
    "agree": {
        "kk": "{region}: министрлік пен деректер сәйкес.",
        "ru": "{region}: министерство и данные совпадают.",
        "en": "{region}: the ministry and the data agree.",
    },
    "no_share_to_check": {
        "kk": "{region}: министрлік «{standing}» деп атады; деректерде {year} жылға үлес жоқ, "
        "растау да, жоққа шығару да мүмкін емес.",
        "ru": "{region}: министерство называет «{standing}»; в данных за {year} год доли нет, "
        "подтвердить или опровергнуть нельзя.",
        "en": "{region}: named '{standing}' by the ministry; the data has no share for {year}, "
        "so it can neither confirm nor contradict this.",
    },
    "disagree": {
        "kk": "{region}: министрлік «{standing}» деп атады, ал деректер бойынша: {computed}.",
        "ru": "{region}: министерство называет «{standing}», а по данным: {computed}.",
        "en": "{region}: named '{standing}' by the ministry, but by the data: {computed}.",
    },
    "not_named": {
        "kk": "{region}: деректер бойынша «{computed}», министрлік атамаған.",
        "ru": "{region}: по данным «{computed}», министерство не называет.",
        "en": "{region}: '{computed}' by the data, not named by the ministry.",
    },
    "neither": {"kk": "ерекшеленбейді", "ru": "не выделяется", "en": "neither"},
    "ministry_vs_data": {
        "kk": "Министрлік пен деректер",
        "ru": "Министерство и данные",
        "en": "The ministry and the data",
    },
    "embed": {"kk": "Енгізу", "ru": "Встроить", "en": "Embed"},
    "embed_iframe": {
        "kk": "Картаны енгізу коды (iframe)",
        "ru": "Код для встраивания (iframe)",
        "en": "Embed code (iframe)",
    },
    "embed_tiles": {
        "kk": "Тайлдар URL үлгісі (QGIS, ArcGIS, Leaflet)",
        "ru": "Шаблон URL тайлов (QGIS, ArcGIS, Leaflet)",
        "en": "Tile URL template (QGIS, ArcGIS, Leaflet)",
    },
    "embed_image": {
        "kk": "Есепке арналған сурет (PNG)",
        "ru": "Изображение для отчёта (PNG)",
        "en": "Static image for reports (PNG)",
    },
    "attribution_data": {
        "kk": "Деректер: ЕХӘҚМ, әкімдіктер, БАҚ (әр сандағы дереккөз)",
        "ru": "Данные: МТСЗН, акиматы, СМИ (источник у каждого числа)",
        "en": "Data: MTSZN, akimats, news releases (a source on every figure)",
    },
    "pp": {"kk": "п.т.", "ru": "п.п.", "en": "pp"},
    "objects": {"kk": "нысан", "ru": "объектов", "en": "objects"},
    "undated": {"kk": "күні жоқ", "ru": "без даты", "en": "undated"},
    "centres_in_region": {
        "kk": "Өңірдегі орталықтар",
        "ru": "Центры в регионе",
        "en": "Centres in the region",
    },
    "select_region": {
        "kk": "Өңірді картада көрсету",
        "ru": "Показать регион на карте",
        "en": "Show the region on the map",
    },
}


_STRINGS.update(CLAIMS)
_STRINGS.update(MAP_STRINGS)
# The programme's goal, filled into any string that names it (defined once in geo.programme).
_PROGRAMME = {
    "goal": f"{GOAL_SHARE:g}",
    "goal_year": GOAL_YEAR,
    "path": "/".join(f"{target:g}" for target in roadmap_path().values()),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The string `key` in `lang`, with {placeholders} filled."""
    text = _STRINGS[key][lang]
    if values or "{goal" in text or "{path}" in text:
        return text.format(**{**_PROGRAMME, **values})
    return text


def parse_lang(text: str | None) -> Lang | None:
    if text is None:
        return None
    lowered = text.strip().lower()
    return next((lang for lang in LANGS if lang == lowered), None)


def negotiate_lang(accept_language: str | None) -> Lang:
    """Pick kk, ru or en from an Accept-Language header by quality; Russian by default.

    The header's language ranges are ordered by quality (RFC 9110 §12.5.4, ties in the order
    sent, q=0 refused); Babel's `negotiate_locale` picks the first that we offer, a regional
    range such as kk-KZ falling back to its language."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag))
    preferred = [tag for _, _, tag in sorted(ranked)]
    chosen = negotiate_locale(preferred, list(LANGS), sep="-", aliases={})
    return parse_lang(chosen) or DEFAULT_LANG


def all_keys() -> frozenset[str]:
    return frozenset(_STRINGS)


# How each language writes numbers: the thousands separator (a no-break space in kk and ru) and
# the decimal mark.
DIGITS_SEPARATOR: Final[dict[Lang, str]] = {"kk": "\u00a0", "ru": "\u00a0", "en": ","}
DECIMAL_MARK: Final[dict[Lang, str]] = {"kk": ",", "ru": ",", "en": "."}


def number(value: float, lang: Lang, digits: int = 0) -> str:
    """A number as `lang` writes it: 1,234.5 in English, 1 234,5 (no-break space) otherwise."""
    text = f"{value:,.{digits}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", DIGITS_SEPARATOR[lang])
    return f"{whole}{DECIMAL_MARK[lang]}{fraction}" if fraction else whole
