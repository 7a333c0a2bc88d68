"""What the upload checker says, in Kazakh, Russian and English: problems, notices and places.

Kept apart from geo.i18n (the map's strings) because these are many and change with the checker.
Every problem names where it is: a sheet and cell (`Мәліметтер!C7`) or a line and column.
"""

from __future__ import annotations

from geo.definitions import Lang

_TEXT: dict[str, dict[Lang, str]] = {
    # Places
    "line_column": {
        "kk": "{line}-жол, {column} баған",
        "ru": "строка {line}, столбец {column}",
        "en": "line {line}, column {column}",
    },
    "line": {"kk": "{line}-жол", "ru": "строка {line}", "en": "line {line}"},
    "json_field": {
        "kk": "rows[{index}].{field}",
        "ru": "rows[{index}].{field}",
        "en": "rows[{index}].{field}",
    },
    "parameter": {"kk": "{name} параметрі", "ru": "параметр {name}", "en": "parameter {name}"},
    "file": {"kk": "файл", "ru": "файл", "en": "the file"},
    # The file
    "not_text": {
        "kk": "UTF-8 немесе Windows-1251 мәтіні емес ({byte}-байт)",
        "ru": "не текст в UTF-8 или Windows-1251 (байт {byte})",
        "en": "not UTF-8 or Windows-1251 text (byte {byte})",
    },
    "bad_xlsx": {
        "kk": "Excel (.xlsx) файлы оқылмады: {error}",
        "ru": "не удалось прочитать файл Excel (.xlsx): {error}",
        "en": "not a readable Excel (.xlsx) file: {error}",
    },
    "old_xls": {
        "kk": "ескі .xls пішімі: Excel-де .xlsx ретінде сақтаңыз",
        "ru": "старый формат .xls: сохраните файл в Excel как .xlsx",
        "en": "an old .xls file: save it from Excel as .xlsx",
    },
    "xlsx_too_big": {
        "kk": "файл ашылғанда {size:,} байттан асады",
        "ru": "распакованный файл больше {size:,} байт",
        "en": "the unpacked file is larger than {size:,} bytes",
    },
    "no_sheet": {
        "kk": "«{sheet}» парағы жоқ; парақтар: {sheets}",
        "ru": "нет листа «{sheet}»; листы: {sheets}",
        "en": "no sheet {sheet!r}; the sheets are {sheets}",
    },
    "malformed_csv": {
        "kk": "CSV қате ({line}-жол): {error}",
        "ru": "ошибка CSV (строка {line}): {error}",
        "en": "malformed CSV (line {line}): {error}",
    },
    "bad_json": {"kk": "JSON қате: {error}", "ru": "ошибка JSON: {error}", "en": "{error}"},
    "json_rows": {
        "kk": "жолдар тізімі күтілді ([{{...}}] немесе {{rows: [...]}})",
        "ru": "ожидался список строк ([{{...}}] или {{rows: [...]}})",
        "en": "expected a list of row objects (or {{rows: [...]}})",
    },
    "json_value": {
        "kk": "мән сан немесе мәтін болуы керек",
        "ru": "значение должно быть числом или текстом",
        "en": "a value must be a number or text",
    },
    "too_many_rows": {
        "kk": "{limit:,} жолдан көп: файлды бөліңіз",
        "ru": "больше {limit:,} строк: разделите файл",
        "en": "more than {limit:,} rows: split the file",
    },
    "no_rows": {"kk": "файлда жол жоқ", "ru": "в файле нет строк", "en": "the upload has no rows"},
    "no_header": {
        "kk": "тақырып жолы табылмады: алғашқы {rows} жолда «Облыс» сияқты баған жоқ",
        "ru": "не найдена строка заголовков: в первых {rows} строках нет столбца вроде «Регион»",
        "en": "no header row found: none of the first {rows} rows has a column such as 'region'",
    },
    "bad_header_row": {
        "kk": "header_row {row}: парақта мұндай жол жоқ",
        "ru": "header_row {row}: такой строки нет на листе",
        "en": "header_row {row} is not a row of the sheet",
    },
    "missing_column": {
        "kk": "баған жоқ: {field}",
        "ru": "нет столбца: {field}",
        "en": "missing column",
    },
    "missing_figures": {
        "kk": "бейімделген және барлық нысандар бағандары немесе үлес бағаны керек",
        "ru": "нужны столбцы адаптированных и всех объектов, или столбец доли",
        "en": "missing column: objects_adapted and objects_total, or adapted_share",
    },
    "duplicate_column": {
        "kk": "{field} екі бағанда: {columns}",
        "ru": "{field} в двух столбцах: {columns}",
        "en": "{field} is in more than one column: {columns}",
    },
    "bad_mapping": {
        "kk": "columns параметрі түсініксіз: {text!r} (мысалы C=objects_total,D=-)",
        "ru": "непонятный параметр columns: {text!r} (пример: C=objects_total,D=-)",
        "en": "columns parameter not understood: {text!r} (e.g. C=objects_total,D=-)",
    },
    # Values
    "required": {"kk": "толтырылмаған", "ru": "не заполнено", "en": "required"},
    "not_count": {
        "kk": "{text!r} теріс емес бүтін сан емес",
        "ru": "{text!r} не целое неотрицательное число",
        "en": "{text!r} is not a non-negative whole number",
    },
    "too_big": {
        "kk": "{number:,} саны {maximum:,}-дан көп",
        "ru": "{number:,} больше {maximum:,}",
        "en": "{number:,} is more than {maximum:,}",
    },
    "not_share": {
        "kk": "{text!r} 0-ден 100-ге дейінгі пайыз емес",
        "ru": "{text!r} не процент от 0 до 100",
        "en": "{text!r} is not a percentage from 0 to 100",
    },
    "adapted_over_total": {
        "kk": "бейімделген {adapted} барлық {total}-дан көп",
        "ru": "адаптировано {adapted} больше, чем всего {total}",
        "en": "{adapted} adapted is more than {total} registered",
    },
    "share_mismatch": {
        "kk": "үлес {share}%, бірақ {adapted} / {total} = {computed}%",
        "ru": "доля {share}%, но {adapted} / {total} = {computed}%",
        "en": "share {share}% but {adapted} / {total} is {computed}%",
    },
    "need_figures": {
        "kk": "кемінде бір сан керек: бейімделген, барлық нысандар немесе үлес",
        "ru": "нужна хотя бы одна цифра: адаптировано, всего объектов или доля",
        "en": "give at least one figure: objects_adapted, objects_total or adapted_share",
    },
    "not_date": {
        "kk": "{text!r} күн емес (дд.мм.жжжж, жжжж-аа-кк, аа.жжжж немесе жжжж)",
        "ru": "{text!r} не дата (дд.мм.гггг, гггг-мм-дд, мм.гггг или гггг)",
        "en": "{text!r} is not a date YYYY-MM-DD (or dd.mm.yyyy, mm.yyyy, yyyy)",
    },
    "future_date": {
        "kk": "{date} болашақта",
        "ru": "{date} ещё не наступила",
        "en": "{date} is in the future",
    },
    "no_date": {
        "kk": "күн жоқ: «Күні» бағанын қосыңыз немесе файлға as_of беріңіз",
        "ru": "нет даты: добавьте столбец «Дата» или укажите as_of для файла",
        "en": "no date: add an as_of column or give as_of for the file",
    },
    "no_source": {
        "kk": "дереккөз URL (http/https) керек: баған немесе файлға source_url",
        "ru": "нужен URL источника (http/https): столбец или source_url для файла",
        "en": "a source URL (http/https) is required (a column, or source_url for the file)",
    },
    "unknown_region": {
        "kk": "{text!r} өңір емес{closest}",
        "ru": "{text!r} не регион{closest}",
        "en": "unknown region {text!r}{closest}",
    },
    "closest": {"kk": "; жақыны: {names}", "ru": "; похожие: {names}", "en": "; closest: {names}"},
    "ambiguous_region": {
        "kk": "{text!r} екіұшты: Алматы қаласы (KZ-75) ме, Алматы облысы (KZ-19) ма?",
        "ru": "{text!r} неоднозначно: г. Алматы (KZ-75) или Алматинская область (KZ-19)?",
        "en": "ambiguous region {text!r}: Almaty city (KZ-75) or Almaty Region (KZ-19)?",
    },
    "duplicate_row": {
        "kk": "{row}-жолдың қайталануы (өңір, күн, дереккөз бірдей)",
        "ru": "повтор строки {row} (тот же регион, дата и источник)",
        "en": "duplicate of row {row} (same region, date, source)",
    },
    "problems_all": {
        "kk": "{total} қате; ештеңе жазылмады",
        "ru": "ошибок: {total}; ничего не записано",
        "en": "{total} problem(s); nothing was written",
    },
    "problems_first": {
        "kk": "{total} қате, алғашқы {listed} көрсетілген; ештеңе жазылмады",
        "ru": "ошибок: {total}, показаны первые {listed}; ничего не записано",
        "en": "{total} problem(s), the first {listed} listed; nothing was written",
    },
    # Skipped rows and notices
    "skip_empty_total": {
        "kk": "«{text}» жиынтық жолы: сандары жоқ, өткізілді",
        "ru": "итоговая строка «{text}» без чисел пропущена",
        "en": "total row {text!r} has no figures: skipped",
    },
    "total_as_kz": {
        "kk": "«{text}» жиынтық жолы ел бойынша (KZ) көрсеткіш ретінде жүктеледі",
        "ru": "итоговая строка «{text}» загружается как показатель по стране (KZ)",
        "en": "total row {text!r} is loaded as the national figure (KZ)",
    },
    "skip_no_figures": {
        "kk": "сандары жоқ жол өткізілді",
        "ru": "строка без чисел пропущена",
        "en": "a row without figures: skipped",
    },
    "skip_text": {
        "kk": "кесте сыртындағы мәтін өткізілді: «{text}»",
        "ru": "текст вне таблицы пропущен: «{text}»",
        "en": "text outside the table skipped: {text!r}",
    },
    "lost_letters": {
        "kk": "файлдағы қазақ әріптері «?» болып кеткен (Windows-1251): «CSV UTF-8» немесе .xlsx "
        "ретінде сақтаңыз",
        "ru": "казахские буквы в файле заменены на «?» (Windows-1251): сохраните как «CSV UTF-8» "
        "или .xlsx",
        "en": "Kazakh letters in the file became '?' (Windows-1251): save it as 'CSV UTF-8' or "
        ".xlsx",
    },
    "title_date": {
        "kk": "тақырыптағы күн {date} файлдың күні ретінде алынды",
        "ru": "дата из заголовка {date} взята как дата файла",
        "en": "the date {date} in the title is taken as the file's date",
    },
}

