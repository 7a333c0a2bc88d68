"""Officials' own tables through the upload API: Excel, regional CSV exports, Kazakh and Russian.

The files are built here the way they come out of Excel in Kazakhstan (Windows-1251 `;` CSV with
Russian headers; an .xlsx with title rows, merged headers, a № column and a total row). Each dry
run must show how the file was read and the exact figures; each commit must show on the map at
once; a bad file must fail whole, naming the sheet and cell, and write nothing. Figures are
synthetic test values and never leave the test database.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from api.db import models
from api.writes import XLSX
from tests.admin_client import SYNTHETIC_SOURCE, Admin, admin_client
from tests.conftest import BACKENDS

RUSSIAN_CSV = (
    "Регион;Дата;Адаптировано объектов;Всего объектов на карте;Источник\r\n"
    f"ЗКО;04.08.2025;1 182;1 737;{SYNTHETIC_SOURCE}-ru\r\n"
    f"Жетісу облысы;04.08.2025;1\u00a0020;1 500;{SYNTHETIC_SOURCE}-ru\r\n"
    ";;;;\r\n"
    "Итого;;;;\r\n"
)

# A commit also builds and warms the new data snapshot before it answers; a slow machine takes
# longer, which is no failure (only a commit that never answers is).
COMMIT_WAIT_MS = 120_000


def kazakh_workbook(rows: list[list[Any]] | None = None, sheet: str = "Мәліметтер") -> bytes:
    """A regional table as officials keep it: two title rows, a two-level merged header, a №
    column, shares written with a decimal comma, and a total row."""
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(["Мүгедектігі бар адамдар үшін нысандардың қолжетімділігі (синтетикалық тест)"])
    ws.merge_cells("A1:E1")
    ws.append(["01.03.2026 жағдай бойынша"])
    ws.merge_cells("A2:E2")
    ws.append(["№", "Облыс / қала", "Нысандар", None, None])
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:E3")
    ws.append([None, None, "Картадағы объектілер саны", "Толық бейімделген", "Үлесі, %"])
    for row in rows or [
        [1, "Абай облысы", "1 200", 744, "62,0"],
        [2, "Ақмола облысы", 1500, "930", "62"],
        [3, "Түркістан облысы", None, None, "55,5"],
        [None, "Барлығы", "2 700", "1 674", "62,0"],
    ]:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module", params=BACKENDS)
def admin(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Admin]:
    with admin_client(request.param, tmp_path_factory, "tables") as client:
        yield client


def post(admin: Admin, body: bytes, media: str, **params: str) -> Any:
    return admin.client.post(
        "/admin/uploads",
        content=body,
        params=params,
        headers={"Content-Type": media, "Authorization": f"Bearer {admin.editor}"},
    )


def map_row(admin: Admin, iso_code: str, year: int) -> tuple[str, str, str]:
    """(share, adapted, registered) as the map page's table states them for a region."""
    # Writes may have come through another app (the browser's server): look for them now, as
    # the version poller would within a second.
    admin.client.app.state.snapshots.refresh()  # type: ignore[attr-defined]
    page = admin.client.get(f"/map?lang=en&year={year}").text
    match = re.search(
        rf'<tr data-iso="{iso_code}">.*?<td data-value="[^"]*">.*?</td>\s*'
        r'<td class="num" data-value="([^"]*)">.*?</td>\s*'
        r'<td class="num" data-value="([^"]*)">.*?</td>\s*'
        r'<td class="num" data-value="([^"]*)">',
        page,
        re.DOTALL,
    )
    assert match, f"no table row for {iso_code}"
    return match[1], match[2], match[3]


