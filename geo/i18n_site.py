"""Strings of the site's plain pages (downloads, data API, progress, history, errors) in kk/ru/en.

The map's own strings live in geo.i18n; this catalogue holds those of the pages around it, and
the language rules for writing a number or a file size.
"""

from __future__ import annotations

from geo.definitions import INDICATORS_BY_CODE, Lang
from geo.i18n import number

_SITE: dict[str, dict[Lang, str]] = {
    "site_name": {
        "kk": "Қолжетімділік картасы",
        "ru": "Карта доступности",
        "en": "Accessibility map",
    },
    "skip_to_content": {
        "kk": "Негізгі мазмұнға өту",
        "ru": "Перейти к содержанию",
        "en": "Skip to the content",
    },
    "nav_label": {"kk": "Сайт бөлімдері", "ru": "Разделы сайта", "en": "Site sections"},
    "nav_map": {"kk": "Карта", "ru": "Карта", "en": "Map"},
    "nav_downloads": {"kk": "Файлдар", "ru": "Файлы", "en": "Downloads"},
    "nav_ogc": {"kk": "Деректер API (OGC)", "ru": "API данных (OGC)", "en": "Data API (OGC)"},
    "nav_progress": {"kk": "Нысанаға жол", "ru": "Путь к цели", "en": "Progress"},
    "nav_history": {"kk": "Деректер тарихы", "ru": "История данных", "en": "Data history"},
    "nav_upload": {"kk": "Деректерді жүктеу", "ru": "Загрузка данных", "en": "Upload"},
    "nav_docs": {"kk": "API құжаттамасы", "ru": "Документация API", "en": "API docs"},
    "language_switch": {"kk": "Тілді таңдау", "ru": "Выбор языка", "en": "Choose a language"},
    "scroll_hint": {
        "kk": "Кесте көлденеңінен айналады",
        "ru": "Таблица прокручивается по горизонтали",
        "en": "The table scrolls sideways",
    },
    # /downloads
    "downloads_title": {"kk": "Деректер файлдары", "ru": "Файлы данных", "en": "Data files"},
    "downloads_intro": {
        "kk": "Әр жинақтың толық файлдары, шекаралар толық дәлдікте; деректер нұсқасы {version}. "
        "Әр файлда сандардың анықтамалары, күндері мен дереккөздері бар.",
        "ru": "Полные файлы каждого набора, границы в полной детализации; версия данных "
        "{version}. В каждом файле есть определения, даты и источники всех чисел.",
        "en": "Complete files of every collection at full boundary resolution, data version "
        "{version}. Every file carries the definitions, as-of dates and sources of its figures.",
    },
    "downloads_subsets": {
        "kk": "Өңір, күн немесе бет бойынша іріктеу:",
        "ru": "Выборки по региону, дате или страницам:",
        "en": "Selections by region, date or page:",
    },
    "files_caption": {
        "kk": "Файлдар ({n})",
        "ru": "Файлы ({n})",
        "en": "Files ({n})",
    },
    "col_file": {"kk": "Файл", "ru": "Файл", "en": "File"},
    "col_collection": {"kk": "Жинақ", "ru": "Набор", "en": "Collection"},
    "col_format": {"kk": "Пішім", "ru": "Формат", "en": "Format"},
    "col_size": {"kk": "Көлемі", "ru": "Размер", "en": "Size"},
    "col_checksum": {
        "kk": "Бақылау сомасы (SHA-256)",
        "ru": "Контрольная сумма (SHA-256)",
        "en": "Checksum (SHA-256)",
    },
    "as_of": {"kk": "Күні", "ru": "По состоянию на", "en": "As of"},
    "as_of_quality": {
        "kk": "Күні қалай белгілі",
        "ru": "Как известна дата",
        "en": "How the date is known",
    },
    # The data API (OGC API - Features)
    "ogc_intro": {
        "kk": "Өңірлер бойынша қоғамдық ғимараттардың қолжетімділігі; әр санның дереккөзі мен "
        "күні бар. Деректер API-і OGC API - Features стандартына сай.",
        "ru": "Доступность общественных зданий по регионам; у каждого числа есть источник и "
        "дата. API данных соответствует стандарту OGC API - Features.",
        "en": "Accessibility of public buildings by region, with a source and a date on every "
        "figure. The data API follows the OGC API - Features standard.",
    },
    "ogc_openapi": {
        "kk": "API сипаттамасы (OpenAPI, JSON)",
        "ru": "Описание API (OpenAPI, JSON)",
        "en": "API definition (OpenAPI, JSON)",
    },
    "ogc_conformance": {
        "kk": "Сәйкестік кластары",
        "ru": "Классы соответствия",
        "en": "Conformance classes",
    },
    "ogc_collections": {"kk": "Деректер жинақтары", "ru": "Наборы данных", "en": "Collections"},
    "ogc_this_as_json": {
        "kk": "Осы бет JSON түрінде",
        "ru": "Эта страница в формате JSON",
        "en": "This page as JSON",
    },
    "col_description": {"kk": "Сипаттамасы", "ru": "Описание", "en": "Description"},
    "col_get": {"kk": "Деректерді алу", "ru": "Получить данные", "en": "Get the data"},
    "browse_items": {"kk": "Кесте ретінде қарау", "ru": "Смотреть таблицей", "en": "Browse"},
    "identifier": {"kk": "Идентификатор", "ru": "Идентификатор", "en": "Identifier"},
    "extent_space": {
        "kk": "Аумақ (батыс, оңтүстік, шығыс, солтүстік)",
        "ru": "Охват (запад, юг, восток, север)",
        "en": "Extent (west, south, east, north)",
    },
    "extent_time": {"kk": "Кезең", "ru": "Период", "en": "Time span"},
    "licence": {"kk": "Лицензия", "ru": "Лицензия", "en": "Licence"},
    "sources": {"kk": "Дереккөздер", "ru": "Источники", "en": "Sources"},
    "sources_count": {
        "kk": "Дереккөздер ({n})",
        "ru": "Источники ({n})",
        "en": "Sources ({n})",
    },
    "definitions": {"kk": "Анықтамалар", "ru": "Определения", "en": "Definitions"},
    "feature_schema": {
        "kk": "Нысан схемасы (JSON Schema)",
        "ru": "Схема объектов (JSON Schema)",
        "en": "Feature schema (JSON Schema)",
    },
    "queryables": {
        "kk": "Сүзгі өрістері (queryables)",
        "ru": "Поля для фильтра (queryables)",
        "en": "Fields to filter on (queryables)",
    },
    "items_heading": {
        "kk": "{collection}: жазбалар",
        "ru": "{collection}: записи",
        "en": "{collection}: records",
    },
    "items_shown": {
        "kk": "{matched} жазбаның {first}–{last} аралығы",
        "ru": "Записи {first}–{last} из {matched}",
        "en": "Records {first}–{last} of {matched}",
    },
    "items_none": {
        "kk": "Сұрауға сай жазба жоқ.",
        "ru": "Нет записей, отвечающих запросу.",
        "en": "No record matches the request.",
    },
    "pages": {"kk": "Беттер", "ru": "Страницы", "en": "Pages"},
    "next_page": {"kk": "Келесі бет", "ru": "Следующая страница", "en": "Next page"},
    "previous_page": {"kk": "Алдыңғы бет", "ru": "Предыдущая страница", "en": "Previous page"},
    "this_page_as": {
        "kk": "Осы бет файл ретінде:",
        "ru": "Эта страница файлом:",
        "en": "This page as a file:",
    },
    "filter_region": {
        "kk": "Өңір бойынша сүзу",
        "ru": "Фильтр по региону",
        "en": "Filter by region",
    },
    "all_regions": {"kk": "Барлық өңірлер", "ru": "Все регионы", "en": "All regions"},
    "apply": {"kk": "Көрсету", "ru": "Показать", "en": "Show"},
    "record": {"kk": "Жазба {id}", "ru": "Запись {id}", "en": "Record {id}"},
    "property": {"kk": "Өріс", "ru": "Поле", "en": "Field"},
    "value": {"kk": "Мәні", "ru": "Значение", "en": "Value"},
    "empty": {"kk": "жоқ", "ru": "нет", "en": "none"},
    "yes": {"kk": "иә", "ru": "да", "en": "yes"},
    "no": {"kk": "жоқ", "ru": "нет", "en": "no"},
    # /stats/progress
    "progress_title": {
        "kk": "{year} жылғы нысанаға жол",
        "ru": "Путь к цели {year} года",
        "en": "The road to the {year} target",
    },
    "progress_intro": {
        "kk": "{year} жылғы нысана: бейімделген нысандар үлесі {target}%. Өңірлер алшақтық "
        "бойынша реттелген; дерек жоқ жерде сан есептелмейді және толтырылмайды.",
        "ru": "Цель {year} года: доля адаптированных объектов {target}%. Регионы упорядочены "
        "по разрыву; где данных нет, число не вычисляется и не подставляется.",
        "en": "The {year} target: {target}% of registered objects adapted. Areas are ordered "
        "by gap; where an input is missing, no figure is computed or filled in.",
    },
    "progress_years": {"kk": "Жылдар", "ru": "Годы", "en": "Years"},
    "progress_caption": {
        "kk": "Аумақтар бойынша {year} жылғы нысанаға жол",
        "ru": "Путь к цели {year} года по территориям",
        "en": "The road to the {year} target by area",
    },
    "area": {"kk": "Аумақ", "ru": "Территория", "en": "Area"},
    "share": {"kk": "Үлес", "ru": "Доля", "en": "Share"},
    "gap": {"kk": "Нысанаға дейін", "ru": "До цели", "en": "Gap"},
    "gap_2027": {"kk": "100%-ға дейін", "ru": "До 100%", "en": "Gap to 100%"},
    "pace_current": {
        "kk": "Қазіргі қарқын, айына",
        "ru": "Текущий темп, в месяц",
        "en": "Current pace, a month",
    },
    "pace_needed": {
        "kk": "Қажет қарқын, айына",
        "ru": "Нужный темп, в месяц",
        "en": "Pace needed, a month",
    },
    "projected": {
        "kk": "Жыл соңына болжам",
        "ru": "Прогноз на конец года",
        "en": "Projected at year end",
    },
    "on_track": {"kk": "Жоспар бойынша ма", "ru": "Успевает", "en": "On track"},
    "rank": {"kk": "Орны", "ru": "Место", "en": "Rank"},
    "progress_definitions": {
        "kk": "Алшақтық: нысанаға жету үшін әлі бейімделетін нысандар (екі сан да керек). "
        "Қарқын: күні ай немесе күн дәлдігімен белгілі екі санның арасында айына бейімделген "
        "нысандар. Қажет қарқын: алшақтық жыл соңына дейінгі айларға бөлінген. Болжам: "
        "қазіргі қарқын сақталса, жыл соңындағы үлес. Орны: үлесі бар аумақтар арасында.",
        "ru": "Разрыв: объекты, которые ещё нужно адаптировать до цели (нужны оба числа). "
        "Темп: объекты, адаптированные за месяц между двумя подсчётами с датой до месяца или "
        "дня. Нужный темп: разрыв, делённый на месяцы до конца года. Прогноз: доля на конец "
        "года, если текущий темп сохранится. Место: среди территорий с долей.",
        "en": "Gap: objects still to adapt to reach the target (needs both counts). Pace: "
        "objects adapted a month between two counts dated to the month or day. Pace needed: "
        "the gap divided by the months left in the year. Projection: the share at year end if "
        "the current pace holds. Rank: among the areas with a share.",
    },
    "figure_from": {"kk": "{as_of}, дереккөз", "ru": "{as_of}, источник", "en": "{as_of}, source"},
    # /admin/history
    "history_title": {"kk": "Деректер тарихы", "ru": "История данных", "en": "Data history"},
    "history_intro": {
        "kk": "Деректердің әр нұсқасы: қашан, кім және неше бақылау жазылды. Кез келген "
        "нұсқаны деректер API-інде revision параметрімен ашуға болады.",
        "ru": "Каждая версия данных: когда, кем и сколько наблюдений записано. Любую версию "
        "можно открыть в API данных параметром revision.",
        "en": "Every revision of the data: when, by whom and how many observations were "
        "written. Any revision can be read from the data API with the revision parameter.",
    },
    "history_caption": {"kk": "Нұсқалар ({n})", "ru": "Версии ({n})", "en": "Revisions ({n})"},
    "revision": {"kk": "Нұсқа", "ru": "Версия", "en": "Revision"},
    "created_at": {"kk": "Уақыты (UTC)", "ru": "Время (UTC)", "en": "Time (UTC)"},
    "origin": {"kk": "Қайдан", "ru": "Откуда", "en": "Origin"},
    "author": {"kk": "Авторы", "ru": "Автор", "en": "Author"},
    "observations": {"kk": "Бақылаулар", "ru": "Наблюдения", "en": "Observations"},
    "origin_seed": {"kk": "бастапқы файлдар", "ru": "исходные файлы", "en": "seed files"},
    "origin_upload": {"kk": "жүктеу", "ru": "загрузка", "en": "upload"},
    "open_revision": {
        "kk": "Осы нұсқадағы өңірлер",
        "ru": "Регионы в этой версии",
        "en": "Regions in this revision",
    },
    # Error pages
    "error_title_400": {"kk": "Сұрау дұрыс емес", "ru": "Неверный запрос", "en": "Bad request"},
    "error_title_404": {"kk": "Табылмады", "ru": "Не найдено", "en": "Not found"},
    "error_title_other": {
        "kk": "Сұрау орындалмады",
        "ru": "Запрос не выполнен",
        "en": "The request failed",
    },
    "error_status": {
        "kk": "HTTP қатесі {status}",
        "ru": "Ошибка HTTP {status}",
        "en": "HTTP error {status}",
    },
    "error_no_page": {
        "kk": "{path} мекенжайында бет жоқ.",
        "ru": "По адресу {path} страницы нет.",
        "en": "There is no page at {path}.",
    },
    "error_no_year": {
        "kk": "{year} жылға деректер жоқ. Деректері бар жылдар: {years}.",
        "ru": "За {year} год данных нет. Годы с данными: {years}.",
        "en": "There are no data for {year}. Years with data: {years}.",
    },
    "error_no_region": {
        "kk": "«{value}» өңірі табылмады.",
        "ru": "Регион «{value}» не найден.",
        "en": "No region is called “{value}”.",
    },
    "error_closest": {
        "kk": "Ең жақындары: {names}.",
        "ru": "Ближайшие: {names}.",
        "en": "The closest are: {names}.",
    },
    "error_bad_value": {
        "kk": "«{name}» параметрінің мәні «{value}» жарамсыз.",
        "ru": "Недопустимое значение «{value}» параметра «{name}».",
        "en": "The value “{value}” of the parameter “{name}” is not valid.",
    },
    "error_allowed": {
        "kk": "Рұқсат етілгені: {allowed}.",
        "ru": "Допустимо: {allowed}.",
        "en": "Allowed: {allowed}.",
    },
    "error_bad_parameter": {
        "kk": "«{name}» параметрі жарамсыз.",
        "ru": "Параметр «{name}» задан неверно.",
        "en": "The parameter “{name}” is not valid.",
    },
    "error_generic": {
        "kk": "Сервер бұл сұрауды орындай алмады.",
        "ru": "Сервер не смог выполнить этот запрос.",
        "en": "The server could not answer this request.",
    },
    "error_detail": {
        "kk": "Техникалық мәлімет (ағылшынша)",
        "ru": "Техническая подробность (на английском)",
        "en": "Technical detail",
    },
    "back_to_map": {"kk": "Картаға оралу", "ru": "Вернуться к карте", "en": "Back to the map"},
}

