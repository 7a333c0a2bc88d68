"""The catalogue of indicators the service stores: code, unit, names and definitions.

Every figure shown or exported is an observation of one of these indicators, so its definition
travels with it. Definitions are written for this project (they paraphrase how the sources use the
terms); the sources themselves are cited per observation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from geo.programme import STEP_PER_YEAR, roadmap_path

Unit = Literal["objects", "percent", "category"]
Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = ("kk", "ru", "en")

_STEP = f"{STEP_PER_YEAR:g}"
_PATH = ", ".join(f"{year} {target:g}%" for year, target in roadmap_path().items())
NATIONAL_CODE = "KZ"  # area code of national observations (ISO 3166-1 alpha-2)
KAZAKHSTAN_BOUNDS = (46.4, 40.5, 87.4, 55.5)  # west, south, east, north (degrees, with margin)


@dataclass(frozen=True, slots=True)
class IndicatorDefinition:
    code: str
    unit: Unit
    name: dict[Lang, str]
    definition: dict[Lang, str]


INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        code="objects_adapted",
        unit="objects",
        name={
            "en": "Objects fully adapted",
            "ru": "Полностью адаптированные объекты",
            "kk": "Толық бейімделген нысандар",
        },
        definition={
            "en": "Cumulative number of objects on the national Interactive Accessibility Map that "
            "are fully adapted for people with disabilities, as reported by the Ministry of Labour "
            "and Social Protection (MTSZN) or the regional akimat on the as-of date.",
            "ru": "Накопленное число объектов Интерактивной карты доступности, полностью "
            "адаптированных для лиц с инвалидностью, по данным МТСЗН или акимата на отчётную дату.",
            "kk": "Қолжетімділіктің интерактивті картасындағы мүгедектігі бар адамдар үшін толық "
            "бейімделген нысандардың есепті күнгі жинақталған саны "
            "(ЕХӘҚМ немесе әкімдік деректері).",
        },
    ),
    IndicatorDefinition(
        code="objects_total",
        unit="objects",
        name={
            "en": "Objects registered",
            "ru": "Объекты на карте доступности",
            "kk": "Картадағы нысандар",
        },
        definition={
            "en": "Number of objects registered on the Interactive Accessibility Map (the base of "
            "the adapted share). Published only for a few regions; where it is the sum of adapted "
            "and planned objects, the derivation says so.",
            "ru": "Число объектов, внесённых в Интерактивную карту доступности (база доли "
            "адаптированных). Опубликовано лишь для некоторых регионов; если получено сложением "
            "адаптированных и запланированных, это указано в способе расчёта.",
            "kk": "Қолжетімділіктің интерактивті картасына енгізілген нысандар саны (бейімделген "
            "үлестің негізі). Тек кейбір өңірлер үшін жарияланған; қосу арқылы алынса, есептеу "
            "тәсілінде көрсетілген.",
        },
    ),
    IndicatorDefinition(
        code="objects_remaining_planned",
        unit="objects",
        name={
            "en": "Further objects planned",
            "ru": "Объекты, запланированные к адаптации",
            "kk": "Бейімделуге жоспарланған нысандар",
        },
        definition={
            "en": "Further objects the source says are planned for adaptation; the horizon "
            "(end-2025 or end-2027) is given in the note.",
            "ru": "Объекты, которые по данным источника ещё планируется адаптировать; срок "
            "(конец 2025 или 2027 года) указан в примечании.",
            "kk": "Дереккөз бойынша әлі бейімделуі жоспарланған нысандар; мерзімі (2025 немесе "
            "2027 жылдың соңы) ескертпеде көрсетілген.",
        },
    ),
    IndicatorDefinition(
        code="adapted_share",
        unit="percent",
        name={
            "en": "Share of objects fully adapted",
            "ru": "Доля полностью адаптированных объектов",
            "kk": "Толық бейімделген нысандар үлесі",
        },
        definition={
            "en": "Objects fully adapted as a percentage of the objects registered on the map, as "
            "stated by the source or computed from stated numbers (the derivation says which).",
            "ru": "Полностью адаптированные объекты в процентах от объектов на карте, как указано "
            "источником или вычислено из указанных чисел (см. способ расчёта).",
            "kk": "Толық бейімделген нысандардың картадағы нысандарға пайыздық үлесі: дереккөзде "
            "көрсетілген немесе көрсетілген сандардан есептелген (есептеу тәсілін қараңыз).",
        },
    ),
    IndicatorDefinition(
        code="target_share",
        unit="percent",
        name={
            "en": "Roadmap target share",
            "ru": "Целевая доля по дорожной карте",
            "kk": "Жол картасы бойынша нысаналы үлес",
        },
        definition={
            "en": "Cumulative share of map objects to be fully adapted by the end of the year "
            f"under the 2023-2027 roadmap ({_STEP}% a year: {_PATH}).",
            "ru": "Накопленная доля объектов карты, которая должна быть полностью адаптирована к "
            f"концу года по дорожной карте 2023-2027 (по {_STEP}% в год: {_PATH}).",
            "kk": "2023-2027 жол картасы бойынша жыл соңына дейін толық бейімделуге тиіс "
            f"нысандардың жинақталған үлесі (жылына {_STEP}%: {_PATH}).",
        },
    ),
    IndicatorDefinition(
        code="plan_fulfilment_2023",
        unit="category",
        name={
            "en": "2023 adaptation plan fulfilment (group)",
            "ru": "Выполнение плана адаптации 2023 года (группа)",
            "kk": "2023 жылғы бейімдеу жоспарының орындалуы (топ)",
        },
        definition={
            "en": "The ministry's grouping of regions by how much of their 2023 annual adaptation "
            "plan (a flow of objects) they fulfilled: 100%, above 90%, below 90%. A different "
            "measure from the share of map objects adapted; not comparable with it.",
            "ru": "Группировка регионов министерством по выполнению годового плана адаптации 2023 "
            "года (поток объектов): 100%, более 90%, менее 90%. Другой показатель, не сравнимый с "
            "долей адаптированных объектов карты.",
            "kk": "Министрліктің өңірлерді 2023 жылғы бейімдеу жоспарының орындалуы бойынша "
            "топтастыруы: 100%, 90%-дан жоғары, 90%-дан төмен. Картадағы бейімделген нысандар "
            "үлесімен салыстыруға келмейтін басқа көрсеткіш.",
        },
    ),
    IndicatorDefinition(
        code="reported_standing",
        unit="category",
        name={
            "en": "Standing as reported by the ministry",
            "ru": "Положение по оценке министерства",
            "kk": "Министрлік бағалаған орны",
        },
        definition={
            "en": "Leader or lagging region as named in the Government session briefing on "
            "inclusive policy (spring 2026); a qualitative statement without published shares.",
            "ru": "Лидер или отстающий регион, как названо в справочных материалах к заседанию "
            "Правительства по инклюзивной политике (весна 2026); без опубликованных долей.",
            "kk": "Инклюзивті саясат жөніндегі Үкімет отырысының анықтамалық материалдарында "
            "(2026 жылғы көктем) аталған көшбасшы немесе артта қалған өңір; "
            "үлестері жарияланбаған.",
        },
    ),
)

INDICATORS_BY_CODE: dict[str, IndicatorDefinition] = {item.code: item for item in INDICATORS}


def get_indicator(code: str) -> IndicatorDefinition:
    try:
        return INDICATORS_BY_CODE[code]
    except KeyError:
        known = ", ".join(INDICATORS_BY_CODE)
        raise KeyError(f"unknown indicator {code!r}; known: {known}") from None
