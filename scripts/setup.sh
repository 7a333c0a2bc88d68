#!/usr/bin/env bash
# Install what the project needs on a fresh Debian machine: system packages through apt (only those
# missing), a virtual environment in .venv and the project with its development extras.
# Usage: scripts/setup.sh [--with-test-deps]   (test deps: PostGIS, GDAL tools, Chromium, QGIS)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libsqlite3-mod-spatialite python3-venv)
if [[ "${1:-}" == "--with-test-deps" ]]; then
  # python3-qgis: QGIS 3.22 as officials have it, run by tests/test_qgis.py with the system
  # python3 (/usr/bin/python3), headless (QT_QPA_PLATFORM=offscreen).
  # gettext: msgfmt checks the translations' placeholders (tests/test_i18n_catalogue.py).
  packages+=(postgresql-15-postgis-3 gdal-bin chromium python3-qgis gettext)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "==> apt: installing ${missing[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
  echo "==> creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last install.
stamp=.venv/.accessmap-installed
if [[ ! -f $stamp || pyproject.toml -nt $stamp ]]; then
  echo "==> installing the project into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