def test_a_windows_1251_semicolon_csv_with_russian_headers(admin: Admin) -> None:
    body = RUSSIAN_CSV.encode("cp1251")
    before = admin.counts()
    check = post(admin, body, "text/csv", dry_run="true", lang="ru")
    assert check.status_code == 200, check.text
    result = check.json()
    mapping = result["mapping"]
    assert (mapping["format"], mapping["encoding"], mapping["delimiter"]) == ("csv", "cp1251", ";")
    assert [(c["column"], c["field"]) for c in mapping["columns"]] == [
        ("A", "region"),
        ("B", "as_of"),
        ("C", "objects_adapted"),
        ("D", "objects_total"),
        ("E", "source_url"),
    ]
    figures = [(r["objects_adapted"], r["objects_total"]) for r in mapping["rows"]]
    assert [(r["iso_code"], r["as_of"]) for r in mapping["rows"]] == [
        ("KZ-27", "2025-08-04"),
        ("KZ-33", "2025-08-04"),
    ]
    assert figures == [(1182, 1737), (1020, 1500)]
    assert [(r["share"], r["share_basis"]) for r in mapping["rows"]] == [
        (68.0, "computed"),
        (68.0, "computed"),
    ]
    assert mapping["rows"][0]["region"] == "Западно-Казахстанская область"
    assert [(s["where"], s["reason"]) for s in mapping["skipped"]] == [
        ("строка 5", "итоговая строка «Итого» без чисел пропущена")
    ]
    assert {(i["iso_code"], i["indicator"], i["value"]) for i in result["new"]} == {
        ("KZ-27", "objects_adapted", 1182),
        ("KZ-27", "objects_total", 1737),
        ("KZ-33", "objects_adapted", 1020),
        ("KZ-33", "objects_total", 1500),
    }
    assert admin.counts() == before  # the dry run wrote nothing
    committed = post(admin, body, "text/csv", lang="ru", description="synthetic cp1251 test")
    assert committed.status_code == 200 and committed.json()["revision_id"] is not None
    assert map_row(admin, "KZ-27", 2025) == ("68.0", "1182.0", "1737.0")
    assert map_row(admin, "KZ-33", 2025) == ("68.0", "1020.0", "1500.0")


def test_an_xlsx_with_title_rows_merged_kazakh_headers_and_a_total_row(admin: Admin) -> None:
    body = kazakh_workbook()
    params = {"as_of": "01.03.2026", "source_url": f"{SYNTHETIC_SOURCE}-kk", "lang": "kk"}
    before = admin.counts()
    check = post(admin, body, XLSX, dry_run="true", **params)
    assert check.status_code == 200, check.text
    mapping = check.json()["mapping"]
    assert (mapping["sheet"], mapping["header_row"]) == ("Мәліметтер", 4)
    assert [(c["column"], c["field"], c["how"]) for c in mapping["columns"]] == [
        ("A", None, "numbering"),
        ("B", "region", "alias"),
        ("C", "objects_total", "alias"),
        ("D", "objects_adapted", "alias"),
        ("E", "adapted_share", "alias"),
    ]
    assert (mapping["as_of"], mapping["as_of_from"]) == ("2026-03-01", "parameter")
    assert mapping["title_date"] == {"value": "2026-03-01", "where": "Мәліметтер!A2"}
    rows = {
        r["iso_code"]: (r["objects_adapted"], r["objects_total"], r["adapted_share"], r["where"])
        for r in mapping["rows"]
    }
    assert rows == {
        "KZ-10": (744, 1200, 62.0, "Мәліметтер!B5"),
        "KZ-11": (930, 1500, 62.0, "Мәліметтер!B6"),
        "KZ-61": (None, None, 55.5, "Мәліметтер!B7"),  # a share alone is a share
        "KZ": (1674, 2700, 62.0, "Мәліметтер!B8"),  # the total row is the national figure
    }
    assert any("Барлығы" in notice for notice in mapping["notices"])
    new = {(i["iso_code"], i["indicator"]): i["value"] for i in check.json()["new"]}
    assert ("KZ-61", "objects_total") not in new  # nothing the table does not state
    assert new[("KZ-61", "adapted_share")] == 55.5
    assert admin.counts() == before
    committed = post(admin, body, XLSX, description="synthetic xlsx test", **params)
    assert committed.status_code == 200, committed.text
    revision = committed.json()["revision_id"]
    assert map_row(admin, "KZ-61", 2026) == ("55.5", "", "")
    assert map_row(admin, "KZ-10", 2026) == ("62.0", "744.0", "1200.0")
    engine = admin.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        stored = connection.execute(
            select(models.Observation.area_code, models.Observation.indicator)
            .where(models.Observation.revision_id == revision)
            .order_by(models.Observation.area_code, models.Observation.indicator)
        ).all()
    assert len(stored) == 10 and ("KZ-61", "adapted_share") in stored


