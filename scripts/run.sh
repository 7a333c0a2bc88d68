#!/usr/bin/env bash
# Set up (first time only) and start the service on the embedded SpatiaLite default.
# The first start builds the boundaries and seeds the database; the URL is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/accessmap serve "$@"
