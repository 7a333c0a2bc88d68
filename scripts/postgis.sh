#!/usr/bin/env bash
# Make sure a local PostgreSQL 15 cluster with PostGIS is running and reachable on 127.0.0.1.
# Prints nothing on success; exits non-zero with a reason otherwise.
set -euo pipefail
version=${ACCESSMAP_PG_VERSION:-15}
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1==v && $2=="main" && $4=="online"' | grep -q .; then
  if pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1==v && $2=="main"' | grep -q .; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  else
    echo "no PostgreSQL $version cluster 'main' on this machine" >&2
    exit 1
  fi
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not accepting connections" >&2; exit 1; }
test -f "/usr/share/postgresql/$version/extension/postgis.control" \
  || { echo "PostGIS is not installed for PostgreSQL $version" >&2; exit 1; }