def test_the_date_in_the_title_is_the_default_and_partial_dates_keep_their_precision(
    admin: Admin,
) -> None:
    source = f"{SYNTHETIC_SOURCE}-title"
    check = post(admin, kazakh_workbook(), XLSX, dry_run="true", source_url=source, lang="en")
    mapping = check.json()["mapping"]
    assert (mapping["as_of"], mapping["as_of_from"]) == ("2026-03-01", "title")
    for given, iso, precision in (("03.2026", "2026-03", "month"), ("2025", "2025", "year")):
        answer = post(
            admin, kazakh_workbook(), XLSX, dry_run="true", source_url=source, as_of=given
        ).json()
        assert {(r["as_of"], r["as_of_precision"]) for r in answer["mapping"]["rows"]} == {
            (iso, precision)
        }
        assert {(i["as_of"], i["as_of_precision"]) for i in answer["new"]} == {(iso, precision)}
        assert {i["as_of_from"] for i in answer["new"]} == {"parameter"}
    assert {r["as_of_from"] for r in mapping["rows"]} == {"title"}


@pytest.mark.parametrize(
    ("rows", "lang", "where", "column", "reason"),
    [
        # A share that does not match its counts beyond the rounding it was written with.
        (
            [[1, "Абай облысы", 1200, 744, "63,0"]],
            "kk",
            "Мәліметтер!E5",
            "adapted_share",
            "үлес 63%, бірақ 744 / 1200 = 62.00%",
        ),
        ([[1, "Атлантида", 1200, 744, "62,0"]], "ru", "Мәліметтер!B5", "region", "не регион"),
        (
            [[1, "Абай облысы", "1 2OO", 744, None]],
            "en",
            "Мәліметтер!C5",
            "objects_total",
            "not a non-negative whole number",
        ),
        (
            [[1, "Абай облысы", 1200, 1300, None]],
            "en",
            "Мәліметтер!D5",
            "objects_adapted",
            "more than 1200 registered",
        ),
        (
            [[1, "Абай облысы", 1200, "-5", None]],
            "en",
            "Мәліметтер!D5",
            "objects_adapted",
            "not a non-negative whole number",
        ),
        (
            [[1, "Абай облысы", 1200, 744, "101"]],
            "en",
            "Мәліметтер!E5",
            "adapted_share",
            "not a percentage",
        ),
    ],
)
def test_a_bad_xlsx_fails_whole_naming_sheet_and_cell(
    admin: Admin, rows: list[list[Any]], lang: str, where: str, column: str, reason: str
) -> None:
    good = [2, "Ақмола облысы", 1500, 930, "62"]
    before = admin.counts()
    response = post(
        admin,
        kazakh_workbook([good, *rows]),
        XLSX,
        source_url=f"{SYNTHETIC_SOURCE}-bad",
        lang=lang,
    )
    assert response.status_code == 422, response.text
    problems = response.json()["problems"]
    where = where.replace("5", "6")  # the good row comes first
    assert [(p["where"], p["column"]) for p in problems] == [(where, column)], problems
    assert reason in problems[0]["reason"], problems
    assert response.json()["mapping"]["columns"]  # how it was read, to correct and retry
    described = {"kk": "1 қате; ештеңе жазылмады", "ru": "ошибок: 1; ничего не записано"}
    assert response.json()["description"] == described.get(
        lang, "1 problem(s); nothing was written"
    )
    assert admin.counts() == before


def test_a_future_date_and_a_missing_source_are_refused_for_the_file(admin: Admin) -> None:
    before = admin.counts()
    answer = post(admin, kazakh_workbook(), XLSX, as_of="01.01.2099", lang="ru").json()
    reasons = {(p["where"], p["column"], p["reason"]) for p in answer["problems"]}
    assert ("параметр as_of", "as_of", "2099-01-01 ещё не наступила") in reasons
    assert any(column == "source_url" and "URL" in reason for _, column, reason in reasons)
    assert admin.counts() == before