# Names of the data's fields, for table headings; indicator codes take the indicator's name.
_FIELDS: dict[str, dict[Lang, str]] = {
    "id": {"kk": "Идентификатор", "ru": "Идентификатор", "en": "Identifier"},
    "iso_code": {"kk": "Өңір коды", "ru": "Код региона", "en": "Region code"},
    "kind": {"kk": "Түрі", "ru": "Вид", "en": "Kind"},
    "name": {"kk": "Атауы", "ru": "Название", "en": "Name"},
    "name_kk": {"kk": "Атауы (қазақша)", "ru": "Название (каз.)", "en": "Name (Kazakh)"},
    "name_ru": {"kk": "Атауы (орысша)", "ru": "Название (рус.)", "en": "Name (Russian)"},
    "name_en": {"kk": "Атауы (ағылшынша)", "ru": "Название (англ.)", "en": "Name (English)"},
    "status": {"kk": "Күйі", "ru": "Статус", "en": "Status"},
    "status_text": {
        "kk": "Күйі (дереккөзде)",
        "ru": "Статус (в источнике)",
        "en": "Status (as stated)",
    },
    "operator": {"kk": "Оператор", "ru": "Оператор", "en": "Operator"},
    "settlement": {"kk": "Елді мекен", "ru": "Населённый пункт", "en": "Settlement"},
    "address": {"kk": "Мекенжайы", "ru": "Адрес", "en": "Address"},
    "capacity": {"kk": "Орын саны", "ru": "Мест", "en": "Capacity"},
    "capacity_text": {
        "kk": "Орын саны (дереккөзде)",
        "ru": "Мест (в источнике)",
        "en": "Capacity (as stated)",
    },
    "opening": {"kk": "Ашылуы", "ru": "Открытие", "en": "Opening"},
    "source": {"kk": "Дереккөз", "ru": "Источник", "en": "Source"},
    "source_date": {"kk": "Дереккөз күні", "ru": "Дата источника", "en": "Source date"},
    "note": {"kk": "Ескерту", "ru": "Примечание", "en": "Note"},
    "location_precision": {
        "kk": "Орны қаншалық дәл",
        "ru": "Точность места",
        "en": "Location precision",
    },
    "location_source": {"kk": "Орны қайдан", "ru": "Откуда место", "en": "Location source"},
    "as_of": {"kk": "Күні", "ru": "По состоянию на", "en": "As of"},
    "as_of_quality": {
        "kk": "Күні қалай белгілі",
        "ru": "Как известна дата",
        "en": "How the date is known",
    },
    "year": {"kk": "Жыл", "ru": "Год", "en": "Year"},
    "derivation": {"kk": "Есептеу тәсілі", "ru": "Способ расчёта", "en": "How derived"},
    "comparable": {
        "kk": "Жол картасымен салыстырмалы",
        "ru": "Сопоставимо с дорожной картой",
        "en": "Comparable with the roadmap",
    },
    "target_share": {"kk": "Нысана, %", "ru": "Цель, %", "en": "Target, %"},
}
# The suffixes a figure's companions carry: objects_total_as_of, objects_total_source, ...
_SUFFIXES: dict[str, dict[Lang, str]] = {
    "as_of": {"kk": "{name}: күні", "ru": "{name}: дата", "en": "{name}: as of"},
    "source": {"kk": "{name}: дереккөз", "ru": "{name}: источник", "en": "{name}: source"},
    "derivation": {
        "kk": "{name}: есептеу тәсілі",
        "ru": "{name}: способ расчёта",
        "en": "{name}: how derived",
    },
    "precision": {"kk": "{name}: дәлдігі", "ru": "{name}: точность", "en": "{name}: precision"},
    "as_of_quality": {
        "kk": "{name}: күні қалай белгілі",
        "ru": "{name}: как известна дата",
        "en": "{name}: how the date is known",
    },
}

