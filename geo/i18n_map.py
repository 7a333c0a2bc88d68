"""Interface strings for reaching and leaving the map: keyboard, screen readers, share, embed.

Kept apart from geo.i18n's general strings (as geo.i18n_claims is); geo.i18n merges them.
Leaflet's own control labels are here too, so no English is left on the kk and ru pages.
"""

from __future__ import annotations

from geo.definitions import Lang

MAP_STRINGS: dict[str, dict[Lang, str]] = {
    "map_keys": {
        "kk": "Өңірлер мен орталықтар картасы. Бағыттауыш пернелер: келесі немесе алдыңғы өңір, "
        "өңірлерден кейін картадағы орталықтар; Home, End: бірінші, соңғы; Enter: мәлімет; "
        "Escape: жабу; + және −: масштаб.",
        "ru": "Карта регионов и центров. Стрелки: следующий или предыдущий регион, после регионов "
        "центры на карте; Home, End: первый, последний; Enter: сведения; Escape: закрыть; "
        "+ и −: масштаб.",
        "en": "Map of the regions and centres. Arrow keys: next or previous region, then the "
        "centres shown on the map; Home, End: first, last; Enter: details; Escape: close them; "
        "+ and −: zoom.",
    },
    "a11y_share": {
        "kk": "бейімделген үлес {share} %, {date}",
        "ru": "доля адаптированных {share} %, {date}",
        "en": "share adapted {share} %, {date}",
    },
    "a11y_count_adapted": {
        "kk": "тек саны белгілі: {count} бейімделген, {date}; үлес жоқ",
        "ru": "известно только число: {count} адаптировано, {date}; доли нет",
        "en": "count only: {count} adapted, {date}; no share",
    },
    "a11y_count_registered": {
        "kk": "тек саны белгілі: картада {count}, {date}; үлес жоқ",
        "ru": "известно только число: {count} на карте, {date}; доли нет",
        "en": "count only: {count} registered, {date}; no share",
    },
    "a11y_data_neither": {
        "kk": "деректер бойынша ерекшеленбейді (үлесі бар {n} өңір ішінде)",
        "ru": "по данным не выделяется (среди {n} регионов с долей)",
        "en": "by the data neither leader nor laggard (among {n} regions with a share)",
    },
    "a11y_data_unranked": {
        "kk": "деректер бойынша орны жоқ (үлес жоқ)",
        "ru": "по данным не ранжируется (доли нет)",
        "en": "not ranked by the data (no share)",
    },
    # Centres by keyboard and screen reader (issue 12): a centre's accessible name, and a
    # cluster's by plural category (Intl.PluralRules: one, few, many; English "other" is "many").
    "a11y_centre_rehab": {
        "kk": "{name} — оңалту орталығы; {status}; {region}",
        "ru": "{name} — реабилитационный центр; {status}; {region}",
        "en": "{name} — rehabilitation centre; {status}; {region}",
    },
    "a11y_centre_autism": {
        "kk": "{name} — аутизм орталығы; {status}; {region}",
        "ru": "{name} — центр аутизма; {status}; {region}",
        "en": "{name} — autism centre; {status}; {region}",
    },
    "cluster_rehab_one": {
        "kk": "{n} оңалту орталығы",
        "ru": "{n} реабилитационный центр",
        "en": "{n} rehabilitation centre",
    },
    "cluster_rehab_few": {
        "kk": "{n} оңалту орталығы",
        "ru": "{n} реабилитационных центра",
        "en": "{n} rehabilitation centres",
    },
    "cluster_rehab_many": {
        "kk": "{n} оңалту орталығы",
        "ru": "{n} реабилитационных центров",
        "en": "{n} rehabilitation centres",
    },
    "cluster_autism_one": {
        "kk": "{n} аутизм орталығы",
        "ru": "{n} центр аутизма",
        "en": "{n} autism centre",
    },
    "cluster_autism_few": {
        "kk": "{n} аутизм орталығы",
        "ru": "{n} центра аутизма",
        "en": "{n} autism centres",
    },
    "cluster_autism_many": {
        "kk": "{n} аутизм орталығы",
        "ru": "{n} центров аутизма",
        "en": "{n} autism centres",
    },
    "region_details": {
        "kk": "Өңір туралы мәлімет",
        "ru": "Сведения о регионе",
        "en": "Region details",
    },
    "close": {"kk": "Жабу", "ru": "Закрыть", "en": "Close"},
    "zoom_in": {"kk": "Жақындату", "ru": "Приблизить", "en": "Zoom in"},
    "zoom_out": {"kk": "Алыстату", "ru": "Отдалить", "en": "Zoom out"},
    "layers": {"kk": "Қабаттар", "ru": "Слои", "en": "Layers"},
    "km": {"kk": "км", "ru": "км", "en": "km"},
    "m": {"kk": "м", "ru": "м", "en": "m"},
    "close_popup": {"kk": "Терезені жабу", "ru": "Закрыть окно", "en": "Close popup"},
    "share_heading": {
        "kk": "Бөлісу және жүктеу",
        "ru": "Поделиться и скачать",
        "en": "Share and download",
    },
    "copy_link": {
        "kk": "Осы көрініске сілтемені көшіру",
        "ru": "Скопировать ссылку на этот вид",
        "en": "Copy the link to this view",
    },
    "link_copied": {
        "kk": "Сілтеме көшірілді",
        "ru": "Ссылка скопирована",
        "en": "Link copied",
    },
    "link_copy_failed": {
        "kk": "Көшіру мүмкін болмады: сілтемені өрістен көшіріңіз",
        "ru": "Не удалось скопировать: скопируйте ссылку из поля",
        "en": "Could not copy: copy the link from the field",
    },
    "permalink": {
        "kk": "Осы көрініске сілтеме",
        "ru": "Ссылка на этот вид",
        "en": "Link to this view",
    },
    "download_view": {
        "kk": "Осы көріністің деректері ({year})",
        "ru": "Данные этого вида ({year})",
        "en": "This view's figures ({year})",
    },
    "download_latest": {
        "kk": "Әр өңірдің соңғы деректері",
        "ru": "Последние данные по каждому региону",
        "en": "Latest figures of each region",
    },
    "all_downloads": {
        "kk": "Барлық файлдар (жүктеу беті)",
        "ru": "Все файлы (страница загрузок)",
        "en": "All files (the downloads page)",
    },
    "report_image": {
        "kk": "Есепке арналған сурет (PNG)",
        "ru": "Изображение для отчёта (PNG)",
        "en": "Image for reports (PNG)",
    },
    "full_map": {
        "kk": "Толық картаны ашу",
        "ru": "Открыть полную карту",
        "en": "Open the full map",
    },
    "embed_as_of": {
        "kk": "Деректер күні: {dates}",
        "ru": "Данные на {dates}",
        "en": "Figures as of {dates}",
    },
    "embed_sources": {
        "kk": "Дереккөздер: {n} жарияланым, толық картада тізілген",
        "ru": "Источники: {n} публикаций, перечислены на полной карте",
        "en": "Sources: {n} publications, listed on the full map",
    },
    "pace_heading": {"kk": "Қарқын", "ru": "Темп", "en": "Pace"},
    "pace_region": {
        "kk": "айына {pace} нысан: {start} ({start_value}) мен {end} ({end_value}) аралығында",
        "ru": "{pace} объектов в месяц: с {start} ({start_value}) по {end} ({end_value})",
        "en": "{pace} objects a month between {start} ({start_value}) and {end} ({end_value})",
    },
    "pace_base": {
        "kk": "Негізі: картадағы {registered} нысан ({date})",
        "ru": "База: {registered} объектов на карте ({date})",
        "en": "Base: {registered} registered objects ({date})",
    },
    "pace_needed_region": {
        "kk": "{year} жылғы нысанаға жету үшін айына {pace} нысан қажет",
        "ru": "для цели {year} года нужно {pace} объектов в месяц",
        "en": "{pace} objects a month needed for the {year} target",
    },
    "pace_unknown": {
        "kk": "Қарқын белгісіз: бір негіздегі екі күндік сан жоқ",
        "ru": "Темп неизвестен: нет двух датированных чисел на одной базе",
        "en": "Pace unknown: no two dated counts on the same base",
    },
}
