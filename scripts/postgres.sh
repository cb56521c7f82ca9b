#!/usr/bin/env bash
# Makes a PostgreSQL server available for the tests and prints its connection string.
# Uses STADTWERK_TEST_POSTGRES when set; otherwise installs Debian's postgresql when missing,
# starts the local cluster (pg_ctlcluster, since initdb refuses root) and creates the role
# 'stadtwerk' (password 'stadtwerk', may create databases: each test run makes its own).
# Usage: eval "$(scripts/postgres.sh)"   -> exports STADTWERK_TEST_POSTGRES
set -euo pipefail

if [ -n "${STADTWERK_TEST_POSTGRES:-}" ]; then
  printf 'export STADTWERK_TEST_POSTGRES=%q\n' "$STADTWERK_TEST_POSTGRES"
  exit 0
fi

log() { echo "postgres.sh: $*" >&2; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
  apt-get install -y -qq postgresql postgresql-contrib >&2
fi

version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  log "starting cluster $version/main on port $port"
  pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "the server on port $port does not answer"; exit 1; }

as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 >&2 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stadtwerk') THEN
    CREATE ROLE stadtwerk LOGIN PASSWORD 'stadtwerk' CREATEDB;
  END IF;
END $$;
-- lets a test drop its database while another session of the test role is still closing
GRANT pg_signal_backend TO stadtwerk;
SQL

printf 'export STADTWERK_TEST_POSTGRES=%q\n' "Host=127.0.0.1;Port=$port;Username=stadtwerk;Password=stadtwerk;Database=postgres"