_SIZE_UNITS: dict[Lang, tuple[str, ...]] = {
    "kk": ("Б", "кБ", "МБ", "ГБ"),
    "ru": ("Б", "кБ", "МБ", "ГБ"),
    "en": ("B", "kB", "MB", "GB"),
}


def ts(key: str, lang: Lang, **values: object) -> str:
    """The site string `key` in `lang`, with {placeholders} filled."""
    text = _SITE[key][lang]
    return text.format(**values) if values else text


def field_name(field: str, lang: Lang) -> str:
    """A data field's name in `lang`: 'objects_total_as_of' -> 'Objects registered: as of'."""
    if field in INDICATORS_BY_CODE:
        return INDICATORS_BY_CODE[field].name[lang]
    if field in _FIELDS:
        return _FIELDS[field][lang]
    for suffix, pattern in _SUFFIXES.items():
        stem = field.removesuffix(f"_{suffix}")
        # The stem may itself carry a suffix: objects_total_as_of_precision.
        if stem != field and (name := field_name(stem, lang)) != stem:
            return pattern[lang].format(name=name)
    return field


def file_size(size: int, lang: Lang) -> str:
    """A size in bytes as a reader takes it in: 1.2 MB in English, 1,2 МБ in Russian."""
    units = _SIZE_UNITS[lang]
    if size < 1000:
        return f"{size}\u00a0{units[0]}"
    value, unit = float(size), 0
    while value >= 999.95 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    return f"{number(value, lang, 1)}\u00a0{units[unit]}"


def english_strings() -> dict[str, str]:
    """Every English entry that differs from its Russian or Kazakh one (to test translations)."""
    entries = {**_SITE, **_FIELDS}
    return {
        key: text["en"]
        for key, text in entries.items()
        if text["en"] not in (text["ru"], text["kk"])
    }


def all_keys() -> frozenset[str]:
    return frozenset(_SITE)
