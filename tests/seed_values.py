"""Values the seed files record, for tests that must tell the data's words from the interface's."""

from __future__ import annotations

import csv

from api.settings import PROJECT_ROOT


def seed_citations() -> list[str]:
    """Every source the seed cites as a document (not an address), longest first."""
    cited = set()
    for path in (PROJECT_ROOT / "seed").glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                source = row.get("source") or row.get("source_url") or ""
                if source and not source.startswith(("http://", "https://")):
                    cited.add(source)
    return sorted(cited, key=len, reverse=True)
