"""Seed files and uploads refuse the same dates, sources and regions (one rule, geo.row_rules),
each in its own wording; a centre record has one list of fields."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date
from pathlib import Path

import pytest

from api.db import models
from api.db.centre_edits import COPIED
from geo.sources import Centre, read_centres
from geo.upload_rows import UploadError
from geo.uploads import CENTRE_FIELDS, parse_centre
from geo.vocabulary import CENTRE_FIELDS as STORED_FIELDS

SEED = Path(__file__).resolve().parents[1] / "seed"
TODAY = date(2026, 6, 1)


def _seed_centre_problems(tmp_path: Path, **changed: str) -> list[str]:
    with (SEED / "centers.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, first = list(reader.fieldnames or []), next(reader)
    path = tmp_path / "centers.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields)
        writer.writeheader()
        writer.writerow(first | changed)
    _centres, problems = read_centres(path)
    return [problem.reason for problem in problems]


def _upload_centre(**changed: str) -> dict[str, object]:
    record = {
        "name": "Synthetic test centre",
        "kind": "rehab_center",
        "region": "KZ-23",
        "status": "planned",
        "source_url": "https://example.org/centre",
    }
    return parse_centre(record | changed, partial=False, today=TODAY)


@pytest.mark.parametrize(
    ("text", "seed_reason"),
    [
        ("2025-02-30", "column source_date: '2025-02-30' is not a calendar date"),
        # Arabic-Indic digits: int() reads them, the rule does not.
        (
            "٢٠٢٥-٠١-٠١",
            "column source_date: '٢٠٢٥-٠١-٠١' is not a date " + "(YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        ("2999-01-01", "column source_date: 2999-01-01 is in the future"),
    ],
)
def test_seed_and_upload_refuse_the_same_dates(tmp_path: Path, text: str, seed_reason: str) -> None:
    assert _seed_centre_problems(tmp_path, source_date=text) == [seed_reason]
    with pytest.raises(UploadError) as refused:
        _upload_centre(source_date=text)
    assert [(p.column, p.reason) for p in refused.value.problems] == [
        ("source_date", f"{text!r} is not a past date YYYY-MM-DD")
    ]


def test_seed_and_upload_words_their_own_source_and_region_refusals(tmp_path: Path) -> None:
    assert _seed_centre_problems(tmp_path, source_url="") == [
        "column source_url: a source is required"
    ]
    with pytest.raises(UploadError) as refused:
        _upload_centre(source_url="shared/seeds/briefing.pdf")
    assert [p.reason for p in refused.value.problems] == ["a source URL (http/https) is required"]
    # The seed writes codes; a form takes a name.
    assert _seed_centre_problems(tmp_path, iso_code="Атырауская область")[0].startswith(
        "column iso_code: unknown region"
    )
    assert _upload_centre(region="Атырауская область")["iso_code"] == "KZ-23"


def test_a_centre_has_one_list_of_fields() -> None:
    record = {f.name for f in dataclasses.fields(Centre)} - {"status_text", "origin"}
    assert set(STORED_FIELDS) == record
    assert COPIED == STORED_FIELDS
    assert set(STORED_FIELDS) <= set(models.Centre.__table__.columns.keys())
    assert CENTRE_FIELDS == (
        "name",
        "kind",
        "operator",
        "region",
        "settlement",
        "address",
        "capacity",
        "capacity_text",
        "status",
        "opening",
        "source_url",
        "source_date",
        "note",
        "lon",
        "lat",
    )
