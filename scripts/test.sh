#!/usr/bin/env bash
# Set up everything the tests need (apt packages, venv, a running PostGIS) and run the whole suite
# on both database backends. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --with-test-deps
if ! scripts/postgis.sh; then
  # Under CI a missing PostGIS is a failure; the tests themselves enforce that too.
  [[ "${CI:-}" == "true" ]] && { echo "PostGIS unavailable under CI" >&2; exit 1; }
fi
.venv/bin/ruff check geo render api tests benchmarks
.venv/bin/ruff format --check geo render api tests benchmarks
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