# The upload form's own words (the title, token, file and buttons are in geo.i18n).
FORM_TEXT: dict[str, dict[Lang, str]] = {
    # The form's answer to a refused upload (issue 12): in the page language, never the API's
    # English description.
    "error_401": {
        "kk": "Токен жарамсыз немесе көрсетілмеген: әкімші берген токенді енгізіңіз.",
        "ru": "Токен неверен или не указан: введите токен, выданный администратором.",
        "en": "The token is missing or not valid: enter the token the administrator gave you.",
    },
    "error_422": {
        "kk": "Файлда қателер бар ({n}): төмендегі кестені қараңыз. Ештеңе сақталмады.",
        "ru": "В файле есть ошибки ({n}): см. таблицу ниже. Ничего не сохранено.",
        "en": "The file has problems ({n}): see the table below. Nothing was saved.",
    },
    "error_other": {
        "kk": "Сервер қате қайтарды (код {status}). Ештеңе сақталмады.",
        "ru": "Сервер вернул ошибку (код {status}). Ничего не сохранено.",
        "en": "The server refused the request (code {status}). Nothing was saved.",
    },
    "help": {
        "kk": "Excel (.xlsx), CSV/TSV (UTF-8 немесе Windows-1251) немесе JSON кестесін жүктеңіз: "
        "тақырып жолдары, біріктірілген ұяшықтар, № бағаны және «Барлығы» жолы танылады. "
        "Алдымен тексеріңіз: қай баған қай өріске айналғаны және өзгерістер көрсетіледі; "
        "қажет болса бағандарды түзетіп, қайта тексеріңіз, содан кейін сақтаңыз.",
        "ru": "Загрузите таблицу Excel (.xlsx), CSV/TSV (UTF-8 или Windows-1251) или JSON: "
        "строки заголовка, объединённые ячейки, столбец № и строка «Итого» распознаются. "
        "Сначала проверьте: будет показано, какой столбец чем стал, и все изменения; при "
        "необходимости поправьте столбцы, проверьте снова, затем сохраните.",
        "en": "Upload an Excel (.xlsx), CSV/TSV (UTF-8 or Windows-1251) or JSON table: title "
        "rows, merged cells, a № column and a total row are recognised. Check first: the form "
        "shows which column became which field and every change; correct the columns if "
        "needed, check again, then commit.",
    },
    "file": {
        "kk": "Файл (.xlsx, .csv, .tsv, .json)",
        "ru": "Файл (.xlsx, .csv, .tsv, .json)",
        "en": "File (.xlsx, .csv, .tsv, .json)",
    },
    "file_values": {
        "kk": "Бүкіл файлға (кестеде бағаны болмаса)",
        "ru": "Для всего файла (если в таблице нет такого столбца)",
        "en": "For the whole file (when the table has no such column)",
    },
    "as_of": {"kk": "Күні (as_of)", "ru": "Дата (as_of)", "en": "Date (as_of)"},
    "as_of_hint": {
        "kk": "дд.мм.жжжж, жжжж-аа-кк, аа.жжжж немесе жжжж",
        "ru": "дд.мм.гггг, гггг-мм-дд, мм.гггг или гггг",
        "en": "dd.mm.yyyy, yyyy-mm-dd, mm.yyyy or yyyy",
    },
    "source_url": {"kk": "Дереккөз URL", "ru": "URL источника", "en": "Source URL"},
    "note": {"kk": "Ескертпе", "ru": "Примечание", "en": "Note"},
    "reading": {"kk": "Файлды оқу", "ru": "Чтение файла", "en": "Reading the file"},
    "sheet": {"kk": "Парақ (.xlsx)", "ru": "Лист (.xlsx)", "en": "Sheet (.xlsx)"},
    "header_row": {"kk": "Тақырып жолы", "ru": "Строка заголовков", "en": "Header row"},
    "columns": {
        "kk": "Бағандарды түзету",
        "ru": "Исправления столбцов",
        "en": "Column corrections",
    },
    "templates": {"kk": "Үлгілер", "ru": "Шаблоны", "en": "Templates"},
    "aliases": {
        "kk": "Танылатын баған атаулары",
        "ru": "Распознаваемые названия столбцов",
        "en": "Column names understood",
    },
    "field": {"kk": "Өріс", "ru": "Поле", "en": "Field"},
    "names": {"kk": "Атаулары", "ru": "Названия", "en": "Names"},
    "mapping": {"kk": "Бағандар", "ru": "Столбцы", "en": "Columns"},
    "column": {"kk": "Баған", "ru": "Столбец", "en": "Column"},
    "header": {"kk": "Тақырып", "ru": "Заголовок", "en": "Header"},
    "not_used": {"kk": "— пайдаланылмайды", "ru": "— не используется", "en": "— not used"},
    "numbering": {"kk": "нөмірлеу", "ru": "нумерация", "en": "numbering"},
    "skipped": {"kk": "Өткізілген жолдар", "ru": "Пропущенные строки", "en": "Skipped rows"},
    "notices": {"kk": "Ескертулер", "ru": "Замечания", "en": "Notices"},
    "problems": {
        "kk": "Қателер (ештеңе жазылмады)",
        "ru": "Ошибки (ничего не записано)",
        "en": "Problems (nothing was written)",
    },
    "where": {"kk": "Орны", "ru": "Где", "en": "Where"},
    "reason": {"kk": "Себебі", "ru": "Причина", "en": "Reason"},
    "preview": {
        "kk": "Жүктелетін көрсеткіштер",
        "ru": "Загружаемые показатели",
        "en": "Figures to load",
    },
    "share": {"kk": "Үлес, %", "ru": "Доля, %", "en": "Share, %"},
    "stated": {"kk": "кестеде", "ru": "из таблицы", "en": "stated"},
    "computed": {"kk": "есептелген", "ru": "вычислена", "en": "computed"},
    "status": {"kk": "Өзгеріс", "ru": "Изменение", "en": "Change"},
    "unchanged": {"kk": "өзгеріссіз", "ru": "без изменений", "en": "unchanged"},
    "read_as": {
        "kk": "Оқылды: {format}, {where} тақырып жолы",
        "ru": "Прочитано: {format}, заголовки в {where}",
        "en": "Read as {format}, header at {where}",
    },
    "title_date_offered": {
        "kk": "Тақырыптағы күн ({where}) ұсынылды",
        "ru": "Предложена дата из заголовка ({where})",
        "en": "Offered the date in the title ({where})",
    },
    "revision": {
        "kk": "Сақталды: нұсқа {id}",
        "ru": "Сохранено: ревизия {id}",
        "en": "revision {id}",
    },
    "region": {"kk": "Өңір", "ru": "Регион", "en": "Region"},
}


def say(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, with {placeholders} filled."""
    text = _TEXT[key][lang]
    return text.format(**values) if values else text


def column_letter(index: int) -> str:
    """Spreadsheet column letters of a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int | None:
    """The 0-based index of spreadsheet column letters, or None if they are not letters."""
    text = letters.strip().upper()
    if not text.isascii() or not text.isalpha() or len(text) > 3:
        return None
    index = 0
    for letter in text:
        index = index * 26 + ord(letter) - 64
    return index - 1
