"""Interface strings for what the map claims: summary, national figure, dates, ranking bases.

Kept apart from geo.i18n's general strings; geo.i18n merges them. {goal} and {goal_year} are
filled from geo.programme by geo.i18n.t.
"""

from __future__ import annotations

from geo.definitions import Lang

_UNKNOWN = {
    "kk": "{unknown} өңірдің үлесі белгісіз ({count_only} өңір үшін тек саны белгілі, "
    "{no_data} өңір үшін деректер жоқ)",
    "ru": "для {unknown} доля неизвестна (для {count_only} известно только число объектов, "
    "для {no_data} данных нет)",
    "en": "for {unknown} the share is unknown ({count_only} with a count only, {no_data} with "
    "no data)",
}

CLAIMS: dict[str, dict[Lang, str]] = {
    "summary_none": {
        "kk": "Үлесі жарияланған {with_share} өңірдің ешқайсысы {goal}%-ға жетпеді; "
        + _UNKNOWN["kk"]
        + ".",
        "ru": "Из {with_share} регионов с опубликованной долей ни один не достиг {goal}%; "
        + _UNKNOWN["ru"]
        + ".",
        "en": "Of the {with_share} regions with a published share, none has reached {goal}%; "
        + _UNKNOWN["en"]
        + ".",
    },
    "summary_some": {
        "kk": "Үлесі жарияланған {with_share} өңірдің {reached}-і {goal}%-ға жетті; "
        + _UNKNOWN["kk"]
        + ".",
        "ru": "Из {with_share} регионов с опубликованной долей {goal}% достигли {reached}; "
        + _UNKNOWN["ru"]
        + ".",
        "en": "Of the {with_share} regions with a published share, {reached} have reached "
        "{goal}%; " + _UNKNOWN["en"] + ".",
    },
    "summary_no_share": {
        "kk": "Бұл көріністе бірде-бір өңірдің үлесі жарияланбаған; " + _UNKNOWN["kk"] + ".",
        "ru": "Ни для одного региона в этом представлении доля не опубликована; "
        + _UNKNOWN["ru"]
        + ".",
        "en": "No region has a published share in this view; " + _UNKNOWN["en"] + ".",
    },
    "national_year": {
        "kk": "Ел бойынша, {year}: {figure}.",
        "ru": "По стране в {year} году: {figure}.",
        "en": "Nationally in {year}: {figure}.",
    },
    "national_latest": {
        "kk": "Ел бойынша, соңғы белгілі: {figure}.",
        "ru": "По стране, последнее известное: {figure}.",
        "en": "Nationally, latest known: {figure}.",
    },
    "national_none_year": {
        "kk": "{year} жылға ел бойынша үлес жоқ.",
        "ru": "Доли по стране за {year} год нет.",
        "en": "No national share for {year}.",
    },
    "national_none_latest": {
        "kk": "{year} жылдың соңына дейін ел бойынша үлес жоқ.",
        "ru": "Доли по стране до конца {year} года нет.",
        "en": "No national share up to the end of {year}.",
    },
    "view": {"kk": "Көрініс", "ru": "Представление", "en": "View"},
    "view_latest": {
        "kk": "Әр өңірдің соңғы белгілі мәні ({year} соңына дейін, әрқайсысы өз күнімен)",
        "ru": "Последнее известное значение каждого региона (до конца {year}, каждое со своей "
        "датой)",
        "en": "Latest known figure of each region (up to the end of {year}, each with its own "
        "date)",
    },
    "view_year": {
        "kk": "Тек {year} жылғы мәндер",
        "ru": "Только значения за {year} год",
        "en": "Only figures dated in {year}",
    },
    "view_option_latest": {
        "kk": "Соңғы белгілі",
        "ru": "Последнее известное",
        "en": "Latest known",
    },
    "view_option_year": {"kk": "Тек осы жыл", "ru": "Только этот год", "en": "This year only"},
    "ministry_mark": {
        "kk": "{standing} — министрлік атаған, {when}",
        "ru": "{standing} — по словам министерства, {when}",
        "en": "{standing} — named by the ministry, {when}",
    },
    "ministry_leader": {"kk": "Көшбасшы", "ru": "Лидер", "en": "Leader"},
    "ministry_laggard": {"kk": "Артта қалған", "ru": "Отстающий", "en": "Laggard"},
    "season_spring": {"kk": "{year} көктемі", "ru": "весна {year}", "en": "spring {year}"},
    "season_inferred": {
        "kk": "{season} (күні болжалды)",
        "ru": "{season} (дата выведена)",
        "en": "{season} (date inferred)",
    },
    "ministry_data": {
        "kk": "деректерде: {held}",
        "ru": "в данных: {held}",
        "en": "the data hold: {held}",
    },
    "held_share": {
        "kk": "үлес {share}% ({date})",
        "ru": "доля {share}% ({date})",
        "en": "a share of {share}% ({date})",
    },
    "held_adapted": {
        "kk": "{count} бейімделген ({date}), үлес жоқ",
        "ru": "{count} адаптировано ({date}), доли нет",
        "en": "{count} adapted ({date}), no share",
    },
    "held_registered": {
        "kk": "{count} тіркелген ({date}), бейімделгендер саны жоқ",
        "ru": "{count} объектов на карте ({date}), числа адаптированных нет",
        "en": "{count} registered ({date}), no adapted count",
    },
    "held_nothing": {"kk": "сан жоқ", "ru": "чисел нет", "en": "no figure"},
    "ministry_legend": {
        "kk": "Нүктелі жиек: министрлік атаған көшбасшы (▲) не артта қалған (▼)",
        "ru": "Пунктирная рамка из точек: названы министерством лидером (▲) или отстающим (▼)",
        "en": "Dotted outline: named by the ministry as a leader (▲) or laggard (▼)",
    },
    "date_month": {
        "kk": "{date} (тек ай)",
        "ru": "{date} (только месяц)",
        "en": "{date} (month only)",
    },
    "date_year": {
        "kk": "{date} (тек жыл)",
        "ru": "{date} (только год)",
        "en": "{date} (year only)",
    },
    "date_inferred": {
        "kk": "{date} (күні болжалды)",
        "ru": "{date} (дата выведена)",
        "en": "{date} (date inferred)",
    },
    "ranked_label": {
        "kk": "{standing}: {region} (үлесі бар {n} өңір арасында)",
        "ru": "{standing}: {region} (среди {n} регионов с долей)",
        "en": "{standing}: {region} (among {n} regions with a share)",
    },
    "ranked_basis": {
        "kk": "үлесі бар {n} өңір арасында",
        "ru": "среди {n} регионов с долей",
        "en": "among {n} regions with a share",
    },
    "since": {"kk": "{date} бастап", "ru": "с {date}", "en": "since {date}"},
    "change": {
        "kk": "Алдыңғы мәннен бері өзгеріс",
        "ru": "Изменение с предыдущего значения",
        "en": "Change since the previous figure",
    },
}