def test_the_mapping_can_be_corrected(admin: Admin) -> None:
    # Headers nobody could guess: the editor says which column is which.
    body = ("Аймақ атауы,Көрсеткіш 1,Көрсеткіш 2\nПавлодар облысы,850,2000\n").encode()
    params = {"as_of": "2025-06-30", "source_url": f"{SYNTHETIC_SOURCE}-mapping"}
    first = post(admin, body, "text/csv", dry_run="true", **params)
    assert first.status_code == 422
    assert "no header row" in first.json()["problems"][0]["reason"]
    second = post(
        admin,
        body,
        "text/csv",
        dry_run="true",
        header_row="1",
        columns="A=region,B=objects_adapted,C=objects_total",
        **params,
    )
    assert second.status_code == 200, second.text
    assert [c["how"] for c in second.json()["mapping"]["columns"]] == ["chosen"] * 3
    row = second.json()["mapping"]["rows"][0]
    assert (row["iso_code"], row["objects_adapted"], row["objects_total"]) == ("KZ-55", 850, 2000)
    bad = post(admin, body, "text/csv", dry_run="true", columns="A=nonsense", **params)
    assert bad.status_code == 422 and "columns" in bad.json()["problems"][0]["reason"]


def test_note_and_categories_are_stored_and_shown_in_the_diff(admin: Admin) -> None:
    source = f"{SYNTHETIC_SOURCE}-note"
    body = (
        "region,as_of,objects_adapted,objects_total,source_url,categories,note\n"
        f"Костанайская область,2025-05-01,400,1000,{source},health; education,synthetic note\n"
    ).encode()
    check = post(admin, body, "text/csv", dry_run="true", note="file note")
    notes = {i["note"] for i in check.json()["new"]}
    assert notes == {"synthetic note; categories: health; education; file note"}
    committed = post(admin, body, "text/csv", note="file note").json()
    engine = admin.client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        stored = set(
            connection.execute(
                select(models.Observation.note).where(
                    models.Observation.revision_id == committed["revision_id"]
                )
            ).scalars()
        )
    assert stored == notes
    # The same figures with another note are a change, not "unchanged".
    again = post(admin, body.replace(b"synthetic note", b"corrected note"), "text/csv")
    assert [i["previous_note"] for i in again.json()["changed"]] == [stored.pop()] * 2


def test_templates_download_and_upload_back(admin: Admin) -> None:
    for lang, sheet in (("kk", "Мәліметтер"), ("ru", "Данные"), ("en", "Data")):
        xlsx = admin.client.get(f"/admin/upload/template.xlsx?lang={lang}")
        assert xlsx.status_code == 200 and xlsx.headers["content-type"] == XLSX
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        ws = book[sheet]
        assert ws.max_row == 22  # header, 20 regions, the total
        ws["C2"], ws["D2"] = 10, 20  # the first region, adapted and registered
        filled = io.BytesIO()
        book.save(filled)
        params = {"as_of": "2025", "source_url": f"{SYNTHETIC_SOURCE}-template", "lang": lang}
        answer = post(admin, filled.getvalue(), XLSX, dry_run="true", **params)
        assert answer.status_code == 200, answer.text
        assert [r["row"] for r in answer.json()["mapping"]["rows"]] == [1]
        assert len(answer.json()["mapping"]["skipped"]) == 20  # 19 empty regions and the total
        csv = admin.client.get(f"/admin/upload/template.csv?lang={lang}")
        assert csv.content.startswith(b"\xef\xbb\xbf")
        text = csv.content.decode("utf-8-sig")
        delimiter = ";" if lang != "en" else ","
        lines = text.splitlines()
        lines[1] = lines[1].replace(
            delimiter * 6, f"{delimiter}{delimiter}10{delimiter}20" + delimiter * 3
        )
        answer = post(
            admin, "\r\n".join(lines).encode("utf-8-sig"), "text/csv", dry_run="true", **params
        )
        assert answer.status_code == 200, answer.text
        rows = answer.json()["mapping"]["rows"]
        assert [(r["objects_adapted"], r["objects_total"]) for r in rows] == [(10, 20)]


