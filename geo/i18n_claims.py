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
    "theme": {"kk": "Тақырып", "ru": "Тема карты", "en": "Map theme"},
    "theme_share": {"kk": "Үлес пен 80%", "ru": "Доля и цель 80%", "en": "Share against 80%"},
    "theme_adapted": {
        "kk": "Бейімделген нысандар саны",
        "ru": "Число адаптированных объектов",
        "en": "Objects adapted (count)",
    },
    "theme_plan2023": {
        "kk": "2023 жоспары (басқа көрсеткіш)",
        "ru": "План 2023 года (другой показатель)",
        "en": "2023 plan (a different indicator)",
    },
    "theme_standing": {
        "kk": "Министрлік атағандар",
        "ru": "Названные министерством",
        "en": "Named by the ministry",
    },
    "theme_share_title": {
        "kk": "Толық бейімделген нысандар үлесі, {goal_year} жылғы {goal}% нысанамен салыстырғанда",
        "ru": "Доля полностью адаптированных объектов в сравнении с целью {goal}% ({goal_year})",
        "en": "Share of registered objects fully adapted, against the {goal}% goal for {goal_year}",
    },
    "theme_adapted_title": {
        "kk": "Толық бейімделген нысандар саны (шеңбер ауданы санға пропорционал; үлес емес)",
        "ru": "Число полностью адаптированных объектов (площадь круга пропорциональна числу; "
        "это не доля)",
        "en": "Objects fully adapted (circle area proportional to the count; not a share)",
    },
    "theme_plan2023_title": {
        "kk": "Басқа көрсеткіш: 2023 жылдық бейімдеу жоспарының орындалуы (нысандар үлесі емес)",
        "ru": "Другой показатель: выполнение годового плана адаптации 2023 года (не доля объектов)",
        "en": "A different indicator: fulfilment of the 2023 annual adaptation plan (not the "
        "share of objects)",
    },
    "theme_standing_title": {
        "kk": "Министрлік атаған көшбасшылар мен артта қалғандар, {when}; деректерден есептелмеген",
        "ru": "Лидеры и отстающие по словам министерства, {when}; не вычислены по данным",
        "en": "Leaders and laggards as named by the ministry, {when}; not computed from the data",
    },
    "symbol_count": {"kk": "{count} нысан", "ru": "{count} объектов", "en": "{count} objects"},
    "no_count": {
        "kk": "бейімделгендер саны жоқ",
        "ru": "числа адаптированных нет",
        "en": "no adapted count",
    },
    "not_named_by_ministry": {
        "kk": "министрлік атамаған",
        "ru": "министерство не называет",
        "en": "not named by the ministry",
    },
    "centres_legend": {"kk": "Орталықтар", "ru": "Центры", "en": "Centres"},
    "cluster_legend": {
        "kk": "Топ: әріп түрін, сан орталықтар санын көрсетеді (түсі деректер класы емес)",
        "ru": "Группа: буква — вид, число — сколько центров (цвет не класс данных)",
        "en": "Cluster: the letter is the kind, the number how many centres (its grey is no "
        "data class)",
    },
    "operating_rehab": {
        "kk": "Жұмыс істейтін оңалту орталықтары",
        "ru": "Работающие реабилитационные центры",
        "en": "Operating rehabilitation centres",
    },
    "operating_autism": {
        "kk": "Жұмыс істейтін аутизм орталықтары",
        "ru": "Работающие аутизм-центры",
        "en": "Operating autism centres",
    },
    "without_operating": {
        "kk": "Жұмыс істейтін орталығы жоқ өңірлер (анықталған орталықтар бойынша)",
        "ru": "Регионы без работающего центра (среди установленных центров)",
        "en": "Regions without an operating centre (among the centres identified)",
    },
    "not_on_map": {
        "kk": "Картада жоқ (орны белгісіз) орталықтар",
        "ru": "Не на карте (место неизвестно)",
        "en": "Not on the map (location unknown)",
    },
    "chart_heading": {
        "kk": "Нысанаға қарай ілгерілеу",
        "ru": "Движение к цели",
        "en": "Progress towards the goal",
    },
    "chart_share_title": {
        "kk": "Бейімделген үлес (%) жол картасымен ({path}%) салыстырғанда",
        "ru": "Доля адаптированных (%) в сравнении с дорожной картой ({path}%)",
        "en": "Share adapted (%) against the roadmap path ({path}%)",
    },
    "chart_share_desc": {
        "kk": "Ел бойынша (қалың сызық) және өңірлер бойынша жарияланған үлестер, әрқайсысы өз "
        "күнімен; үзік сызық — жол картасы, нүктелі сызық — {goal}% ({goal_year}). Күні "
        "болжалды не толық емес нүктелер іші бос.",
        "ru": "Опубликованные доли по стране (толстая линия) и по регионам, каждая со своей "
        "датой; пунктир — дорожная карта, точечная линия — {goal}% ({goal_year}). Точки с "
        "выведенной или неполной датой — полые.",
        "en": "Published shares for the country (thick line) and regions, each at its own date; "
        "dashed: the roadmap path; dotted: {goal}% ({goal_year}). Hollow points have an "
        "inferred or partial date.",
    },
    "chart_count_title": {
        "kk": "Толық бейімделген нысандар саны (күні бар сандар)",
        "ru": "Число полностью адаптированных объектов (датированные значения)",
        "en": "Objects fully adapted (dated counts)",
    },
    "chart_count_desc": {
        "kk": "Әр түрлі базадағы сандар (2024 жылға дейінгі тізімдер мен картаның 40 мыңнан астам "
        "нысаны) бір сызықпен қосылмайды.",
        "ru": "Числа разной базы (списки до 2024 года и более 40 тысяч объектов карты) не "
        "соединены одной линией.",
        "en": "Counts of different bases (the lists before 2024 and the map's 40 thousand+ "
        "objects) are never joined by one line.",
    },
    "chart_table": {"kk": "Кесте түрінде", "ru": "В виде таблицы", "en": "As a table"},
    # A long history is summarised, never thinned: what is left out is counted and named.
    "chart_earlier": {
        "kk": "Әр қатардың соңғы {latest} нүктесі ғана көрсетілген: {series} қатардың {earlier} "
        "ертерек нүктесі ({first} бастап) мұнда жоқ.",
        "ru": "Для каждого ряда показаны только последние {latest} точек: {earlier} более ранних "
        "точек из {series} рядов (с {first}) здесь не показаны.",
        "en": "Each series shows only its latest {latest} points: {earlier} earlier points of "
        "{series} series (from {first}) are not shown here.",
    },
    "chart_all_points": {
        "kk": "Барлық нүктелер дереккөздерімен: {downloads} және {items}.",
        "ru": "Все точки с источниками: {downloads} и {items}.",
        "en": "Every point with its source: {downloads} and {items}.",
    },
    "pace_today": {
        "kk": "{date} жағдайы бойынша: {goal}%-ға {goal_year} соңына дейін жету үшін елге айына "
        "{pace} нысан бейімдеу керек.",
        "ru": "На {date}: чтобы достичь {goal}% к концу {goal_year} года, стране нужно "
        "адаптировать {pace} объектов в месяц.",
        "en": "As of {date}: to reach {goal}% by the end of {goal_year}, the country needs "
        "{pace} objects adapted a month.",
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
