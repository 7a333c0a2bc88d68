"""The package layout keeps its import rules ([tool.importlinter] in pyproject.toml).

geo (the domain) imports neither rendering nor the web; render (pages, tiles, images, reports)
imports no web or database; api.db (persistence) no web; no router imports another.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(linter), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout, result.stdout
