"""The analysis notebooks execute against the project's database, so they never rot."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

from tests.conftest import Database

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
FIGURES = {
    "progress_to_80.ipynb": {"national_progress.png", "regional_counts.png", "pace_needed.png"},
    "centres.ipynb": {"centres_map.png", "centre_distances.png"},
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_notebook_executes_and_saves_its_figures(
    db: Database, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernel inherits this environment: same database as the test, figures in tmp.
    monkeypatch.setenv("ACCESSMAP_DATA_DIR", str(db.settings.data_dir))
    if db.settings.database_url:
        monkeypatch.setenv("ACCESSMAP_DATABASE_URL", db.settings.database_url)
    else:
        monkeypatch.delenv("ACCESSMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("ACCESSMAP_FIGURES_DIR", str(tmp_path))
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError on any failing cell
    assert {path.name for path in tmp_path.glob("*.png")} == FIGURES[name]
    assert all(path.stat().st_size > 10_000 for path in tmp_path.glob("*.png"))
    text = "".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )
    if name == "centres.ipynb":
        expected = "['Almaty oblast', 'Atyrau', 'Mangystau', 'Ulytau']"
        assert f"No operating autism centre identified: {expected}" in text
    else:
        assert "Kyzylorda" in text and "no_share_to_check" in text