def test_the_form_reads_both_files_offers_the_title_date_corrects_and_commits(
    admin: Admin,
) -> None:
    from playwright.sync_api import expect

    from api.app import create_app
    from tests.chromium import launch_browser, open_page, run_axe, serious_violations, serve_app

    workbook = kazakh_workbook(
        [
            [1, "Атырау облысы", "2 000", 1300, "65,0"],
            [2, "Маңғыстау облысы", None, None, "41,5"],
            [None, "Барлығы", None, None, None],
        ]
    )
    russian = (
        "Регион;Дата;Адаптировано объектов;Всего объектов на карте;Источник\r\n"
        f"Карагандинская область;04.08.2025;1 300;2 000;{SYNTHETIC_SOURCE}-form-ru\r\n"
    ).encode("cp1251")
    before = admin.counts()
    with serve_app(create_app(admin.settings)) as base, launch_browser() as browser:
        page, report = open_page(browser, f"{base}/admin/upload?lang=kk")
        assert serious_violations(run_axe(page)) == []
        assert "Картадағы объектілер саны" in (page.locator("#aliases").text_content() or "")
        page.locator("#token").fill(admin.editor)
        page.locator("#source_url").fill(f"{SYNTHETIC_SOURCE}-form-kk")
        page.locator("#file").set_input_files(
            files=[{"name": "кесте.xlsx", "mimeType": XLSX, "buffer": workbook}]
        )
        page.get_by_role("button", name="Тексеру").click()
        preview = page.locator("#diff table").first
        expect(preview).to_contain_text("Атырау облысы")
        # The date in the title is offered in the form, where the editor can change it.
        expect(page.locator("#as_of")).to_have_value("2026-03-01")
        expect(page.get_by_label("Өріс B")).to_have_value("region")
        expect(page.get_by_label("Өріс A")).to_have_value("")  # the № column
        expect(preview).to_contain_text("65 (кестеде)")
        expect(preview).to_contain_text("41,5 (кестеде)")
        expect(page.locator("#mapping")).to_contain_text("Барлығы")  # skipped, with the reason
        # Correct the mapping: without the share column Mangystau states nothing and is skipped.
        page.get_by_label("Өріс E").select_option("")
        expect(page.locator("#columns")).to_have_value("E=-")
        expect(preview).not_to_contain_text("Маңғыстау")
        expect(preview).to_contain_text("65 (есептелген)")
        page.get_by_label("Өріс E").select_option("adapted_share")
        expect(preview).to_contain_text("Маңғыстау")
        assert admin.counts() == before  # checking wrote nothing
        page.get_by_role("button", name="Сақтау").click()
        expect(page.locator("#message")).to_have_text(
            re.compile(r"^Сақталды: нұсқа \d+"), timeout=COMMIT_WAIT_MS
        )
        assert map_row(admin, "KZ-23", 2026) == ("65.0", "1300.0", "2000.0")
        assert map_row(admin, "KZ-47", 2026) == ("41.5", "", "")

        page, report_ru = open_page(browser, f"{base}/admin/upload?lang=ru")
        page.locator("#token").fill(admin.editor)
        page.locator("#file").set_input_files(
            files=[{"name": "данные.csv", "mimeType": "text/csv", "buffer": russian}]
        )
        page.get_by_role("button", name="Проверить").click()
        expect(page.locator("#mapping")).to_contain_text("cp1251")
        expect(page.locator("#diff table").first).to_contain_text("1 300")
        expect(page.locator("#diff table").first).to_contain_text("65 (вычислена)")
        page.get_by_role("button", name="Сохранить").click()
        expect(page.locator("#message")).to_have_text(
            re.compile(r"^Сохранено: ревизия \d+"), timeout=COMMIT_WAIT_MS
        )
        assert map_row(admin, "KZ-35", 2025) == ("65.0", "1300.0", "2000.0")

        for seen in (report, report_ru):
            assert seen.console_errors == [] and seen.external_requests == []
        # A bad file: the problem names the sheet and cell, in the form's language.
        bad = kazakh_workbook([[1, "Атырау облысы", 2000, 1300, "70,0"]])
        page.locator("#file").set_input_files(
            files=[{"name": "bad.xlsx", "mimeType": XLSX, "buffer": bad}]
        )
        page.locator("#source_url").fill(f"{SYNTHETIC_SOURCE}-form-bad")
        page.get_by_role("button", name="Проверить").click()
        expect(page.locator("#diff")).to_contain_text("Мәліметтер!E5")
        expect(page.locator("#diff")).to_contain_text("доля 70%, но 1300 / 2000 = 65.00%")
        expect(page.get_by_role("button", name="Сохранить")).to_be_disabled()
        assert all("422" in error for error in report_ru.console_errors)  # the refused upload
    assert admin.counts()[1] == before[1] + 2  # two revisions, none from the bad file
